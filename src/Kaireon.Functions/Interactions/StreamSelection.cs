using Kaireon.Core.Interactions;
using Kaireon.Functions.Hosting.Invocations;
using Kaireon.Storage.Sqlite;

namespace Kaireon.Functions.Interactions;

/// <summary><c>Kaireon:Stream:Provider</c>: the event stream behind Respond and events.</summary>
public static class StreamSelection
{
    public const string ProviderKey = "Kaireon:Stream:Provider";

    public static WebApplicationBuilder AddKaireonStream(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration[ProviderKey] ?? "Local";
        if (!string.Equals(provider, "Local", StringComparison.OrdinalIgnoreCase))
        {
            // The Event Hubs publisher is the next step of the Interactions issue; until then only the local stream exists.
            throw new InvalidOperationException($"{ProviderKey} must be Local (the SQLite outbox); '{provider}' is not available in this version.");
        }
        var services = builder.Services;
        // The consumer of Event Hubs, invoked by the Functions host; it exists whatever publishes.
        services.AddOptions<EventHubsOptions>().BindConfiguration(EventHubsOptions.Section);
        services.AddFunctionInvocation<ProcessEventsInvocation>(ProcessEventsInvocation.FunctionName);
        services.AddOptions<LocalStreamOptions>().BindConfiguration(LocalStreamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSqliteDatabase();
        services.AddSingleton<SqliteOutbox>();
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<SqliteOutbox>());
        services.AddHostedService<LocalStreamConsumer>();
        return builder;
    }
}
