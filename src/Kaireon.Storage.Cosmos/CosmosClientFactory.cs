using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace Kaireon.Storage.Cosmos;

/// <summary>Builds the one <see cref="CosmosClient"/> of the app, the same way for the service and its tests.</summary>
public static class CosmosClientFactory
{
    /// <param name="options">Endpoint and credentials.</param>
    /// <param name="httpClientFactory">
    /// Replaces the SDK's HTTP client; tests use it to reach a local server (certificate, headers).
    /// Null in the service.
    /// </param>
    public static CosmosClient Create(CosmosOptions options, Func<HttpClient>? httpClientFactory = null)
    {
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "kaireon",
            // Gateway mode speaks HTTPS to the one endpoint configured, which is also all the test
            // server and the emulator speak; LimitToEndpoint keeps the SDK off the regional
            // endpoints an account advertises (design §3).
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            HttpClientFactory = httpClientFactory,
        };
        return string.IsNullOrEmpty(options.Key)
            ? new CosmosClient(options.Endpoint, Credential(options.ClientId), clientOptions)
            : new CosmosClient(options.Endpoint, options.Key, clientOptions);
    }

    private static TokenCredential Credential(string? clientId) =>
        string.IsNullOrEmpty(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
