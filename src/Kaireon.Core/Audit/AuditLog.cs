using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Audit;

/// <summary>
/// The tenant's log of configuration changes, kept in the traces container without expiry; a listing
/// also shows the trigger audit trail (firings, suppressions, delivery attempts) as entries of the trigger.
/// </summary>
public sealed class AuditLog(ITraceStore traces, TimeProvider clock)
{
    public const string Kind = "audit";

    /// <summary>How far back a listing looks when the caller gives no <c>from</c>.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    public async Task RecordAsync(
        TenantId tenant, Actor actor, string entityKind, string entityId, AuditAction action,
        string? etagBefore, string? etagAfter, CancellationToken ct, string? detail = null)
    {
        var now = clock.GetUtcNow();
        var entry = new AuditEntry
        {
            Id = EntityId.New($"aud_{now.UtcTicks:x}_"),
            At = now,
            Actor = actor.KeyId,
            EntityKind = entityKind,
            EntityId = entityId,
            Action = action,
            EtagBefore = etagBefore,
            EtagAfter = etagAfter,
            Detail = detail,
        };
        await traces.AppendAsync(new TraceRecord
        {
            Tenant = tenant,
            Kind = Kind,
            Id = entry.Id,
            At = now,
            Body = JsonSerializer.SerializeToElement(entry, KaireonJson.Default.AuditEntry),
        }, ct);
    }

    /// <summary>Entries with <paramref name="from"/> ≤ at &lt; <paramref name="to"/>, newest first.</summary>
    public async Task<Page<AuditEntry>> ListAsync(
        TenantId tenant, DateTimeOffset? from, DateTimeOffset? to, string? entityKind, string? entityId,
        int limit, string? cursor, CancellationToken ct)
    {
        var end = to ?? clock.GetUtcNow().AddTicks(1);
        var records = await traces.ListAsync(tenant, Kind, from ?? end - DefaultRange, end, ct);
        var entries = records
            .Select(r => r.Body.Deserialize(KaireonJson.Default.AuditEntry)!)
            .Concat(entityKind is null or Triggers.Trigger.KindName ? await Triggers.TriggerAuditEntries.ListAsync(traces, tenant, from ?? end - DefaultRange, end, ct) : [])
            .Where(e => (entityKind is null || e.EntityKind == entityKind) && (entityId is null || e.EntityId == entityId));
        return Paging.Of(entries, e => Paging.NewestFirst(e.At, e.Id), limit, cursor);
    }
}
