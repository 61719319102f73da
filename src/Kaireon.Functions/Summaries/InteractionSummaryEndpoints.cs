using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Summaries;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.Summaries;

public static class InteractionSummaryEndpoints
{
    public sealed record SummaryRowResponse(
        IReadOnlyDictionary<string, string?> Dimensions,
        [property: JsonPropertyName("count")] long? Count,
        [property: JsonPropertyName("sum_value")] decimal? SumValue,
        [property: JsonPropertyName("last_contact")] DateTimeOffset? LastContact,
        [property: JsonPropertyName("distinct_offers")] int? DistinctOffers);

    /// <summary>The contract's shape; <c>customerId</c> is present and null for a tenant-wide read.</summary>
    public sealed record SummaryResponse(
        string DefinitionId, string Window, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CustomerId, DateTimeOffset AsOf,
        IReadOnlyList<SummaryRowResponse> Rows);

    public static RouteGroupBuilder MapInteractionSummaryEndpoints(this IEndpointRouteBuilder api)
    {
        var summaries = api.MapGroup("/interaction-summaries").WithTags("Interaction summaries")
            .RequireScopes(ApiScope.Runtime, ApiScope.Read, ApiScope.Admin);
        summaries.MapGet("/", ReadSummary).Produces<SummaryResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return summaries;
    }

    /// <summary>
    /// A summary definition over a window: <c>Nd</c> is the N UTC calendar days ending today, today
    /// included. With <c>customerId</c>, that customer's rows, reflecting every accepted Respond at
    /// once; without, tenant-wide rows, following the stream within seconds. Any dimension
    /// (<c>offer_id=…</c>, <c>outcome_key=…</c>) filters.
    /// </summary>
    private static async Task<IResult> ReadSummary(
        Caller caller, CatalogService catalog, SummaryReader reader, TimeProvider clock, HttpRequest request,
        string? definitionId, string? window, string? customerId, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(definitionId)) errors.Add("definitionId", "is required.");
        if (!SummaryWindows.TryParse(window, out var parsedWindow)) errors.Add("window", $"is required: one of {SummaryWindows.Allowed}.");
        if (customerId is { Length: 0 or > 128 }) errors.Add("customerId", "must be 1–128 characters.");
        var filters = new Dictionary<SummaryDimension, string>();
        foreach (var dimension in Enum.GetValues<SummaryDimension>())
        {
            var name = SnakeCaseEnumConverter<SummaryDimension>.NameOf(dimension);
            if (request.Query.TryGetValue(name, out var value) && value.Count > 0) filters[dimension] = value.ToString();
        }
        if (errors.Any) return HttpResults.Validation(errors);

        if (await catalog.FindAsync(SummaryDefinition.Kind, caller.Tenant, definitionId!, ct) is not { } definition) return HttpResults.NotFound();
        if (definition.Windows?.Contains(parsedWindow) != true)
            return HttpResults.Validation(Error("window", $"'{window}' is not a window of {definition.Id}: {string.Join(", ", (definition.Windows ?? []).Select(w => w.Format()))}."));

        var now = clock.GetUtcNow();
        var rows = await reader.ReadAsync(caller.Tenant, definition, parsedWindow, UtcDay.Of(now), customerId, filters, ct);
        var response = new SummaryResponse(definition.Id!, parsedWindow.Format(), customerId, now, [.. rows.Select(r => new SummaryRowResponse(
            r.Dimensions.ToDictionary(d => SnakeCaseEnumConverter<SummaryDimension>.NameOf(d.Key), d => d.Value),
            r.Count, r.SumValue, r.LastContact, r.DistinctOffers))]);
        return Results.Json(response, SummaryJson.Default.SummaryResponse);
    }

    private static ValidationErrors Error(string path, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(path, message);
        return errors;
    }
}

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InteractionSummaryEndpoints.SummaryResponse))]
internal sealed partial class SummaryJson : JsonSerializerContext;
