using Kaireon.Core.Audit;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Core.Tests.Tenancy;

/// <summary>API keys against a real SQLite store, with time driven by a fake clock.</summary>
public sealed class ApiKeyServiceTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kaireon-keys-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.Zero));
    private readonly TenantId _tenant = TenantId.Parse("acme");
    private SqliteDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = Path.Combine(_folder, "k.db") }));
        await new SqliteStoreHealth(_database).InitializeAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private ApiKeyService Instance(string pepper = "pepper-0123456789-0123456789-0123456789") =>
        new(new SqliteCatalogStore(_database), new AuditLog(new SqliteTraceStore(_database, _clock), _clock), _clock,
            Options.Create(new ApiKeyOptions { ApiKeyPepper = pepper, CacheSeconds = 5 }));

    [Fact]
    public async Task A_key_resolves_to_its_tenant_scopes_and_id()
    {
        var keys = Instance();
        var issued = (await keys.CreateAsync(_tenant, "web", [ApiScope.Runtime, ApiScope.Read], Actor.System, Ct)).Entity!;

        var identity = await keys.AuthenticateAsync(issued.Secret, Ct);

        Assert.Equal(_tenant, identity!.Tenant);
        Assert.Equal(issued.Key.Id, identity.KeyId);
        Assert.Equal([ApiScope.Runtime, ApiScope.Read], identity.Scopes.Order());
        Assert.StartsWith("krn_", issued.Secret);
        Assert.Null(issued.Key.Hash);
    }

    [Fact]
    public async Task Revocation_is_immediate_here_and_within_five_seconds_on_other_instances()
    {
        var here = Instance();
        var elsewhere = Instance();
        var issued = (await here.CreateAsync(_tenant, "web", [ApiScope.Admin], Actor.System, Ct)).Entity!;
        Assert.NotNull(await here.AuthenticateAsync(issued.Secret, Ct));
        Assert.NotNull(await elsewhere.AuthenticateAsync(issued.Secret, Ct));

        await here.RevokeAsync(_tenant, issued.Key.Id!, Actor.System, Ct);

        Assert.Null(await here.AuthenticateAsync(issued.Secret, Ct));
        Assert.NotNull(await elsewhere.AuthenticateAsync(issued.Secret, Ct));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(await elsewhere.AuthenticateAsync(issued.Secret, Ct));
    }

    [Fact]
    public async Task Hashes_depend_on_the_pepper_so_another_pepper_verifies_nothing()
    {
        var issued = (await Instance().CreateAsync(_tenant, "web", [ApiScope.Admin], Actor.System, Ct)).Entity!;

        Assert.Null(await Instance("another-pepper-0123456789-0123456789").AuthenticateAsync(issued.Secret, Ct));
        Assert.NotEqual(Instance().Hash(issued.Secret), Instance("another-pepper-0123456789-0123456789").Hash(issued.Secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-kaireon-key")]
    [InlineData("krn_unknown")]
    public async Task Unknown_and_malformed_keys_resolve_to_nothing(string presented) =>
        Assert.Null(await Instance().AuthenticateAsync(presented, Ct));
}
