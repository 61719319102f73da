using Kaireon.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kaireon.Functions.Hosting;

/// <summary>Ready when the store answers: <c>/health/ready</c>.</summary>
public sealed class StoreHealthCheck(IStoreHealth store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.IsReadyAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The store is not ready.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store did not answer.", e);
        }
    }
}
