using System.Text.Json;
using Kaireon.Core.Conditions;
using Kaireon.Core.Json;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.Conditions;

/// <summary>
/// The condition engine as a dry run, for rule builders: the same parsing, rules and evaluation as
/// every configuration that holds a condition, with no store access and no side effects.
/// </summary>
public static class ConditionEndpoints
{
    private static readonly JsonElement NoData = JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement>(), KaireonJson.Default.DictionaryStringJsonElement);

    public static RouteGroupBuilder MapConditionEndpoints(this IEndpointRouteBuilder api)
    {
        var conditions = api.MapGroup("/conditions").WithTags("Conditions")
            .RequireScopes(ApiScope.Runtime, ApiScope.Read, ApiScope.Admin);
        conditions.MapPost("/evaluate", Evaluate).WithName("EvaluateCondition").Accepts<EvaluateConditionRequest>("application/json")
            .Produces<ConditionExplanation>().ProducesValidationProblem();
        return conditions;
    }

    /// <summary>The body: <c>condition</c> is a node (design §6), <c>data</c> the object its fields are read from.</summary>
    public sealed record EvaluateConditionRequest(JsonElement Condition, JsonElement? Data);

    /// <summary>
    /// <c>{ "condition": node, "data": { ... } }</c> → <c>{ "result", "trace" }</c>; an invalid node
    /// answers 400 naming each bad path under <c>condition.</c>. Missing <c>data</c> is an empty object.
    /// </summary>
    private static async Task<IResult> Evaluate(HttpRequest request, CancellationToken ct)
    {
        using var document = await JsonBody.ReadAsync(request, KaireonJson.Default.JsonDocument, ct);
        var body = document.RootElement;
        var errors = new ValidationErrors();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("condition", out var condition) || condition.ValueKind == JsonValueKind.Null)
        {
            errors.Add("condition", "is required: the body is { \"condition\": <condition node>, \"data\": { ... } }.");
            return HttpResults.Validation(errors);
        }
        var data = body.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? d : default(JsonElement?);
        if (data is { ValueKind: not JsonValueKind.Object }) errors.Add("data", "must be an object: the fields the condition reads.");
        var tree = ConditionTree.Parse(condition, "condition", errors);
        if (tree is null || errors.Any) return HttpResults.Validation(errors);

        var explanation = tree.Compile().Explain(new JsonConditionData(data ?? NoData));
        return Results.Json(explanation, KaireonJson.Default.ConditionExplanation);
    }
}
