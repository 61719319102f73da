namespace Kaireon.Core.Tenancy;

/// <summary>Who is acting: the API key behind a request, or the system itself (provisioning, bootstrap).</summary>
public sealed record Actor(string KeyId)
{
    public static readonly Actor System = new("system");
}
