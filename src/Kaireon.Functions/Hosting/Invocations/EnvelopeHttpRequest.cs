using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// The HTTP request inside an envelope, <c>Data.req</c>:
/// <c>{ Url, Method, Query, Headers: { k: [v] }, Params, Identities, Body }</c> (functions-host README §2).
/// Params and Identities are not used: routing recomputes the one, authentication the other.
/// </summary>
internal sealed record EnvelopeHttpRequest
{
    // The host's own headers on the outer POST; kept so logs can tie the inner request to the invocation.
    private static readonly string[] s_invocationHeaders = ["X-Azure-Functions-InvocationId", "X-Azure-Functions-HostVersion"];

    private static readonly Uri s_relativeBase = new("http://localhost");

    public required string Method { get; init; }
    public required Uri Url { get; init; }
    public required IReadOnlyDictionary<string, StringValues> Headers { get; init; }
    public required byte[] Body { get; init; }

    /// <summary>The request in <paramref name="req"/>, or <c>null</c> when it is not shaped like one.</summary>
    public static EnvelopeHttpRequest? FromJson(JsonElement req)
    {
        if (req.ValueKind != JsonValueKind.Object)
            return null;

        string? method = null, url = null;
        JsonElement headers = default, body = default;
        foreach (var property in req.EnumerateObject())
        {
            switch (property.Name.ToUpperInvariant())
            {
                case "METHOD": method = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null; break;
                case "URL": url = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null; break;
                case "HEADERS": headers = property.Value; break;
                case "BODY": body = property.Value; break;
            }
        }

        if (string.IsNullOrEmpty(url) || !TryParseUrl(url, out var uri))
            return null;

        var headerValues = ReadHeaders(headers);
        return new EnvelopeHttpRequest
        {
            Method = string.IsNullOrEmpty(method) ? HttpMethods.Get : method.ToUpperInvariant(),
            Url = uri,
            Headers = headerValues,
            Body = ReadBody(body, headerValues.GetValueOrDefault("Content-Type").ToString()),
        };
    }

    /// <summary>Makes <paramref name="context"/>'s request this one, as if it had arrived directly.</summary>
    public void ApplyTo(HttpContext context)
    {
        var request = context.Request;
        var kept = s_invocationHeaders
            .Where(name => request.Headers.ContainsKey(name))
            .Select(name => (name, value: request.Headers[name]))
            .ToList();

        request.Headers.Clear();
        foreach (var (name, value) in Headers)
            request.Headers[name] = value;
        foreach (var (name, value) in kept)
            request.Headers.TryAdd(name, value);

        request.Method = Method;
        request.Scheme = Url.Scheme;
        request.Path = PathString.FromUriComponent(Url);
        request.QueryString = QueryString.FromUriComponent(Url);
        // HttpRequest.Host is the Host header: the client's, when the envelope carries it.
        if (string.IsNullOrEmpty(request.Headers.Host))
            request.Host = HostString.FromUriComponent(Url);

        // The body is rebuilt from text, so its length is ours, whatever the client declared.
        request.Headers.Remove("Transfer-Encoding");
        request.Body = new MemoryStream(Body, writable: false);
        request.ContentLength = Body.Length > 0 || Headers.ContainsKey("Content-Length") ? Body.Length : null;
        context.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(Body.Length > 0));
        if (context.Features.Get<IHttpRequestFeature>() is { } requestFeature)
            requestFeature.RawTarget = Url.PathAndQuery;
    }

    // Url is the full request URL, query included with repeated keys intact, so Query is not needed.
    private static bool TryParseUrl(string url, [NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri) || Uri.TryCreate(s_relativeBase, url, out uri);

    private static Dictionary<string, StringValues> ReadHeaders(JsonElement headers)
    {
        var result = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        if (headers.ValueKind != JsonValueKind.Object)
            return result;

        foreach (var header in headers.EnumerateObject())
        {
            result[header.Name] = header.Value.ValueKind switch
            {
                JsonValueKind.Array => new StringValues(header.Value.EnumerateArray().Select(AsText).ToArray()),
                JsonValueKind.Null or JsonValueKind.Undefined => StringValues.Empty,
                _ => AsText(header.Value),
            };
        }

        return result;
    }

    // Body is raw text, base64 for binary media types; an object (older hosts parse JSON) is re-serialized.
    private static byte[] ReadBody(JsonElement body, string contentType) => body.ValueKind switch
    {
        JsonValueKind.String => ReadText(body.GetString()!, IsBinary(contentType)),
        JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            => Encoding.UTF8.GetBytes(body.GetRawText()),
        _ => [],
    };

    private static byte[] ReadText(string text, bool base64)
    {
        if (base64)
        {
            var buffer = new byte[text.Length * 3 / 4 + 3];
            if (Convert.TryFromBase64String(text, buffer, out var written))
                return buffer[..written];
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static bool IsBinary(string contentType) =>
        contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);

    private static string? AsText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();

    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody { get; } = canHaveBody;
    }
}
