using System.Net;
using System.Net.Sockets;
using Kaireon.Core.Triggers;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Kaireon.Functions.Triggers;

/// <summary>
/// POSTs a signed body to a webhook URL (<see cref="WebhookSignature"/>), retrying transient failures
/// (network errors, timeouts, 408, 429, 5xx) with exponential backoff through Polly, and reporting
/// every attempt. Connections go through <see cref="WebhookAddressGuard"/>; redirects are not followed.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<TriggerOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "kaireon-webhooks";

    /// <summary>Set on a request whose host the tenant allow-listed: the guard then lets private addresses through.</summary>
    public static readonly HttpRequestOptionsKey<bool> AllowPrivateAddresses = new("Kaireon.AllowPrivateAddresses");

    public sealed record Attempt(int Number, bool Delivered, int? HttpStatus, string? Error, bool Refused);

    /// <summary>The handler of <see cref="HttpClientName"/>: the guard runs where the socket connects, after DNS.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var allowPrivate = context.InitialRequestMessage.Options.TryGetValue(AllowPrivateAddresses, out var allowed) && allowed;
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.TrimStart('[').TrimEnd(']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            if (!allowPrivate && addresses.FirstOrDefault(a => !WebhookAddressGuard.IsPublic(a)) is { } refused)
                throw new WebhookAddressRefusedException($"{host} resolves to {refused}, a loopback, private or link-local address; allow-list the host in the tenant's webhookAllowedHosts to deliver there.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public async Task<IReadOnlyList<Attempt>> SendAsync(
        Uri url, string secret, byte[] body, string firingId, bool allowPrivate, Func<Attempt, Task> onAttempt, CancellationToken ct)
    {
        var settings = options.Value;
        var attempts = new List<Attempt>();
        var client = clients.CreateClient(HttpClientName);
        var builder = new ResiliencePipelineBuilder<Attempt> { TimeProvider = clock };
        if (settings.WebhookMaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = settings.WebhookMaxRetries,
                Delay = TimeSpan.FromMilliseconds(settings.WebhookBaseDelayMs),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Delivered: false, Refused: false } attempt && IsTransient(attempt)),
            });
        }
        var pipeline = builder.Build();
        await pipeline.ExecuteAsync(async token =>
        {
            var attempt = await SendOnceAsync(client, url, secret, body, firingId, allowPrivate, attempts.Count + 1, settings.WebhookTimeoutSeconds, token);
            attempts.Add(attempt);
            await onAttempt(attempt);
            return attempt;
        }, ct);
        return attempts;
    }

    private async Task<Attempt> SendOnceAsync(
        HttpClient client, Uri url, string secret, byte[] body, string firingId, bool allowPrivate, int number, int timeoutSeconds, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.FiringHeader, firingId);
        request.Options.Set(AllowPrivateAddresses, allowPrivate);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return new Attempt(number, response.IsSuccessStatusCode, status, response.IsSuccessStatusCode ? null : $"answered {status}", Refused: false);
        }
        catch (HttpRequestException e) when (Refusal(e) is { } refused)
        {
            return new Attempt(number, false, null, refused.Message, Refused: true);
        }
        catch (HttpRequestException e)
        {
            return new Attempt(number, false, null, e.Message, Refused: false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Attempt(number, false, null, $"no answer within {timeoutSeconds} s", Refused: false);
        }
    }

    private static bool IsTransient(Attempt attempt) =>
        attempt.HttpStatus is null or 408 or 429 or >= 500;

    private static WebhookAddressRefusedException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is WebhookAddressRefusedException refused) return refused;
        return null;
    }
}
