using Kaireon.Core.Catalog;
using Kaireon.Core.DecisionTraces;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.DecisionTraces;

public static class DecisionTraceEndpoints
{
    public static RouteGroupBuilder MapDecisionTraceEndpoints(this IEndpointRouteBuilder api)
    {
        var traces = api.MapGroup("/decision-traces").WithTags("Decision traces").RequireConfigRead();
        traces.MapGet("/", List).Produces<Page<DecisionTrace>>().ProducesValidationProblem();
        traces.MapGet("/{id}", Get).Produces<DecisionTrace>().ProducesProblem(StatusCodes.Status404NotFound);
        return traces;
    }

    /// <summary>
    /// Traces newest first, from <c>from</c> (default: 7 days ago) to <c>to</c> (default: now),
    /// optionally of one <c>customerId</c> or <c>decisionFlowKey</c>.
    /// </summary>
    private static async Task<IResult> List(
        Caller caller, DecisionTraceLog log, string? from, string? to, string? customerId, string? decisionFlowKey,
        string? limit, string? cursor, CancellationToken ct)
    {
        PageQuery.TryParse(limit, cursor, out var page, out var errors);
        var (start, end) = TimeRangeQuery.Parse(from, to, errors);
        if (errors.Any) return HttpResults.Validation(errors);
        return Results.Ok(await log.ListAsync(caller.Tenant, start, end, customerId, decisionFlowKey, page.Limit, page.Cursor, ct));
    }

    private static async Task<IResult> Get(string id, Caller caller, DecisionTraceLog log, CancellationToken ct) =>
        await log.FindAsync(caller.Tenant, id, ct) is { } trace ? Results.Ok(trace) : HttpResults.NotFound();
}
