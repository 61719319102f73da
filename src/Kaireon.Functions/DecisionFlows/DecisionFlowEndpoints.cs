using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;
using Kaireon.Functions.Catalog;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.DecisionFlows;

public static class DecisionFlowEndpoints
{
    /// <summary>
    /// Decision Flows: CRUD through the generic catalog handlers (status and publication presented,
    /// versions removed with the flow, call_flow cycles refused), publish and versions; and Flow Routes.
    /// </summary>
    public static IEndpointRouteBuilder MapDecisionFlowEndpoints(this IEndpointRouteBuilder api)
    {
        var crud = api.MapCatalogResource(DecisionFlow.Kind, new CatalogHooks<DecisionFlow>
        {
            Present = static (http, tenant, flow, ct) => Flows(http).PresentAsync(tenant, flow, ct),
            AfterDelete = static (http, tenant, key, ct) => Flows(http).RemoveVersionsAsync(tenant, key, ct),
        });
        crud.AddEndpointFilter(RefuseCallCycles);

        var flows = api.MapGroup($"/{DecisionFlow.Kind.Route}").WithTags(DecisionFlow.Kind.Title);
        flows.MapPost("/{id}/publish", Publish).RequireConfigWrite()
            .Produces<DecisionFlow>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        flows.MapGet("/{id}/versions", ListVersions).RequireConfigRead()
            .Produces<Page<DecisionFlowVersion>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        flows.MapGet("/{id}/versions/{version:int}", GetVersion).RequireConfigRead()
            .Produces<DecisionFlowVersion>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapCatalogResource(FlowRoute.Kind);
        return api;
    }

    private static DecisionFlowService Flows(HttpContext http) => http.RequestServices.GetRequiredService<DecisionFlowService>();

    private static async Task<IResult> Publish(string id, Caller caller, DecisionFlowService flows, HttpRequest request, CancellationToken ct)
    {
        var result = await flows.PublishAsync(caller.Tenant, id, HttpResults.IfMatch(request), caller.Actor, ct);
        return HttpResults.From(result, request.HttpContext.Response, f => f.Etag);
    }

    private static async Task<IResult> ListVersions(string id, Caller caller, DecisionFlowService flows, string? limit, string? cursor, CancellationToken ct)
    {
        if (!PageQuery.TryParse(limit, cursor, out var page, out var errors)) return HttpResults.Validation(errors);
        return await flows.ListVersionsAsync(caller.Tenant, id, page.Limit, page.Cursor, ct) is { } versions ? Results.Ok(versions) : HttpResults.NotFound();
    }

    private static async Task<IResult> GetVersion(string id, int version, Caller caller, DecisionFlowService flows, CancellationToken ct) =>
        await flows.FindVersionAsync(caller.Tenant, id, version, ct) is { } found ? Results.Ok(found) : HttpResults.NotFound();

    /// <summary>
    /// A cycle needs the tenant's other flows, which the generic catalog's synchronous validators do
    /// not see, so POST and PUT bodies are checked here first: a well-formed flow (the handler answers
    /// 400s itself) whose call_flow nodes close a cycle answers 422 before anything is written.
    /// </summary>
    private static async ValueTask<object?> RefuseCallCycles(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (!(HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method)) || !request.HasJsonContentType()) return await next(context);

        request.EnableBuffering();
        DecisionFlow? flow;
        try
        {
            flow = await JsonSerializer.DeserializeAsync(request.Body, KaireonJson.Default.DecisionFlow, http.RequestAborted);
        }
        catch (JsonException)
        {
            flow = null;       // the handler reads the body again and answers the 400
        }
        request.Body.Position = 0;
        if (flow is null) return await next(context);

        var routeId = http.GetRouteValue("id") as string;
        var normalized = DecisionFlow.Kind.Normalize(routeId is null ? flow : flow with { Id = routeId, Key = flow.Key ?? routeId });
        var fieldErrors = new ValidationErrors();
        DecisionFlow.Kind.Validate(normalized, fieldErrors);
        if (fieldErrors.Any || normalized.Id is null) return await next(context);

        var caller = await Caller.BindAsync(http);
        var cycle = await Flows(http).CheckCallsAsync(caller.Tenant, normalized.Id, normalized.Config!, http.RequestAborted);
        return cycle is null ? await next(context) : HttpResults.Validation(cycle, StatusCodes.Status422UnprocessableEntity);
    }
}
