using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Functions.Tenancy;
using Microsoft.Extensions.Options;

namespace Kaireon.Functions.Hosting;

/// <summary>Runs once before the app serves: creates the store's tables or containers, then the bootstrap tenant and key.</summary>
public static partial class KaireonStartup
{
    public static async Task InitializeKaireonAsync(this WebApplication app, CancellationToken ct = default)
    {
        var services = app.Services;
        await services.GetRequiredService<IStoreHealth>().InitializeAsync(ct);

        var options = services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        var tenant = TenantId.Parse(options.TenantId);
        await services.GetRequiredService<TenantProvisioner>().EnsureAsync(tenant, options.TenantName, ct);

        var keys = services.GetRequiredService<ApiKeyService>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Kaireon.Bootstrap");
        ApiScope[] scopes = [ApiScope.Admin, ApiScope.Platform];
        if (options.ApiKey is { } configured)
        {
            if (!await keys.IsRegisteredAsync(configured, ct))
            {
                await keys.CreateAsync(tenant, "bootstrap (from configuration)", scopes, Actor.System, ct, secret: configured);
                LogBootstrapKeyRegistered(logger, tenant.Value);
            }
        }
        else if (!await keys.AnyAsync(tenant, ct))
        {
            var issued = await keys.CreateAsync(tenant, "bootstrap (generated)", scopes, Actor.System, ct);
            LogGeneratedKey(logger, tenant.Value, issued.Entity!.Secret);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered the configured bootstrap API key for tenant {TenantId}")]
    private static partial void LogBootstrapKeyRegistered(ILogger logger, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Kaireon:Bootstrap:ApiKey is configured, so an admin+platform key was generated for tenant {TenantId}. It is shown only this once: {ApiKey}")]
    private static partial void LogGeneratedKey(ILogger logger, string tenantId, string apiKey);
}
