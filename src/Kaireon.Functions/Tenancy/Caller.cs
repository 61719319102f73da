using Kaireon.Core.Tenancy;
using Microsoft.AspNetCore.Http.Features;

namespace Kaireon.Functions.Tenancy;

/// <summary>
/// The authenticated caller, bound as a handler parameter: its tenant (from the key, never from the
/// request) goes into every store call, its key id into the audit log.
/// </summary>
public sealed record Caller(TenantId Tenant, Actor Actor)
{
    public static ValueTask<Caller> BindAsync(HttpContext context)
    {
        var identity = context.Features.Get<ApiKeyIdentity>()
            ?? throw new InvalidOperationException("Caller is bound only on endpoints that require an API key.");
        return ValueTask.FromResult(new Caller(identity.Tenant, identity.Actor));
    }
}
