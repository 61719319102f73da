using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// Unwraps HTTP functions the host sends as envelopes (neither request proxying nor forwarding,
/// or a function with a further binding): <c>POST /{FunctionName}</c> with <c>Data.req</c> becomes
/// that request on the current <see cref="HttpContext"/>, the rest of the pipeline answers it as
/// usual, and its response goes back as <c>Outputs.res</c> in a 200 <c>application/json</c> reply
/// (design §2). Anything else passes through untouched, including a proxied client's own
/// <c>POST /Api</c> whose body is not an envelope.
/// </summary>
internal sealed class HttpEnvelopeMiddleware(
    RequestDelegate next,
    RequestDelegate unwrappedNext,
    IOptions<HttpEnvelopeOptions> options,
    ILogger<HttpEnvelopeMiddleware> logger)
{
    // The host derives these itself from the body it is handed.
    private static readonly HashSet<string> s_hopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Connection,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsCandidate(context.Request, out var function)
            || await TryReadEnvelopeAsync(context.Request, function, context.RequestAborted) is not { } envelope)
        {
            await next(context);
            return;
        }

        var (invocation, request) = envelope;
        request.ApplyTo(context);
        var feature = new FunctionEnvelopeFeature(function, invocation);
        context.Features.Set(feature);
        // Routing may already have matched "POST /Api"; the inner request must be matched afresh.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();

        using var response = await BufferedResponse.CaptureAsync(context, unwrappedNext);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Function {FunctionName} envelope {Method} {Path} answered {StatusCode}",
                function.FunctionName, request.Method, context.Request.Path.Value, response.StatusCode);
        }

        await WriteReplyAsync(context, function, feature, response);
    }

    private bool IsCandidate(HttpRequest request, [NotNullWhen(true)] out HttpEnvelopeFunction? function)
    {
        function = null;
        var path = request.Path.Value;
        return HttpMethods.IsPost(request.Method)
            && path is { Length: > 1 } && path[0] == '/'
            && options.Value.Functions.TryGetValue(path[1..], out function)
            && request.HasJsonContentType();
    }

    private static async Task<(FunctionInvocation, EnvelopeHttpRequest)?> TryReadEnvelopeAsync(
        HttpRequest request, HttpEnvelopeFunction function, CancellationToken ct)
    {
        request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            var invocation = FunctionInvocation.FromJson(document.RootElement);
            if (invocation.Data.TryGetValue(function.TriggerBinding, out var req)
                && EnvelopeHttpRequest.FromJson(req) is { } inner)
                return (invocation, inner);
        }
        catch (JsonException)
        {
            // Not an envelope: an ordinary request that happens to use this path.
        }

        request.Body.Position = 0;
        return null;
    }

    private static async Task WriteReplyAsync(
        HttpContext context, HttpEnvelopeFunction function, FunctionEnvelopeFeature feature, BufferedResponse response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            // Several values become one comma-joined string, the only shape the host keeps.
            if (!s_hopHeaders.Contains(name))
                headers[name] = string.Join(", ", values.ToArray());
        }

        var res = new EnvelopeHttpResponse
        {
            StatusCode = response.StatusCode,
            Headers = headers,
            // The API answers text (JSON, problem details); the host has no way to take bytes here.
            Body = Encoding.UTF8.GetString(response.WrittenBytes()),
        };

        var outputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        feature.CopyOutputsTo(outputs);
        outputs[function.ResponseBinding] = JsonSerializer.SerializeToElement(res, InvocationJsonContext.Default.EnvelopeHttpResponse);
        var reply = new InvocationReply { Outputs = outputs, Logs = feature.Logs };

        await FunctionInvocations.WriteReplyAsync(context.Response, reply, context.RequestAborted);
    }
}
