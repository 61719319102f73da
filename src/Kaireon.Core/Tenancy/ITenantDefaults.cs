namespace Kaireon.Core.Tenancy;

/// <summary>
/// Something every tenant starts with (settings, the ten outcome types, the summary definitions).
/// Each feature that has defaults registers one; provisioning runs them all, and they must be
/// idempotent: a provisioning that failed half way is completed by running it again.
/// </summary>
public interface ITenantDefaults
{
    Task EnsureAsync(TenantId tenant, CancellationToken ct);
}
