using System.Text.Json;
using Kaireon.Core.Behaviors;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;
using Kaireon.Functions.Catalog;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.Behaviors;

/// <summary>
/// Behaviours: CRUD through the generic catalog handlers (with <see cref="BehaviorWriteFilter"/> for
/// the rules that need the tenant's other behaviours), a dry run of a behaviour's conditions over
/// sample metadata, and a customer's activity as the stream tracked it.
/// </summary>
public static class BehaviorEndpoints
{
    public static RouteGroupBuilder MapBehaviorEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapCatalogResource(Behavior.Kind);
        group.AddEndpointFilter(BehaviorWriteFilter.InvokeAsync);
        group.MapPost("/{id}/test", Test).WithName("TestBehavior")
            .RequireScopes(ApiScope.Runtime, ApiScope.Read, ApiScope.Admin)
            .Produces<BehaviorTestResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/activity", Activity).WithName("GetBehaviorActivity")
            .RequireScopes(ApiScope.Runtime, ApiScope.Read, ApiScope.Admin)
            .Produces<BehaviorActivity>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary><c>{ "metadata": { ... } }</c> → <c>{ matched, conditions }</c>: the behaviour's conditions explained, no side effects.</summary>
    private static async Task<IResult> Test(string id, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct)
    {
        using var document = await JsonBody.ReadAsync(request, KaireonJson.Default.JsonDocument, ct);
        var body = document.RootElement;
        var errors = new ValidationErrors();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            errors.Add("metadata", "is required: an object of the metadata an event would send, e.g. { \"score\": 90 }.");
            return HttpResults.Validation(errors);
        }
        if (await catalog.FindAsync(Behavior.Kind, caller.Tenant, id, ct) is not { } behavior) return HttpResults.NotFound();
        return Results.Json(BehaviorTestResult.Of(behavior, metadata), KaireonJson.Default.BehaviorTestResult);
    }

    /// <summary>A customer's count, rate-limited count and last tracked time for the behaviour.</summary>
    private static async Task<IResult> Activity(string id, Caller caller, BehaviorActivityReader reader, string? customerId, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(customerId)) errors.Add("customerId", "is required.");
        else if (customerId.Length > 128) errors.Add("customerId", "must be 1–128 characters.");
        if (errors.Any) return HttpResults.Validation(errors);
        var activity = await reader.ReadAsync(caller.Tenant, id, customerId!, ct);
        return activity is null ? HttpResults.NotFound() : Results.Json(activity, KaireonJson.Default.BehaviorActivity);
    }
}
