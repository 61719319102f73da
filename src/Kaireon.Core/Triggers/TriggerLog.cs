using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Triggers;

/// <summary>
/// The trigger audit trail in the traces container: every firing and suppression (kind
/// <c>trigger_outcome</c>, at its cause's time, id = the outcome's deterministic id, so appending it
/// twice keeps one) and every delivery attempt of an action (kind <c>trigger_delivery</c>).
/// </summary>
public sealed class TriggerLog(ITraceStore traces)
{
    public const string OutcomeKind = "trigger_outcome";
    public const string DeliveryKind = "trigger_delivery";

    /// <summary>How far back a listing looks when the caller gives no <c>from</c>.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    public Task AppendAsync(TenantId tenant, TriggerOutcome outcome, CancellationToken ct) =>
        traces.AppendAsync(new TraceRecord
        {
            Tenant = tenant,
            Kind = OutcomeKind,
            Id = outcome.Id,
            At = outcome.At,
            Body = JsonSerializer.SerializeToElement(outcome, KaireonJson.Default.TriggerOutcome),
        }, ct);

    public async Task<bool> ExistsAsync(TenantId tenant, string outcomeId, CancellationToken ct) =>
        await traces.FindAsync(tenant, OutcomeKind, outcomeId, ct) is not null;

    /// <summary>A delivery attempt's id: attempts are numbered from 1 per action of a firing.</summary>
    public static string DeliveryId(string firingId, int actionIndex, int attempt) => $"{firingId}|{actionIndex}|{attempt}";

    /// <summary>Whether a run of the firing's actions has begun: every run logs attempt 1 of action 0 before anything else.</summary>
    public async Task<bool> DeliveryBeganAsync(TenantId tenant, string firingId, CancellationToken ct) =>
        await traces.FindAsync(tenant, DeliveryKind, DeliveryId(firingId, 0, 1), ct) is not null;

    public Task AppendAsync(TenantId tenant, TriggerDelivery delivery, CancellationToken ct) =>
        traces.AppendAsync(new TraceRecord
        {
            Tenant = tenant,
            Kind = DeliveryKind,
            Id = delivery.Id,
            At = delivery.At,
            Body = JsonSerializer.SerializeToElement(delivery, KaireonJson.Default.TriggerDelivery),
        }, ct);

    /// <summary>The trigger's firings and suppressions with <paramref name="from"/> ≤ at &lt; <paramref name="to"/>, newest first.</summary>
    public async Task<Page<TriggerOutcome>> OutcomesAsync(
        TenantId tenant, string triggerId, string? customerId, DateTimeOffset from, DateTimeOffset to, int limit, string? cursor, CancellationToken ct)
    {
        var records = await traces.ListAsync(tenant, OutcomeKind, from, to, ct);
        var outcomes = records.Select(r => r.Body.Deserialize(KaireonJson.Default.TriggerOutcome)!)
            .Where(o => o.TriggerId == triggerId && (customerId is null || o.CustomerId == customerId));
        return Paging.Of(outcomes, o => Paging.NewestFirst(o.At, o.Id), limit, cursor);
    }

    /// <summary>The trigger's delivery attempts with <paramref name="from"/> ≤ at &lt; <paramref name="to"/>, newest first.</summary>
    public async Task<Page<TriggerDelivery>> DeliveriesAsync(
        TenantId tenant, string triggerId, string? firingId, DateTimeOffset from, DateTimeOffset to, int limit, string? cursor, CancellationToken ct)
    {
        var records = await traces.ListAsync(tenant, DeliveryKind, from, to, ct);
        var deliveries = records.Select(r => r.Body.Deserialize(KaireonJson.Default.TriggerDelivery)!)
            .Where(d => d.TriggerId == triggerId && (firingId is null || d.FiringId == firingId));
        return Paging.Of(deliveries, d => Paging.NewestFirst(d.At, d.Id), limit, cursor);
    }
}

/// <summary>One attempt at one action of a firing: what was tried, when, and how it ended.</summary>
public sealed record TriggerDelivery
{
    public required string Id { get; init; }
    public required string FiringId { get; init; }
    public required string TriggerId { get; init; }
    public required string CustomerId { get; init; }
    public required int ActionIndex { get; init; }
    public required TriggerActionType Action { get; init; }
    public required int Attempt { get; init; }
    public required DeliveryStatus Status { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Url { get; init; }
    public int? HttpStatus { get; init; }
    public string? Error { get; init; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    /// <summary>Done: a 2xx answer, or the segment added.</summary>
    Delivered,
    /// <summary>This attempt failed; another may follow.</summary>
    Failed,
    /// <summary>Not attempted: the SSRF guard refused the address.</summary>
    Refused,
    /// <summary>The last attempt failed: no more will be made.</summary>
    GaveUp,
}
