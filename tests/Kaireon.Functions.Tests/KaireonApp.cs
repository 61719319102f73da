using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Kaireon.Storage.Sqlite;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kaireon.Functions.Tests;

/// <summary>
/// The whole app over real HTTP semantics (TestServer) with a real SQLite file per instance, a known
/// bootstrap key and pepper. Tests make their own tenants, so one instance serves a whole class.
/// </summary>
public sealed class KaireonApp : WebApplicationFactory<Program>
{
    public const string BootstrapKey = "krn_test_bootstrap_key_0123456789abcdef";
    private readonly string _folder = Directory.CreateTempSubdirectory("kaireon-app-").FullName;

    public string DatabasePath => Path.Combine(_folder, "kaireon.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Kaireon:Storage:Provider", "Sqlite");
        builder.UseSetting("Kaireon:Storage:Sqlite:Path", DatabasePath);
        builder.UseSetting("Kaireon:Bootstrap:ApiKey", BootstrapKey);
        builder.UseSetting("Kaireon:Security:ApiKeyPepper", "test-pepper-0123456789-0123456789-0123456789");
    }

    /// <summary>A client holding <paramref name="key"/> as X-API-Key.</summary>
    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>The bootstrap tenant's admin + platform client.</summary>
    public HttpClient PlatformClient() => ClientWithKey(BootstrapKey);

    /// <summary>A fresh tenant and its admin key, created through the API as a platform operator would.</summary>
    public async Task<TestTenant> NewTenantAsync(CancellationToken ct = default)
    {
        var id = $"t-{Guid.NewGuid():N}"[..20];
        using var platform = PlatformClient();
        var response = await platform.PostAsJsonAsync("/api/v1/tenants", new { id, name = $"Tenant {id}" }, ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        return new TestTenant(this, id, (string)body!["apiKey"]!);
    }

    /// <summary>
    /// Waits until the local stream has applied everything published so far (POST /events is
    /// stream-first): the outbox is empty once every batch is applied and acknowledged.
    /// </summary>
    public async Task WaitForStreamAsync()
    {
        var outbox = Services.GetRequiredService<SqliteOutbox>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var undelivered = 0;
            for (var partition = 0; partition < outbox.Partitions; partition++)
                undelivered += (await outbox.ReadAsync(partition, 1, CancellationToken.None)).Entries.Count;
            if (undelivered == 0) return;
            if (DateTime.UtcNow > deadline) Assert.Fail("The local stream did not apply what was published within 30 s.");
            await Task.Delay(20);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A tenant made for one test: its id, its admin key, and clients for other scopes.</summary>
public sealed record TestTenant(KaireonApp App, string Id, string AdminKey)
{
    public HttpClient Admin() => App.ClientWithKey(AdminKey);

    /// <summary>A new key of this tenant with the given scopes, made with the admin key.</summary>
    public async Task<HttpClient> ClientWithScopesAsync(params string[] scopes)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = string.Join("+", scopes), scopes });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return App.ClientWithKey((string)body!["key"]!);
    }
}
