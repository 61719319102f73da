namespace Kaireon.Core.Tenancy;

/// <summary>Who a presented key is: its tenant, its id (the audit log's actor) and what it may do.</summary>
public sealed record ApiKeyIdentity(TenantId Tenant, string KeyId, IReadOnlySet<ApiScope> Scopes)
{
    public Actor Actor => new(KeyId);
}
