using Azure.Core;
using Azure.Identity;
using Kaireon.Core.Interactions;
using Microsoft.Extensions.Options;
using Kaireon.Functions.Hosting.Invocations;
using Kaireon.Storage.Sqlite;

namespace Kaireon.Functions.Interactions;

/// <summary><c>Kaireon:Stream:Provider</c>: the event stream behind Respond and events.</summary>
public static class StreamSelection
{
    public const string ProviderKey = "Kaireon:Stream:Provider";

    public static WebApplicationBuilder AddKaireonStream(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The consumer of Event Hubs, invoked by the Functions host; it exists whatever publishes.
        services.AddOptions<EventHubsOptions>().BindConfiguration(EventHubsOptions.Section);
        services.AddFunctionInvocation<ProcessEventsInvocation>(ProcessEventsInvocation.FunctionName);

        var provider = builder.Configuration[ProviderKey] ?? "Local";
        if (string.Equals(provider, "Local", StringComparison.OrdinalIgnoreCase))
        {
            services.AddOptions<LocalStreamOptions>().BindConfiguration(LocalStreamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
            services.AddSqliteDatabase();
            services.AddSingleton<SqliteOutbox>();
            services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<SqliteOutbox>());
            services.AddHostedService<LocalStreamConsumer>();
        }
        else if (string.Equals(provider, "EventHubs", StringComparison.OrdinalIgnoreCase))
        {
            services.AddOptions<EventHubsOptions>()
                .Validate(o => !string.IsNullOrEmpty(o.FullyQualifiedNamespace) && !string.IsNullOrEmpty(o.EventHubName),
                    "Kaireon:Stream:EventHubs:FullyQualifiedNamespace and EventHubName are required with Kaireon:Stream:Provider=EventHubs.")
                .ValidateOnStart();
            services.AddSingleton<TokenCredential>(sp => sp.GetRequiredService<IOptions<EventHubsOptions>>().Value.ClientId is { Length: > 0 } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential());
            services.AddHttpClient(EventHubsPublisher.HttpClientName).AddStandardResilienceHandler();
            services.AddSingleton<EventHubsPublisher>();
            services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<EventHubsPublisher>());
        }
        else
        {
            throw new InvalidOperationException($"{ProviderKey} must be Local (the SQLite outbox) or EventHubs, not '{provider}'.");
        }
        return builder;
    }
}
