using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kaireon.Functions.Hosting;

/// <summary>
/// Reads a JSON request body with the shared contract: 415 without a JSON content type, 400 for an
/// empty body, and for malformed JSON a 400 that names the position and field (through
/// <see cref="BadRequestExceptionHandler"/>). Unknown fields are ignored.
/// </summary>
public static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("The request body must be JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, ct)
                ?? throw new BadHttpRequestException("The request body must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The request body is not valid JSON for this resource.", e);
        }
    }
}
