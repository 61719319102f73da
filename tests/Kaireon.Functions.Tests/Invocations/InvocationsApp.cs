using System.Text.Json;
using Kaireon.Functions.Hosting.Invocations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Kaireon.Functions.Tests.Invocations;

/// <summary>
/// The whole app plus test-only functions: <c>TestTimer</c>/<c>TestEvents</c> record what they get,
/// <c>TestThrows</c> fails, <c>Respond</c> is an envelope function, and a few inner routes under
/// <c>/test/</c> and <c>/v1/responses</c> answer what the tests need to see through an envelope.
/// </summary>
public sealed class InvocationsApp : IAsyncDisposable
{
    public const string OutEvents = "outEvents";
    private readonly KaireonApp _root = new();

    public InvocationsApp() => Factory = _root.WithWebHostBuilder(b => b.ConfigureServices(services =>
    {
        services.AddSingleton(Recorder);
        services.AddFunctionInvocation<RecordingHandler>("TestTimer");
        services.AddFunctionInvocation<RecordingHandler>("TestEvents");
        services.AddFunctionInvocation<ThrowingHandler>("TestThrows");
        services.AddHttpEnvelopeFunction("Respond");
        services.AddSingleton<IStartupFilter, TestRoutes>();
    }));

    public WebApplicationFactory<Program> Factory { get; }

    public InvocationRecorder Recorder { get; } = new();

    public HttpClient CreateClient() => Factory.CreateClient();

    public ValueTask DisposeAsync() => _root.DisposeAsync();

    public sealed class InvocationRecorder
    {
        private FunctionInvocation? _last;

        public FunctionInvocation Last => Volatile.Read(ref _last) ?? throw new InvalidOperationException("Nothing was invoked.");

        public void Record(FunctionInvocation invocation) => Volatile.Write(ref _last, invocation);
    }

    private sealed class RecordingHandler(InvocationRecorder recorder) : IFunctionInvocationHandler
    {
        public Task<InvocationReply> InvokeAsync(FunctionInvocation invocation, CancellationToken ct)
        {
            recorder.Record(invocation);
            return Task.FromResult(InvocationReply.WithLogs("tick handled"));
        }
    }

    private sealed class ThrowingHandler : IFunctionInvocationHandler
    {
        public Task<InvocationReply> InvokeAsync(FunctionInvocation invocation, CancellationToken ct) =>
            throw new InvalidOperationException("The store is down.");
    }

    // Appended after the app's own pipeline, so it answers only what no app endpoint matched.
    private sealed class TestRoutes : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(AnswerAsync);
        };

        private static async Task AnswerAsync(HttpContext context)
        {
            var response = context.Response;
            switch (context.Request.Path.Value)
            {
                case "/test/teapot":
                    response.StatusCode = StatusCodes.Status418ImATeapot;
                    response.Headers["X-Test"] = new StringValues(["a", "b"]);
                    response.ContentType = "text/plain; charset=utf-8";
                    await response.WriteAsync("short and stout ☕", context.RequestAborted);
                    break;
                case "/test/echo":
                    await EchoAsync(context);
                    break;
                case "/v1/responses":
                    await RespondAsync(context);
                    break;
                default:
                    response.StatusCode = StatusCodes.Status404NotFound;
                    break;
            }
        }

        private static async Task EchoAsync(HttpContext context)
        {
            var request = context.Request;
            using var reader = new StreamReader(request.Body);
            var echo = new Dictionary<string, object?>
            {
                ["method"] = request.Method,
                ["path"] = request.Path.Value,
                ["query"] = request.QueryString.Value,
                ["contentLength"] = request.ContentLength,
                ["headers"] = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase),
                ["body"] = await reader.ReadToEndAsync(context.RequestAborted),
                ["envelope"] = context.GetFunctionEnvelope()?.Function.FunctionName,
            };
            await context.Response.WriteAsJsonAsync(echo, context.RequestAborted);
        }

        // Stands in for a later Respond endpoint: the fixture's reply, outEvents through the feature.
        private static async Task RespondAsync(HttpContext context)
        {
            var expected = JsonDocument.Parse(InvocationFixtures.Read("respond-with-eventhub-output.reply.json")).RootElement;
            var envelope = context.GetFunctionEnvelope() ?? throw new InvalidOperationException("Not an envelope.");
            envelope.AddEvents(OutEvents, expected.GetProperty("Outputs").GetProperty(OutEvents).EnumerateArray().Select(e => e.GetString()!));
            envelope.Log(expected.GetProperty("Logs")[0].GetString()!);

            var res = expected.GetProperty("Outputs").GetProperty("res");
            context.Response.StatusCode = res.GetProperty("statusCode").GetInt32();
            context.Response.ContentType = res.GetProperty("headers").GetProperty("Content-Type").GetString();
            await context.Response.WriteAsync(res.GetProperty("body").GetString()!, context.RequestAborted);
        }
    }
}
