using System.Text;
using System.Text.Json.Nodes;

namespace Kaireon.Storage.Tests.Cosmos;

/// <summary>
/// Makes the npm test server answer as Azure does where the adapter relies on it. Tests only: the
/// product code is written against Azure's behaviour, and the emulator needs none of this.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A point read of a missing item answers 500 there; with the cross-partition header on a
/// single-document GET the server takes a path that answers 404 (design §3).</item>
/// <item>Its etags are bare GUIDs where Azure's are quoted (<c>"\"…\""</c>), in the <c>ETag</c>
/// header and in each item's <c>_etag</c>: responses get them quoted, <c>If-Match</c> gets them
/// unquoted again, since the server compares it with its own form.</item>
/// </list>
/// </remarks>
internal sealed class TestServerQuirksHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var segments = request.RequestUri?.AbsolutePath.Trim('/').Split('/') ?? [];
        if (request.Method == HttpMethod.Get && segments is ["dbs", _, "colls", _, "docs", _])
        {
            request.Headers.TryAddWithoutValidation("x-ms-documentdb-query-enablecrosspartition", "True");
        }
        if (request.Headers.NonValidated.TryGetValues("If-Match", out var ifMatch))
        {
            var etag = ifMatch.ToString();
            request.Headers.Remove("If-Match");
            request.Headers.TryAddWithoutValidation("If-Match", etag.Trim('"'));
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (segments is ["dbs", _, "colls", _, "docs", ..])
        {
            await QuoteEtagsAsync(response, cancellationToken);
        }
        return response;
    }

    private static async Task QuoteEtagsAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Headers.NonValidated.TryGetValues("ETag", out var header))
        {
            var etag = header.ToString();
            response.Headers.Remove("ETag");
            response.Headers.TryAddWithoutValidation("ETag", Quote(etag));
        }

        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (body.Length == 0 || JsonNode.Parse(body) is not JsonObject root) return;
        QuoteEtag(root);
        if (root["Documents"] is JsonArray documents)
        {
            foreach (var document in documents.OfType<JsonObject>()) QuoteEtag(document);
        }
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(root.ToJsonString()));
        foreach (var h in response.Content.Headers.NonValidated)
        {
            if (h.Key != "Content-Length") content.Headers.TryAddWithoutValidation(h.Key, h.Value);
        }
        response.Content = content;
    }

    private static void QuoteEtag(JsonObject item)
    {
        if (item["_etag"] is JsonValue value && value.TryGetValue<string>(out var etag)) item["_etag"] = Quote(etag);
    }

    private static string Quote(string etag) => etag.StartsWith('"') ? etag : $"\"{etag}\"";
}
