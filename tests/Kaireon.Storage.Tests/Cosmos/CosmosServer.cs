using Kaireon.Storage.Cosmos;
using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Cosmos;
using Microsoft.Azure.Cosmos;

[assembly: AssemblyFixture(typeof(CosmosServer))]

namespace Kaireon.Storage.Tests.Cosmos;

/// <summary>
/// The Cosmos DB the Cosmos tests run against, one per test run: the emulator when
/// <c>COSMOS_ENDPOINT</c> and <c>COSMOS_KEY</c> are set, else the npm test server started here.
/// </summary>
/// <remarks>
/// A server that cannot start fails every test that asks for <see cref="Stores"/>, with the reason
/// and the fix; it never skips them. Other tests of the assembly are not held up by it.
/// </remarks>
public sealed class CosmosServer : IAsyncLifetime
{
    // The emulator's published key; the test server accepts any key.
    private const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private LocalCosmosProcess? _local;
    private CosmosClient? _client;
    private StoreSet? _stores;
    private Exception? _startFailure;

    /// <summary>Endpoint, key and database of this run; tests use fresh tenants, so they share the database.</summary>
    public CosmosOptions Options { get; private set; } = new();

    /// <summary>The HTTP client the SDK must use to talk to this server (see <see cref="TestServerQuirksHandler"/>).</summary>
    public Func<HttpClient> HttpClientFactory { get; private set; } = () => new HttpClient();

    /// <summary>The ports on one shared client, with the containers created.</summary>
    public StoreSet Stores => _stores ?? throw new InvalidOperationException(
        $"No Cosmos DB to test against: {_startFailure?.Message}", _startFailure);

    public CosmosClient CreateClient() => CosmosClientFactory.Create(Options, HttpClientFactory);

    public async ValueTask InitializeAsync()
    {
        try
        {
            await StartAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception e)
        {
            _startFailure = e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null && _local is null)
        {
            // The emulator outlives the run: leave it as it was.
            using var deleted = await _client.GetDatabase(Options.Database).DeleteStreamAsync();
        }
        _client?.Dispose();
        _local?.Dispose();
    }

    private async Task StartAsync(CancellationToken ct)
    {
        var endpoint = Environment.GetEnvironmentVariable("COSMOS_ENDPOINT");
        var key = Environment.GetEnvironmentVariable("COSMOS_KEY");
        if (!string.IsNullOrEmpty(endpoint) && !string.IsNullOrEmpty(key))
        {
            Options = new CosmosOptions { Endpoint = endpoint, Key = key, Database = $"kaireon-test-{Guid.NewGuid():N}" };
            // The emulator's certificate is self-signed.
            HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
        }
        else
        {
            _local = await LocalCosmosProcess.StartAsync(ct);
            Options = new CosmosOptions { Endpoint = _local.Endpoint.ToString(), Key = EmulatorKey, Database = "kaireon" };
            HttpClientFactory = () => new HttpClient(new TestServerQuirksHandler(new HttpClientHandler()));
        }

        _client = CreateClient();
        var containers = new CosmosContainers(_client, Options.Database);
        var health = new CosmosStoreHealth(containers);
        await health.InitializeAsync(ct);
        _stores = new StoreSet(new CosmosCatalogStore(containers), new CosmosTraceStore(containers), health,
            new CosmosCustomerStore(containers), new CosmosRollupStore(containers));
    }
}
