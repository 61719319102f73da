using Kaireon.Core.Catalog;
using Kaireon.Core.Categories;
using Kaireon.Core.Channels;
using Kaireon.Core.Creatives;
using Kaireon.Core.Offers;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Placements;
using Kaireon.Core.SubCategories;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.Catalog;

/// <summary>
/// CRUD for the catalog: one generic set of handlers serves every kind, each kind described once by
/// its <see cref="CatalogKind{T}"/> in Core.
/// </summary>
public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapCatalogResource(Category.Kind);
        api.MapCatalogResource(SubCategory.Kind);
        api.MapCatalogResource(Channel.Kind);
        api.MapCatalogResource(Placement.Kind);
        api.MapCatalogResource(Offer.Kind);
        api.MapCatalogResource(Creative.Kind);
        api.MapCatalogResource(OutcomeType.Kind);
        return api;
    }

    /// <summary>GET list, GET by id, POST, PUT /{id} (If-Match), DELETE /{id} (If-Match) for one kind.</summary>
    public static RouteGroupBuilder MapCatalogResource<T>(this IEndpointRouteBuilder api, CatalogKind<T> kind) where T : CatalogEntity
    {
        var group = api.MapGroup($"/{kind.Route}").WithTags(kind.Title);
        group.MapGet("/", (Caller caller, CatalogService catalog, string? limit, string? cursor, CancellationToken ct) =>
                List(kind, caller, catalog, limit, cursor, ct))
            .RequireConfigRead().WithName($"List{kind.Route}").Produces<Page<T>>().ProducesValidationProblem();
        group.MapGet("/{id}", (string id, Caller caller, CatalogService catalog, HttpResponse response, CancellationToken ct) =>
                Get(kind, id, caller, catalog, response, ct))
            .RequireConfigRead().WithName($"Get{kind.Route}").Produces<T>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", (Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct) =>
                Create(kind, caller, catalog, request, ct))
            .RequireConfigWrite().Accepts<T>("application/json").WithName($"Create{kind.Route}").Produces<T>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id}", (string id, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct) =>
                Replace(kind, id, caller, catalog, request, ct))
            .RequireConfigWrite().Accepts<T>("application/json").WithName($"Replace{kind.Route}").Produces<T>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{id}", (string id, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct) =>
                Delete(kind, id, caller, catalog, request, ct))
            .RequireConfigWrite().WithName($"Delete{kind.Route}").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return group;
    }

    private static async Task<IResult> List<T>(CatalogKind<T> kind, Caller caller, CatalogService catalog, string? limit, string? cursor, CancellationToken ct)
        where T : CatalogEntity
    {
        if (!PageQuery.TryParse(limit, cursor, out var page, out var errors)) return HttpResults.Validation(errors);
        return Results.Ok(await catalog.ListAsync(kind, caller.Tenant, page.Limit, page.Cursor, ct));
    }

    private static async Task<IResult> Get<T>(CatalogKind<T> kind, string id, Caller caller, CatalogService catalog, HttpResponse response, CancellationToken ct)
        where T : CatalogEntity
    {
        var entity = await catalog.FindAsync(kind, caller.Tenant, id, ct);
        return HttpResults.From(entity is null ? CatalogResult<T>.NotFound() : new CatalogResult<T>(CatalogOutcome.Ok, entity), response, e => e.Etag);
    }

    private static async Task<IResult> Create<T>(CatalogKind<T> kind, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct)
        where T : CatalogEntity =>
        HttpResults.From(await catalog.CreateAsync(kind, caller.Tenant, await JsonBody.ReadAsync(request, kind.Json, ct), caller.Actor, ct), request.HttpContext.Response,
            e => e.Etag, e => $"{request.PathBase}/api/v1/{kind.Route}/{e.Id}");

    private static async Task<IResult> Replace<T>(CatalogKind<T> kind, string id, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct)
        where T : CatalogEntity =>
        HttpResults.From(await catalog.ReplaceAsync(kind, caller.Tenant, id, await JsonBody.ReadAsync(request, kind.Json, ct), HttpResults.IfMatch(request), caller.Actor, ct),
            request.HttpContext.Response, e => e.Etag);

    private static async Task<IResult> Delete<T>(CatalogKind<T> kind, string id, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct)
        where T : CatalogEntity =>
        HttpResults.From(await catalog.DeleteAsync(kind, caller.Tenant, id, HttpResults.IfMatch(request), caller.Actor, ct), request.HttpContext.Response);
}
