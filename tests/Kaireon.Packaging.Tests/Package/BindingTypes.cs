namespace Kaireon.Packaging.Tests.Package;

/// <summary>
/// Binding types of Microsoft.Azure.Functions.ExtensionBundle 4.x (host.json asks for [4.*, 5.0.0)),
/// plus the host's built-in http and timer ones. A custom handler can use any of them; a type outside
/// this list would make the host reject the function at start.
/// </summary>
internal static class BindingTypes
{
    public static readonly IReadOnlySet<string> ExtensionBundleV4 = new HashSet<string>(StringComparer.Ordinal)
    {
        "httpTrigger", "http", "timerTrigger",
        "eventHubTrigger", "eventHub",
        "queueTrigger", "queue", "blobTrigger", "blob", "table",
        "serviceBusTrigger", "serviceBus",
        "cosmosDBTrigger", "cosmosDB",
        "eventGridTrigger", "eventGrid",
        "signalRTrigger", "signalR", "signalRConnectionInfo", "signalRNegotiation",
        "kafkaTrigger", "kafka", "rabbitMQTrigger", "rabbitMQ",
        "sqlTrigger", "sql", "sendGrid", "twilioSms",
        "webPubSubTrigger", "webPubSub", "webPubSubConnection", "webPubSubContext",
    };
}
