using Kaireon.Core.Catalog;
using Kaireon.Core.Validation;

namespace Kaireon.Functions.Hosting;

/// <summary>One mapping from service results to HTTP answers, shared by every resource.</summary>
public static class HttpResults
{
    /// <summary>200, 201 (+ Location) or 204, with the entity's ETag; or the problem answer of a failure.</summary>
    public static IResult From<T>(CatalogResult<T> result, HttpResponse response, Func<T, string?>? etag = null, Func<T, string>? location = null, Func<T, object>? body = null)
    {
        if (result.Entity is { } entity && etag?.Invoke(entity) is { } tag) response.Headers.ETag = tag;
        return result.Outcome switch
        {
            CatalogOutcome.Ok => Results.Ok(body is null ? result.Entity : body(result.Entity!)),
            CatalogOutcome.Created => Results.Created(location?.Invoke(result.Entity!), body is null ? result.Entity : body(result.Entity!)),
            CatalogOutcome.Deleted => Results.NoContent(),
            CatalogOutcome.Invalid => Validation(result.Errors!, StatusCodes.Status400BadRequest),
            CatalogOutcome.Unprocessable => Validation(result.Errors!, StatusCodes.Status422UnprocessableEntity),
            CatalogOutcome.NotFound => NotFound(),
            CatalogOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.Detail),
            CatalogOutcome.PreconditionFailed => Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed", detail: result.Detail),
            _ => throw new InvalidOperationException($"Unmapped outcome {result.Outcome}."),
        };
    }

    public static IResult Validation(ValidationErrors errors, int status = StatusCodes.Status400BadRequest) =>
        Results.ValidationProblem(errors.ToDictionary(), statusCode: status,
            title: status == StatusCodes.Status422UnprocessableEntity ? "The configuration refers to something that does not exist." : "One or more fields are invalid.",
            detail: errors.ToString());

    /// <summary>404 for a missing entity and for another tenant's, alike: existence is never revealed.</summary>
    public static IResult NotFound() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such entity in this tenant.");

    /// <summary>The If-Match header as the store compares it (the quoted etag, or *), or null when absent.</summary>
    public static string? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0) return null;
        return value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
    }
}

/// <summary><c>?limit=&amp;cursor=</c> of every list: limit 1–100 (default 20), a cursor this API issued.</summary>
public readonly record struct PageQuery(int Limit, string? Cursor)
{
    public static bool TryParse(string? limit, string? cursor, out PageQuery query, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        var parsedLimit = Paging.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out parsedLimit) || parsedLimit < 1 || parsedLimit > Paging.MaxLimit))
            errors.Add("limit", $"must be a whole number between 1 and {Paging.MaxLimit}.");
        if (cursor is not null && Paging.DecodeCursor(cursor) is null) errors.Add("cursor", "is not a cursor this API issued.");
        query = new PageQuery(parsedLimit, cursor);
        return !errors.Any;
    }
}
