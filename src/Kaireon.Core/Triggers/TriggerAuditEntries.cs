using System.Globalization;
using System.Text.Json;
using Kaireon.Core.Audit;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Triggers;

/// <summary>
/// The trigger audit trail as audit-log entries of the trigger: each firing (<c>fire</c>),
/// suppression (<c>suppress</c>, with its reason) and delivery attempt (<c>deliver</c>), by actor
/// <c>system</c>. Read from their own trace records, so nothing is written twice.
/// </summary>
public static class TriggerAuditEntries
{
    /// <summary>Entries of records with <paramref name="from"/> ≤ at &lt; <paramref name="to"/> (an outcome is at its cause's time, a delivery at its attempt's).</summary>
    public static async Task<IEnumerable<AuditEntry>> ListAsync(ITraceStore traces, TenantId tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var outcomes = await traces.ListAsync(tenant, TriggerLog.OutcomeKind, from, to, ct);
        var deliveries = await traces.ListAsync(tenant, TriggerLog.DeliveryKind, from, to, ct);
        return outcomes.Select(r => Of(r.Body.Deserialize(KaireonJson.Default.TriggerOutcome)!))
            .Concat(deliveries.Select(r => Of(r.Body.Deserialize(KaireonJson.Default.TriggerDelivery)!)));
    }

    public static AuditEntry Of(TriggerOutcome o) => new()
    {
        Id = o.Id,
        At = o.At,
        Actor = Actor.System.KeyId,
        EntityKind = Trigger.KindName,
        EntityId = o.TriggerId,
        Action = o.Outcome == TriggerOutcomeKind.Fired ? AuditAction.Fire : AuditAction.Suppress,
        Detail = o.Outcome == TriggerOutcomeKind.Fired
            ? $"Fired for customer {o.CustomerId} (cause {o.CauseEventId}{(o.Supersedes is { } s ? $", restarting the journey of {s}" : "")})."
            : $"Suppressed for customer {o.CustomerId} by {SnakeCaseEnumConverter<SuppressionReason>.NameOf(o.Reason!.Value)} (cause {o.CauseEventId}).",
    };

    public static AuditEntry Of(TriggerDelivery d) => new()
    {
        Id = d.Id,
        At = d.At,
        Actor = Actor.System.KeyId,
        EntityKind = Trigger.KindName,
        EntityId = d.TriggerId,
        Action = AuditAction.Deliver,
        Detail = string.Create(CultureInfo.InvariantCulture,
            $"Firing {d.FiringId}, action {d.ActionIndex} ({SnakeCaseEnumConverter<TriggerActionType>.NameOf(d.Action)}), attempt {d.Attempt}: {SnakeCaseEnumConverter<DeliveryStatus>.NameOf(d.Status)}{(d.HttpStatus is { } h ? $" ({h})" : "")}{(d.Error is { } e ? $": {e}" : "")}."),
    };
}
