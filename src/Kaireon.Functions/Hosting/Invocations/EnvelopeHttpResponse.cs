using System.Text.Json.Serialization;

namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// An HTTP output binding value, <c>Outputs.res</c>. The host reads <c>statusCode</c> (a number;
/// <c>status</c> alone would give 200), calls <c>ToString()</c> on header values (so they are
/// strings) and takes <c>body</c> as text (functions-host README §2).
/// </summary>
public sealed record EnvelopeHttpResponse
{
    [JsonPropertyName("statusCode")]
    public required int StatusCode { get; init; }

    [JsonPropertyName("headers")]
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    [JsonPropertyName("body")]
    public required string Body { get; init; }
}
