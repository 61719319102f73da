using System.Collections.Concurrent;
using Kaireon.Core.Triggers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kaireon.Functions.Tests.Triggers;

/// <summary>
/// A real webhook receiver: Kestrel on 127.0.0.1 (a free port), verifying each request's signature
/// with the shared secret as a customer's endpoint would, answering <c>503</c> to the first
/// <see cref="FailFirst"/> requests and <c>200</c> after.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _seen;

    public sealed record Received(string? FiringId, string? Timestamp, string? Signature, byte[] Body, bool SignatureValid);

    public ConcurrentQueue<Received> Requests { get; } = new();
    public int FailFirst { get; set; }
    public Uri Url { get; private set; } = null!;

    private WebhookReceiver(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var timestamp = request.Headers[WebhookSignature.TimestampHeader].ToString();
            var signature = request.Headers[WebhookSignature.SignatureHeader].ToString();
            Requests.Enqueue(new Received(request.Headers[WebhookSignature.FiringHeader].ToString(), timestamp, signature, body,
                WebhookSignature.Verify(secret, timestamp, signature, body)));
            return Interlocked.Increment(ref _seen) <= FailFirst ? Results.StatusCode(503) : Results.Ok();
        });
    }

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var receiver = new WebhookReceiver(secret);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
