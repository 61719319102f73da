using Kaireon.Storage.Cosmos;
using Kaireon.Storage.Sqlite;

namespace Kaireon.Functions.Hosting;

/// <summary><c>Kaireon:Storage:Provider</c>: <c>Sqlite</c> (default, standalone) or <c>Cosmos</c>.</summary>
public static class StorageSelection
{
    public const string ProviderKey = "Kaireon:Storage:Provider";

    public static bool UsesSqlite(IConfiguration configuration) =>
        string.Equals(configuration[ProviderKey] ?? "Sqlite", "Sqlite", StringComparison.OrdinalIgnoreCase);

    public static WebApplicationBuilder AddKaireonStorage(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration[ProviderKey] ?? "Sqlite";
        if (UsesSqlite(builder.Configuration)) builder.Services.AddSqliteStorage();
        else if (string.Equals(provider, "Cosmos", StringComparison.OrdinalIgnoreCase)) builder.Services.AddCosmosStorage();
        else throw new InvalidOperationException($"{ProviderKey} must be Sqlite or Cosmos, not '{provider}'.");
        return builder;
    }
}
