using Kaireon.Core.Catalog;
using Kaireon.Core.Categories;
using Kaireon.Core.Channels;
using Kaireon.Core.Creatives;
using Kaireon.Core.Offers;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Placements;
using Kaireon.Core.Scoring;
using Kaireon.Core.Tenancy;
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
        api.MapCatalogResource(AlgorithmModel.Kind);
        api.MapCatalogResource(ArbitrationProfile.Kind);
        return api;
    }

    /// <summary>
    /// GET list, GET by id, POST, PUT /{id} (If-Match), DELETE /{id} (If-Match; <c>?force=true</c> for
    /// kinds that allow it) for one kind, with the <paramref name="hooks"/> a feature needs around them.
    /// </summary>
    public static RouteGroupBuilder MapCatalogResource<T>(this IEndpointRouteBuilder api, CatalogKind<T> kind, CatalogHooks<T>? hooks = null)
        where T : CatalogEntity
    {
        hooks ??= CatalogHooks<T>.None;
        var group = api.MapGroup($"/{kind.Route}").WithTags(kind.Title);
        group.MapGet("/", (Caller caller, CatalogService catalog, HttpContext http, string? limit, string? cursor, CancellationToken ct) =>
                List(kind, hooks, caller, catalog, http, limit, cursor, ct))
            .RequireConfigRead().WithName($"List{kind.Route}").Produces<Page<T>>().ProducesValidationProblem();
        group.MapGet("/{id}", (string id, Caller caller, CatalogService catalog, HttpContext http, CancellationToken ct) =>
                Get(kind, hooks, id, caller, catalog, http, ct))
            .RequireConfigRead().WithName($"Get{kind.Route}").Produces<T>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", (Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct) =>
                Create(kind, hooks, caller, catalog, request, ct))
            .RequireConfigWrite().Accepts<T>("application/json").WithName($"Create{kind.Route}").Produces<T>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id}", (string id, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct) =>
                Replace(kind, hooks, id, caller, catalog, request, ct))
            .RequireConfigWrite().Accepts<T>("application/json").WithName($"Replace{kind.Route}").Produces<T>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{id}", (string id, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct) =>
                Delete(kind, hooks, id, caller, catalog, request, ct))
            .RequireConfigWrite().WithName($"Delete{kind.Route}").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return group;
    }

    private static async Task<IResult> List<T>(
        CatalogKind<T> kind, CatalogHooks<T> hooks, Caller caller, CatalogService catalog, HttpContext http, string? limit, string? cursor, CancellationToken ct)
        where T : CatalogEntity
    {
        if (!PageQuery.TryParse(limit, cursor, out var page, out var errors)) return HttpResults.Validation(errors);
        var listed = await catalog.ListAsync(kind, caller.Tenant, page.Limit, page.Cursor, ct);
        if (hooks.Present is { } present)
        {
            var shown = new List<T>(listed.Data.Count);
            foreach (var entity in listed.Data) shown.Add(await present(http, caller.Tenant, entity, ct));
            listed = listed with { Data = shown };
        }
        return Results.Ok(listed);
    }

    private static async Task<IResult> Get<T>(
        CatalogKind<T> kind, CatalogHooks<T> hooks, string id, Caller caller, CatalogService catalog, HttpContext http, CancellationToken ct)
        where T : CatalogEntity
    {
        var entity = await catalog.FindAsync(kind, caller.Tenant, id, ct);
        if (entity is not null && hooks.Present is { } present) entity = await present(http, caller.Tenant, entity, ct);
        return HttpResults.From(entity is null ? CatalogResult<T>.NotFound() : new CatalogResult<T>(CatalogOutcome.Ok, entity), http.Response, e => e.Etag);
    }

    private static async Task<IResult> Create<T>(
        CatalogKind<T> kind, CatalogHooks<T> hooks, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct)
        where T : CatalogEntity
    {
        var result = await catalog.CreateAsync(kind, caller.Tenant, await JsonBody.ReadAsync(request, kind.Json, ct), caller.Actor, ct);
        result = await AfterWriteAsync(hooks, request.HttpContext, caller, result, ct);
        return HttpResults.From(result, request.HttpContext.Response, e => e.Etag, e => $"{request.PathBase}/api/v1/{kind.Route}/{e.Id}");
    }

    private static async Task<IResult> Replace<T>(
        CatalogKind<T> kind, CatalogHooks<T> hooks, string id, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct)
        where T : CatalogEntity
    {
        var result = await catalog.ReplaceAsync(kind, caller.Tenant, id, await JsonBody.ReadAsync(request, kind.Json, ct), HttpResults.IfMatch(request), caller.Actor, ct);
        result = await AfterWriteAsync(hooks, request.HttpContext, caller, result, ct);
        return HttpResults.From(result, request.HttpContext.Response, e => e.Etag);
    }

    private static async Task<IResult> Delete<T>(
        CatalogKind<T> kind, CatalogHooks<T> hooks, string id, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct)
        where T : CatalogEntity
    {
        var force = kind.ForceDeletable && bool.TryParse(request.Query["force"], out var forced) && forced;
        var result = await catalog.DeleteAsync(kind, caller.Tenant, id, HttpResults.IfMatch(request), caller.Actor, ct, force);
        if (result.Outcome == CatalogOutcome.Deleted && hooks.AfterDelete is { } afterDelete) await afterDelete(request.HttpContext, caller.Tenant, id, ct);
        return HttpResults.From(result, request.HttpContext.Response);
    }

    private static async Task<CatalogResult<T>> AfterWriteAsync<T>(CatalogHooks<T> hooks, HttpContext http, Caller caller, CatalogResult<T> result, CancellationToken ct)
        where T : CatalogEntity
    {
        if (result.Entity is not { } entity || result.Outcome is not (CatalogOutcome.Created or CatalogOutcome.Ok)) return result;
        if (hooks.AfterWrite is { } afterWrite) await afterWrite(http, caller.Tenant, entity, ct);
        return hooks.Present is { } present ? result with { Entity = await present(http, caller.Tenant, entity, ct) } : result;
    }
}

/// <summary>
/// What a feature adds around the generic catalog handlers: server-computed fields shown with the
/// entity, and work that follows a successful write or delete (a metric's backfill job).
/// </summary>
public sealed record CatalogHooks<T> where T : CatalogEntity
{
    public static readonly CatalogHooks<T> None = new();

    public Func<HttpContext, TenantId, T, CancellationToken, Task<T>>? Present { get; init; }
    public Func<HttpContext, TenantId, T, CancellationToken, Task>? AfterWrite { get; init; }
    public Func<HttpContext, TenantId, string, CancellationToken, Task>? AfterDelete { get; init; }
}
