using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Kaireon.Functions.Hosting;

/// <summary>
/// Turns request-reading failures into problem details: malformed JSON names the position and the
/// field (<c>$.priority</c>), an oversized body answers 413, any other binding failure 400. Every
/// other exception falls through to the default 500 problem.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var json = FindJsonException(bad);
        var problem = new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
            Detail = json is null ? bad.Message : Describe(json),
        };
        if (json is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [FieldPath(json.Path)] = [FieldMessage(json)] };
        }
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json) return json;
        }
        return null;
    }

    private static string Describe(JsonException json) =>
        json.LineNumber is { } line
            ? $"The request body is not valid JSON for this resource at line {line + 1}, byte {json.BytePositionInLine + 1} (path {json.Path ?? "$"})."
            : "The request body is not valid JSON for this resource.";

    /// <summary><c>$.placements[2].limit</c> → <c>placements[2].limit</c>; the root stays <c>$</c>.</summary>
    private static string FieldPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string FieldMessage(JsonException json)
    {
        // System.Text.Json appends " Path: … | LineNumber: …" to messages; the path is already the key.
        var message = json.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
