using System.Text.Json.Serialization;
using Kaireon.Core.Decisioning;
using Kaireon.Core.Json;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.Decisioning;

public static class RecommendEndpoints
{
    /// <summary>The contract's response: <c>groups</c> only for a grouped response, <c>traceId</c> only when traced.</summary>
    public sealed record RecommendResponse(
        string RecommendationId, string CustomerId, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? DecisionFlowKey,
        int Count, IReadOnlyList<Decision> Decisions, IReadOnlyList<DecisionGroup>? Groups, string? TraceId, RecommendMeta Meta);

    /// <summary><c>funnel</c> (with <c>debug</c>): candidates left after each node, in order; <c>durationMs</c> of the decision.</summary>
    public sealed record RecommendMeta(IReadOnlyDictionary<string, int>? Funnel, double DurationMs);

    public static RouteGroupBuilder MapRecommendEndpoints(this IEndpointRouteBuilder api)
    {
        var runtime = api.MapGroup("/").WithTags("Recommend").RequireScopes(ApiScope.Runtime);
        runtime.MapPost("/recommend", Recommend).Accepts<RecommendRequest>("application/json")
            .Produces<RecommendResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return runtime;
    }

    /// <summary>
    /// What the customer should see now: the flow named by <c>decisionFlowKey</c>, else the flow route
    /// of the channel and placement, else the tenant's default published flow, else the base flow
    /// (all active offers, priority-weighted). Every decision is recorded for Respond's
    /// <c>recommendationId</c> + <c>rank</c>.
    /// </summary>
    private static async Task<IResult> Recommend(Caller caller, RecommendService service, HttpRequest request, CancellationToken ct)
    {
        var body = (await JsonBody.ReadAsync(request, KaireonJson.Default.RecommendRequest, ct)).Normalize();
        var errors = new ValidationErrors();
        body.Validate(errors);
        if (errors.Any) return HttpResults.Validation(errors);

        var customerId = body.ResolveCustomerId(request.HttpContext.Connection.RemoteIpAddress?.ToString(), request.Headers.UserAgent.ToString());
        RecommendResult result;
        try
        {
            result = await service.RecommendAsync(caller.Tenant, body, customerId, ct);
        }
        catch (RecommendException e)
        {
            var status = e.Failure switch
            {
                RecommendFailure.NotImplemented => StatusCodes.Status501NotImplemented,
                RecommendFailure.Unprocessable => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status404NotFound,
            };
            return Results.Problem(e.Message, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.For(status) });
        }

        var response = new RecommendResponse(result.RecommendationId, result.CustomerId, result.DecisionFlowKey, result.Decisions.Count,
            result.Decisions, result.Groups, result.TraceId, new RecommendMeta(Funnel(result.Funnel), Math.Round(result.DurationMs, 3)));
        return Results.Json(response, RecommendJson.Default.RecommendResponse);
    }

    /// <summary>Funnel entries keyed by node type; a type that repeats gets its position (<c>filter#2</c>).</summary>
    private static Dictionary<string, int>? Funnel(IReadOnlyList<KeyValuePair<string, int>>? steps)
    {
        if (steps is null) return null;
        var funnel = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (type, count) in steps)
        {
            var key = type;
            for (var n = 2; funnel.ContainsKey(key); n++) key = $"{type}#{n}";
            funnel[key] = count;
        }
        return funnel;
    }
}

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RecommendEndpoints.RecommendResponse))]
internal sealed partial class RecommendJson : JsonSerializerContext;
