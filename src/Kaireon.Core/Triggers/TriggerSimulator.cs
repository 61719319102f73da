using System.Text.Json;
using Kaireon.Core.Customers;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Triggers;

/// <summary>
/// <c>POST /triggers/{id}/simulate</c>: replays customers' stored history through a trigger with the
/// same <see cref="TriggerFolding"/> the stream uses, from a fresh state at the start of each
/// customer's history, and answers who would have fired when — no writes, no actions. With
/// <c>thresholds</c>, the replay runs once per value (the <c>count</c> of threshold conditions, or the
/// <c>value</c> of metric conditions when there is no threshold).
/// </summary>
public sealed class TriggerSimulator(ICustomerStore customers, ChangedCustomers changes, TenantMetrics tenantMetrics, TimeProvider clock)
{
    public const int MaxCustomers = 1000;
    public const int MaxThresholds = 10;
    public const int MaxResults = 1000;

    public static ValidationErrors Validate(TriggerSimulationRequest request)
    {
        var errors = new ValidationErrors();
        if (request.From is null) errors.Add("from", "is required: an ISO 8601 UTC instant.");
        if (request.To is null) errors.Add("to", "is required: an ISO 8601 UTC instant.");
        if (request.From is { } from && request.To is { } to)
        {
            if (to <= from) errors.Add("to", "must be after from.");
            else if (to - from > TimeSpan.FromDays(366)) errors.Add("to", "must be at most 366 days after from.");
        }
        if (request.CustomerIds is { } ids)
        {
            errors.MaxCount("customerIds", ids, MaxCustomers);
            for (var i = 0; i < ids.Count; i++)
                if (!CustomerProfiles.IsValidId(ids[i])) errors.Add($"customerIds[{i}]", $"must be 1–{CustomerProfiles.MaxIdLength} characters without control characters.");
        }
        if (request.Thresholds is { } thresholds)
        {
            errors.MaxCount("thresholds", thresholds, MaxThresholds);
            if (thresholds.Count == 0) errors.Add("thresholds", $"must hold 1 to {MaxThresholds} values when given.");
            for (var i = 0; i < thresholds.Count; i++)
                if (double.IsNaN(thresholds[i]) || double.IsInfinity(thresholds[i])) errors.Add($"thresholds[{i}]", "must be a number.");
        }
        return errors;
    }

    /// <summary>Why <paramref name="trigger"/> cannot be tuned with <c>thresholds</c> (422), or null.</summary>
    public static string? TuningProblem(Trigger trigger, TriggerSimulationRequest request)
    {
        if (request.Thresholds is null) return null;
        var conditions = trigger.Conditions ?? [];
        if (conditions.Any(c => c.Type == TriggerConditionType.Threshold))
            return request.Thresholds.All(v => v >= 1 && v <= 10_000 && v == Math.Floor(v)) ? null : "thresholds are counts of events here: whole numbers from 1 to 10000.";
        return conditions.Any(c => c.Type == TriggerConditionType.Metric) ? null : "thresholds need a threshold or metric condition to vary.";
    }

    public async Task<TriggerSimulation> RunAsync(TenantId tenant, Trigger trigger, TriggerSimulationRequest request, CancellationToken ct)
    {
        var from = request.From!.Value;
        var to = request.To!.Value;
        var ids = request.CustomerIds is { } given ? [.. given.Distinct(StringComparer.Ordinal)] : await changes.SinceAsync(tenant, since: null, ct);
        var truncated = ids.Count > MaxCustomers;
        var metrics = await tenantMetrics.GetAsync(tenant, ct);
        var end = to < clock.GetUtcNow() ? to : clock.GetUtcNow();

        var histories = new List<(string CustomerId, List<CustomerDay> Days)>();
        foreach (var customerId in ids.Take(MaxCustomers))
        {
            var documents = await customers.RangeAsync(new DocumentPartition(tenant, customerId), "day|", UtcDay.Of(to).DocumentId, ct);
            var days = documents.Select(d => d.Deserialize(KaireonJson.Default.CustomerDay)!)
                .Select(d => d with { Interactions = [.. d.Interactions.Where(i => i.Timestamp < to)] })
                .Where(d => d.Interactions.Count > 0)
                .OrderBy(d => d.Day)
                .ToList();
            histories.Add((customerId, days));
        }

        var outcomes = Replay(new CompiledTrigger(trigger), histories, metrics, from, to, end);
        var tuning = request.Thresholds?.Select(value =>
        {
            var tuned = Replay(new CompiledTrigger(WithThreshold(trigger, value)), histories, metrics, from, to, end);
            return new ThresholdResult(value, tuned.Count(o => o.Outcome == TriggerOutcomeKind.Fired), tuned.Count(o => o.Outcome == TriggerOutcomeKind.Suppressed));
        }).ToList();

        return new TriggerSimulation
        {
            TriggerId = trigger.Id,
            From = from,
            To = to,
            Customers = histories.Count,
            CustomersTruncated = truncated,
            Firings = outcomes.Count(o => o.Outcome == TriggerOutcomeKind.Fired),
            Suppressions = outcomes.Count(o => o.Outcome == TriggerOutcomeKind.Suppressed),
            SuppressedBy = outcomes.Where(o => o.Reason is not null).GroupBy(o => SnakeCaseEnumConverter<SuppressionReason>.NameOf(o.Reason!.Value))
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Results = [.. outcomes.OrderBy(o => o.At).ThenBy(o => o.CustomerId, StringComparer.Ordinal).Take(MaxResults)],
            ResultsTruncated = outcomes.Count > MaxResults,
            Thresholds = tuning,
        };
    }

    private static List<TriggerOutcome> Replay(
        CompiledTrigger trigger, List<(string CustomerId, List<CustomerDay> Days)> histories, IReadOnlyList<CompiledMetric> metrics,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset end)
    {
        // Simulated as active: a paused trigger can be tried before it is switched on.
        trigger = trigger.IsActive ? trigger : new CompiledTrigger(trigger.Definition with { Status = TriggerStatus.Active });
        var all = new List<TriggerOutcome>();
        foreach (var (customerId, days) in histories)
        {
            var book = new CustomerTriggerBook();
            var outcomes = new List<TriggerOutcome>();
            TriggerFolding.MetricProbe? probe = trigger.MetricIds.Count > 0 ? new TriggerMetricProbe(metrics, days).ValueAt : null;
            TriggerFolding.Advance(book, [trigger], customerId, days, probe, outcomes);
            TriggerFolding.Tick(book, [trigger], customerId, end, outcomes);
            all.AddRange(outcomes.Where(o => o.At >= from && o.At < to));
        }
        return all;
    }

    private static Trigger WithThreshold(Trigger trigger, double value)
    {
        var conditions = trigger.Conditions ?? [];
        var hasThreshold = conditions.Any(c => c.Type == TriggerConditionType.Threshold);
        return trigger with
        {
            Conditions = [.. conditions.Select(c => hasThreshold
                ? c.Type == TriggerConditionType.Threshold ? c with { Count = (int)value } : c
                : c.Type == TriggerConditionType.Metric ? c with { Value = value } : c)],
        };
    }
}

/// <summary>
/// A simulation: the window (<c>from</c> ≤ at &lt; <c>to</c>), which customers (all customers the
/// stream has seen when absent), the thresholds to try, and, for <c>POST /triggers/simulate</c>, the
/// unsaved trigger.
/// </summary>
public sealed record TriggerSimulationRequest
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public List<string>? CustomerIds { get; init; }
    public List<double>? Thresholds { get; init; }
    public Trigger? Trigger { get; init; }
}

public sealed record TriggerSimulation
{
    public string? TriggerId { get; init; }
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required int Customers { get; init; }
    public bool CustomersTruncated { get; init; }
    public required int Firings { get; init; }
    public required int Suppressions { get; init; }
    public required Dictionary<string, int> SuppressedBy { get; init; }
    public required List<TriggerOutcome> Results { get; init; }
    public bool ResultsTruncated { get; init; }
    public List<ThresholdResult>? Thresholds { get; init; }
}

public sealed record ThresholdResult(double Value, int Firings, int Suppressions);
