using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Core;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Tenancy;
using Microsoft.Extensions.Options;

namespace Kaireon.Functions.Interactions;

/// <summary>
/// Publishes to Event Hubs through its REST endpoint (the Event Hubs client library cannot be
/// restored here), authenticated with Microsoft Entra ID (managed identity): one request per
/// customer, partition key <c>tenant|customer</c>, so a customer's events stay in order in one
/// partition. Transient failures are retried by the HTTP client's resilience pipeline; a publish
/// that still fails throws, and nothing has been written yet (the recorder publishes first).
/// </summary>
public sealed class EventHubsPublisher(IHttpClientFactory clients, TokenCredential credential, IOptions<EventHubsOptions> options, TimeProvider clock)
    : IEventPublisher
{
    public const string HttpClientName = "eventhubs";
    public const string Scope = "https://eventhubs.azure.net/.default";
    public const string ContentType = "application/vnd.microsoft.servicebus.json";

    // Shared by concurrent publishes; two of them refreshing at once only costs a second token request.
    private volatile StrongBox<AccessToken>? _token;

    public async Task PublishAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, CancellationToken ct)
    {
        var o = options.Value;
        var uri = new Uri($"https://{o.FullyQualifiedNamespace}/{o.EventHubName}/messages?api-version=2014-01&timeout=60");
        var token = await TokenAsync(ct);
        var http = clients.CreateClient(HttpClientName);
        foreach (var customer in interactions.GroupBy(i => i.CustomerId))
        {
            var partitionKey = $"{tenant.Value}|{customer.Key}";
            var messages = customer.Select(i => new EventHubsMessage(
                JsonSerializer.Serialize(new StreamEvent(tenant.Value, i), KaireonJson.Default.StreamEvent),
                new EventHubsBrokerProperties(partitionKey))).ToArray();
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new StringContent(JsonSerializer.Serialize(messages, EventHubsJson.Default.EventHubsMessageArray), Encoding.UTF8),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    $"Event Hubs refused {messages.Length} events for {partitionKey}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}",
                    null, response.StatusCode);
            }
        }
    }

    /// <summary>A token reused until five minutes before it expires.</summary>
    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_token is { } cached && cached.Value.ExpiresOn > clock.GetUtcNow().AddMinutes(5)) return cached.Value.Token;
        var fresh = await credential.GetTokenAsync(new TokenRequestContext([Scope]), ct);
        _token = new StrongBox<AccessToken>(fresh);
        return fresh.Token;
    }
}

/// <summary>One message of the REST batch format: the body text and the partition key.</summary>
public sealed record EventHubsMessage(
    [property: JsonPropertyName("Body")] string Body,
    [property: JsonPropertyName("BrokerProperties")] EventHubsBrokerProperties BrokerProperties);

public sealed record EventHubsBrokerProperties([property: JsonPropertyName("PartitionKey")] string PartitionKey);

[JsonSerializable(typeof(EventHubsMessage[]))]
internal sealed partial class EventHubsJson : JsonSerializerContext;
