using Kaireon.Core.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kaireon.Storage.Cosmos;

public static class CosmosStorageServices
{
    /// <summary>
    /// The storage ports on Cosmos DB, configured from <see cref="CosmosOptions.Section"/>.
    /// <paramref name="httpClientFactory"/> is for tests that point the SDK at a local server.
    /// </summary>
    public static IServiceCollection AddCosmosStorage(this IServiceCollection services, Func<HttpClient>? httpClientFactory = null)
    {
        services.AddOptions<CosmosOptions>().BindConfiguration(CosmosOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // One client for the app: it holds the connections and the account's metadata.
        services.AddSingleton(sp => CosmosClientFactory.Create(sp.GetRequiredService<IOptions<CosmosOptions>>().Value, httpClientFactory));
        services.AddSingleton(sp => new CosmosContainers(
            sp.GetRequiredService<CosmosClient>(), sp.GetRequiredService<IOptions<CosmosOptions>>().Value.Database));
        services.AddSingleton<ICatalogStore, CosmosCatalogStore>();
        services.AddSingleton<ITraceStore, CosmosTraceStore>();
        services.AddSingleton<ICustomerStore, CosmosCustomerStore>();
        services.AddSingleton<IRollupStore, CosmosRollupStore>();
        services.AddSingleton<IStoreHealth, CosmosStoreHealth>();
        return services;
    }
}
