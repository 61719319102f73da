using Kaireon.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Kaireon.Storage.Sqlite;

public static class SqliteStorageServices
{
    /// <summary>The SQLite adapter for every storage port: one file at <c>Kaireon:Storage:Sqlite:Path</c>.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services)
    {
        services.AddSqliteDatabase();
        services.AddSingleton<ICatalogStore, SqliteCatalogStore>();
        services.AddSingleton<ITraceStore, SqliteTraceStore>();
        services.AddSingleton<ICustomerStore, SqliteCustomerStore>();
        services.AddSingleton<IRollupStore, SqliteRollupStore>();
        services.AddSingleton<IStoreHealth, SqliteStoreHealth>();
        return services;
    }

    /// <summary>The SQLite file alone, for the local stream when the stores are elsewhere; registering it twice is harmless.</summary>
    public static IServiceCollection AddSqliteDatabase(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(SqliteDatabase))) return services;
        services.AddOptions<SqliteOptions>().BindConfiguration(SqliteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SqliteDatabase>();
        return services;
    }
}
