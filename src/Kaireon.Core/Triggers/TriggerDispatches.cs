using System.Text.Json;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Microsoft.Extensions.Logging;

namespace Kaireon.Core.Triggers;

/// <summary>
/// Firings whose actions have not all run, held durably until they have: one entry per firing
/// (kind <c>trigger_dispatch</c>, id <c>tenant|firing</c>) in the reserved <c>_system</c> catalog
/// partition, written before the firing's record, so a process that dies with a webhook unsent loses
/// nothing — the timer finds the entry once its lease runs out and hands it to a worker again.
/// </summary>
/// <remarks>
/// <para>Ownership is a lease taken by etag: a worker claims an entry (a conditional replace) before
/// running it, renews the claim after each action and deletes the entry after the last, each
/// conditioned on the etag it holds. So of the copies that may be queued — the stream's, in the
/// process that fired, and the timer's after the lease ran out — one runs and the others find the
/// etag changed and stop.</para>
/// <para>Actions run at least once: a process that dies after an action but before its claim is
/// renewed runs that action again on recovery. Receivers de-duplicate by the firing id in
/// <see cref="WebhookSignature.FiringHeader"/>.</para>
/// </remarks>
public sealed partial class TriggerDispatches(ICatalogStore store, TriggerLog log, TriggerActionQueue queue, TimeProvider clock, ILogger<TriggerDispatches> logger)
{
    public const string Kind = "trigger_dispatch";

    /// <summary>
    /// How long a claim holds: longer than one action with every retry (by default four attempts of
    /// at most 10 s with 1–4 s between them), so a live worker keeps what it runs.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Makes the firing's actions durable, then queues them for this process's worker. A firing
    /// already held (an earlier attempt wrote it) is left to its holder or to the timer.
    /// <paramref name="repair"/>: the firing's record was lost in a crash, so its entry may have been
    /// run and removed already; then the delivery log says so and nothing is added.
    /// </summary>
    public async Task AddAsync(TenantId tenant, Trigger trigger, TriggerOutcome firing, bool repair, CancellationToken ct)
    {
        if (trigger.Actions is not { Count: > 0 }) return;
        if (repair && await log.DeliveryBeganAsync(tenant, firing.Id, ct)) return;
        var dispatch = new TriggerDispatch(tenant, trigger, firing);
        var created = await store.CreateAsync(Document(dispatch, clock.GetUtcNow() + Lease), ct);
        if (created.Ok) Enqueue(dispatch with { Etag = created.Document!.Etag });
    }

    /// <summary>Every held dispatch of every tenant, with when its lease runs out.</summary>
    public async Task<IReadOnlyList<(TriggerDispatch Dispatch, DateTimeOffset LeaseUntil)>> HeldAsync(CancellationToken ct)
    {
        var documents = await store.ListAsync(TenantId.System, Kind, ct);
        return [.. documents.Select(d =>
        {
            var body = d.Body.Deserialize(KaireonJson.Default.TriggerDispatchBody)!;
            return (new TriggerDispatch(TenantId.Parse(body.Tenant), body.Trigger, body.Firing, body.NextAction, d.Etag), body.LeaseUntil);
        })];
    }

    /// <summary>The timer's sweep: queues every entry whose lease ran out (its process died or its queue was full). Answers how many.</summary>
    public async Task<int> RedispatchExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var queued = 0;
        foreach (var (dispatch, leaseUntil) in await HeldAsync(ct))
        {
            if (leaseUntil > now) continue;
            if (!Enqueue(dispatch)) break;
            queued++;
        }
        return queued;
    }

    /// <summary>Takes the entry for this worker, or answers null when another holds it or it is done.</summary>
    public Task<TriggerDispatch?> ClaimAsync(TriggerDispatch dispatch, CancellationToken ct) => ReplaceAsync(dispatch, dispatch.NextAction, ct);

    /// <summary>
    /// After action <see cref="TriggerDispatch.NextAction"/> ran: the entry renewed for the next one,
    /// or removed after the last (null). Null also when the claim was lost: the holder runs the rest.
    /// </summary>
    public async Task<TriggerDispatch?> AdvanceAsync(TriggerDispatch dispatch, CancellationToken ct)
    {
        var next = dispatch.NextAction + 1;
        if (next < (dispatch.Trigger.Actions?.Count ?? 0)) return await ReplaceAsync(dispatch, next, ct);
        await store.DeleteAsync(TenantId.System, Kind, Id(dispatch.Tenant, dispatch.Firing.Id), dispatch.Etag, ct);
        return null;
    }

    private async Task<TriggerDispatch?> ReplaceAsync(TriggerDispatch dispatch, int nextAction, CancellationToken ct)
    {
        var renewed = dispatch with { NextAction = nextAction };
        var replaced = await store.ReplaceAsync(Document(renewed, clock.GetUtcNow() + Lease), dispatch.Etag, ct);
        return replaced.Ok ? renewed with { Etag = replaced.Document!.Etag } : null;
    }

    private bool Enqueue(TriggerDispatch dispatch)
    {
        if (queue.TryEnqueue(dispatch)) return true;
        LogQueueFull(logger, dispatch.Firing.Id, dispatch.Tenant.Value);
        return false;
    }

    private static string Id(TenantId tenant, string firingId) => $"{tenant.Value}|{firingId}";

    private static CatalogDocument Document(TriggerDispatch dispatch, DateTimeOffset leaseUntil) => new()
    {
        Tenant = TenantId.System,
        Kind = Kind,
        Id = Id(dispatch.Tenant, dispatch.Firing.Id),
        Body = JsonSerializer.SerializeToElement(
            new TriggerDispatchBody(dispatch.Tenant.Value, dispatch.Trigger, dispatch.Firing, dispatch.NextAction, leaseUntil), KaireonJson.Default.TriggerDispatchBody),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The trigger action queue is full: firing {FiringId} of {TenantId} waits for the timer")]
    private static partial void LogQueueFull(ILogger logger, string firingId, string tenantId);
}

public sealed record TriggerDispatchBody(string Tenant, Trigger Trigger, TriggerOutcome Firing, int NextAction, DateTimeOffset LeaseUntil);
