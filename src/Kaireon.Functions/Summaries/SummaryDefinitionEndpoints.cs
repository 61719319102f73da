using Kaireon.Core.Catalog;
using Kaireon.Core.Summaries;
using Kaireon.Core.Validation;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.Summaries;

/// <summary>
/// <c>/summary-definitions</c> as the contract has it: the id of a PUT travels in the body and the id
/// of a DELETE in the query (<c>?id=</c>), not in the path; <c>GET /{id}</c> is there too. Every
/// operation goes through <see cref="CatalogService"/>, so validation, If-Match and audit are the catalog's.
/// </summary>
public static class SummaryDefinitionEndpoints
{
    private static CatalogKind<SummaryDefinition> Kind => SummaryDefinition.Kind;

    public static RouteGroupBuilder MapSummaryDefinitionEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup($"/{Kind.Route}").WithTags(Kind.Title);
        group.MapGet("/", List).RequireConfigRead().WithName("ListSummaryDefinitions")
            .Produces<Page<SummaryDefinition>>().ProducesValidationProblem();
        group.MapGet("/{id}", Get).RequireConfigRead().WithName("GetSummaryDefinition")
            .Produces<SummaryDefinition>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", Create).RequireConfigWrite().WithName("CreateSummaryDefinition").Accepts<SummaryDefinition>("application/json")
            .Produces<SummaryDefinition>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/", Replace).RequireConfigWrite().WithName("ReplaceSummaryDefinition").Accepts<SummaryDefinition>("application/json")
            .Produces<SummaryDefinition>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/", Delete).RequireConfigWrite().WithName("DeleteSummaryDefinition")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return group;
    }

    private static async Task<IResult> List(string? limit, string? cursor, Caller caller, CatalogService catalog, CancellationToken ct) =>
        PageQuery.TryParse(limit, cursor, out var page, out var errors)
            ? Results.Ok(await catalog.ListAsync(Kind, caller.Tenant, page.Limit, page.Cursor, ct))
            : HttpResults.Validation(errors);

    private static async Task<IResult> Get(string id, Caller caller, CatalogService catalog, HttpResponse response, CancellationToken ct) =>
        HttpResults.From(await catalog.FindAsync(Kind, caller.Tenant, id, ct) is { } found
            ? new CatalogResult<SummaryDefinition>(CatalogOutcome.Ok, found)
            : CatalogResult<SummaryDefinition>.NotFound(), response, e => e.Etag);

    private static async Task<IResult> Create(Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, Kind.Json, ct);
        return HttpResults.From(await catalog.CreateAsync(Kind, caller.Tenant, body, caller.Actor, ct), request.HttpContext.Response,
            e => e.Etag, e => $"{request.PathBase}/api/v1/{Kind.Route}/{e.Id}");
    }

    /// <summary>PUT with the id in the body; without one, 400 naming <c>id</c> and every other bad field.</summary>
    private static async Task<IResult> Replace(Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, Kind.Json, ct);
        if (string.IsNullOrEmpty(body.Id))
        {
            var errors = new ValidationErrors();
            errors.Add("id", "is required: the id of the summary definition to update.");
            Kind.Validate(body, errors);
            return HttpResults.Validation(errors);
        }
        return HttpResults.From(await catalog.ReplaceAsync(Kind, caller.Tenant, body.Id, body, HttpResults.IfMatch(request), caller.Actor, ct),
            request.HttpContext.Response, e => e.Etag);
    }

    /// <summary>DELETE <c>?id=</c>; a system default answers 409.</summary>
    private static async Task<IResult> Delete(string? id, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id))
        {
            var errors = new ValidationErrors();
            errors.Add("id", "is required: DELETE /api/v1/summary-definitions?id={id}.");
            return HttpResults.Validation(errors);
        }
        return HttpResults.From(await catalog.DeleteAsync(Kind, caller.Tenant, id, HttpResults.IfMatch(request), caller.Actor, ct), request.HttpContext.Response);
    }
}
