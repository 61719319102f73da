using System.Text.Json.Serialization;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;
using Kaireon.Functions.Catalog;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.Metrics;

public static class BehavioralMetricEndpoints
{
    /// <summary>The contract's values shape; <c>computedAt</c> is now for realtime, the snapshot's time for batch.</summary>
    public sealed record MetricValuesResponse(
        string MetricId, string CustomerId, ComputeMode ComputeMode, DateTimeOffset ComputedAt, IReadOnlyList<MetricValue> Values);

    /// <summary>
    /// CRUD (the generic catalog handlers, 20 per tenant, <c>DELETE ?force=true</c>), with each
    /// metric's <c>backfill</c> shown and its job scheduled on every write; and the values read.
    /// </summary>
    public static RouteGroupBuilder MapBehavioralMetricEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapCatalogResource(BehavioralMetric.Kind, new CatalogHooks<BehavioralMetric>
        {
            Present = static async (http, tenant, metric, ct) =>
                metric with { Backfill = await Jobs(http).BackfillOfAsync(tenant, metric, ct) },
            AfterWrite = static (http, tenant, metric, ct) => Jobs(http).ScheduleAsync(tenant, metric, ct),
            AfterDelete = static (http, tenant, id, ct) => Jobs(http).RemoveAsync(tenant, id, ct),
        });
        group.MapGet("/{id}/values", ReadValues)
            .RequireScopes(ApiScope.Runtime, ApiScope.Read, ApiScope.Admin)
            .Produces<MetricValuesResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static MetricJobs Jobs(HttpContext http) => http.RequestServices.GetRequiredService<MetricJobs>();

    /// <summary>
    /// A customer's values of one metric (by id, or by the key rules use): exact at once, including
    /// interactions accepted a moment ago, and for a metric created a moment ago, whose values are
    /// computed from the customer's stored history while its backfill runs. Dimension parameters
    /// (<c>channelId=…</c>) select groups.
    /// </summary>
    private static async Task<IResult> ReadValues(
        string id, Caller caller, TenantMetrics tenantMetrics, CustomerMetrics customerMetrics, HttpRequest request, string? customerId, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(customerId)) errors.Add("customerId", "is required.");
        else if (customerId.Length > 128) errors.Add("customerId", "must be 1–128 characters.");
        var filters = new Dictionary<MetricDimension, string>();
        foreach (var dimension in Enum.GetValues<MetricDimension>())
        {
            if (request.Query.TryGetValue(CamelCaseEnumConverter<MetricDimension>.NameOf(dimension), out var value) && value.Count > 0)
                filters[dimension] = value.ToString();
        }

        var metrics = await tenantMetrics.GetAsync(caller.Tenant, ct);
        if (TenantMetrics.Find(metrics, id) is not { } metric)
        {
            // The cache may predate the metric (created on another instance): look again before answering 404.
            tenantMetrics.Invalidate(caller.Tenant);
            metrics = await tenantMetrics.GetAsync(caller.Tenant, ct);
            if (TenantMetrics.Find(metrics, id) is not { } found) return HttpResults.NotFound();
            metric = found;
        }
        foreach (var dimension in filters.Keys.Where(d => !metric.Dimensions.Contains(d)))
            errors.Add(CamelCaseEnumConverter<MetricDimension>.NameOf(dimension), $"is not a dimension of {metric.Id}, which groups by [{string.Join(", ", metric.DimensionNames)}].");
        if (errors.Any) return HttpResults.Validation(errors);

        var view = await customerMetrics.ReadAsync(caller.Tenant, customerId!, [metric], ct);
        var (values, computedAt) = view.Values(metric, filters);
        return Results.Json(new MetricValuesResponse(metric.Id, customerId!, metric.Metric.ComputeMode, computedAt, values), MetricJson.Default.MetricValuesResponse);
    }
}

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BehavioralMetricEndpoints.MetricValuesResponse))]
internal sealed partial class MetricJson : JsonSerializerContext;
