using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Triggers;
using Kaireon.Core.Validation;
using Kaireon.Functions.Catalog;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.Triggers;

/// <summary>
/// Behavioral triggers: CRUD through the generic catalog handlers (action secrets are write-only:
/// responses show their last four characters), the audit trail of a trigger's firings,
/// suppressions and delivery attempts, and simulation against stored history.
/// </summary>
public static class TriggerEndpoints
{
    public static RouteGroupBuilder MapTriggerEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapCatalogResource(Trigger.Kind, new CatalogHooks<Trigger> { Present = (_, _, t, _) => Task.FromResult(MaskSecrets(t)) });
        group.MapGet("/{id}/firings", Firings).WithName("ListTriggerFirings").RequireConfigRead()
            .Produces<Page<TriggerOutcome>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/deliveries", Deliveries).WithName("ListTriggerDeliveries").RequireConfigRead()
            .Produces<Page<TriggerDelivery>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/simulate", Simulate).WithName("SimulateTrigger").RequireConfigRead()
            .Produces<TriggerSimulation>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/simulate", SimulateUnsaved).WithName("SimulateUnsavedTrigger").RequireConfigRead()
            .Produces<TriggerSimulation>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <summary>The trigger's firings and suppressions, newest first, by the time of their cause (default: the last 30 days).</summary>
    private static async Task<IResult> Firings(
        string id, Caller caller, CatalogService catalog, TriggerLog log, TimeProvider clock,
        string? from, string? to, string? customerId, string? limit, string? cursor, CancellationToken ct)
    {
        PageQuery.TryParse(limit, cursor, out var page, out var errors);
        var (start, end) = TimeRangeQuery.Parse(from, to, errors);
        if (errors.Any) return HttpResults.Validation(errors);
        if (await catalog.FindAsync(Trigger.Kind, caller.Tenant, id, ct) is null) return HttpResults.NotFound();
        var until = end ?? clock.GetUtcNow().AddTicks(1);
        return Results.Json(await log.OutcomesAsync(caller.Tenant, id, customerId, start ?? until - TriggerLog.DefaultRange, until, page.Limit, page.Cursor, ct),
            KaireonJson.Default.PageTriggerOutcome);
    }

    /// <summary>The delivery attempts of the trigger's actions, newest first (default: the last 30 days), optionally of one firing.</summary>
    private static async Task<IResult> Deliveries(
        string id, Caller caller, CatalogService catalog, TriggerLog log, TimeProvider clock,
        string? from, string? to, string? firingId, string? limit, string? cursor, CancellationToken ct)
    {
        PageQuery.TryParse(limit, cursor, out var page, out var errors);
        var (start, end) = TimeRangeQuery.Parse(from, to, errors);
        if (errors.Any) return HttpResults.Validation(errors);
        if (await catalog.FindAsync(Trigger.Kind, caller.Tenant, id, ct) is null) return HttpResults.NotFound();
        var until = end ?? clock.GetUtcNow().AddTicks(1);
        return Results.Json(await log.DeliveriesAsync(caller.Tenant, id, firingId, start ?? until - TriggerLog.DefaultRange, until, page.Limit, page.Cursor, ct),
            KaireonJson.Default.PageTriggerDelivery);
    }

    /// <summary><c>{ from, to, customerIds?, thresholds? }</c> → who would have fired when; no side effects.</summary>
    private static async Task<IResult> Simulate(string id, Caller caller, CatalogService catalog, TriggerSimulator simulator, HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, KaireonJson.Default.TriggerSimulationRequest, ct);
        var errors = TriggerSimulator.Validate(body);
        if (body.Trigger is not null) errors.Add("trigger", "belongs to POST /triggers/simulate (an unsaved trigger); this endpoint simulates the stored one.");
        if (errors.Any) return HttpResults.Validation(errors);
        if (await catalog.FindAsync(Trigger.Kind, caller.Tenant, id, ct) is not { } trigger) return HttpResults.NotFound();
        return await RunAsync(simulator, caller.Tenant, trigger, body, ct);
    }

    /// <summary><c>{ trigger, from, to, customerIds?, thresholds? }</c>: the same for a trigger not saved yet.</summary>
    private static async Task<IResult> SimulateUnsaved(Caller caller, CatalogService catalog, TriggerSimulator simulator, HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, KaireonJson.Default.TriggerSimulationRequest, ct);
        var errors = TriggerSimulator.Validate(body);
        var trigger = body.Trigger;
        if (trigger is null) errors.Add("trigger", "is required: the trigger definition to simulate, as it would be POSTed to /triggers.");
        else
        {
            var own = new ValidationErrors();
            Trigger.Kind.Validate(trigger, own);
            foreach (var (path, messages) in own.ToDictionary())
                foreach (var message in messages) errors.Add($"trigger.{path}", message);
        }
        if (errors.Any) return HttpResults.Validation(errors);
        var unsaved = trigger! with { Id = trigger!.Id ?? "unsaved" };
        foreach (var metricId in (unsaved.Conditions ?? []).Where(c => c.Type == TriggerConditionType.Metric).Select(c => c.MetricId!))
        {
            if (await catalog.FindAsync(Core.Metrics.BehavioralMetric.Kind, caller.Tenant, metricId, ct) is null)
                errors.Add("trigger.conditions", $"behavioral_metric '{metricId}' does not exist.");
        }
        if (errors.Any) return HttpResults.Validation(errors, StatusCodes.Status422UnprocessableEntity);
        return await RunAsync(simulator, caller.Tenant, unsaved, body, ct);
    }

    private static async Task<IResult> RunAsync(TriggerSimulator simulator, TenantId tenant, Trigger trigger, TriggerSimulationRequest body, CancellationToken ct)
    {
        if (TriggerSimulator.TuningProblem(trigger, body) is { } problem)
        {
            var errors = new ValidationErrors();
            errors.Add("thresholds", problem);
            return HttpResults.Validation(errors, StatusCodes.Status422UnprocessableEntity);
        }
        return Results.Json(await simulator.RunAsync(tenant, trigger, body, ct), KaireonJson.Default.TriggerSimulation);
    }

    private static Trigger MaskSecrets(Trigger trigger) => trigger with
    {
        Actions = trigger.Actions?.Select(a => a.Secret is { Length: > 0 } secret ? a with { Secret = "****" + secret[^Math.Min(4, secret.Length)..] } : a).ToList(),
    };
}
