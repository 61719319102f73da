using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DeadLetters;

/// <summary>
/// Dead letters in the traces container (kept until replayed and beyond, no TTL). Events whose
/// tenant is unknown are parked in the reserved <c>_system</c> partition, where no tenant key reaches.
/// A replay is recorded as a second, append-only record, so the trace store stays append-only.
/// </summary>
public sealed class DeadLetterStore(ITraceStore traces, TimeProvider clock)
{
    public const string Kind = "dead_letter";
    public const string ReplayKind = "dead_letter_replay";
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(90);

    public async Task<DeadLetter> ParkAsync(TenantId? tenant, DeadLetter letter, CancellationToken ct)
    {
        var parked = letter with { Id = letter.Id.Length > 0 ? letter.Id : EntityId.New($"dl_{clock.GetUtcNow().UtcTicks:x}_"), At = clock.GetUtcNow() };
        await traces.AppendAsync(new TraceRecord
        {
            Tenant = tenant ?? TenantId.System,
            Kind = Kind,
            Id = parked.Id,
            At = parked.At,
            Body = JsonSerializer.SerializeToElement(parked, KaireonJson.Default.DeadLetter),
        }, ct);
        return parked;
    }

    public async Task<Page<DeadLetter>> ListAsync(TenantId tenant, int limit, string? cursor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var letters = await traces.ListAsync(tenant, Kind, now - DefaultRange, now.AddTicks(1), ct);
        var replays = (await traces.ListAsync(tenant, ReplayKind, now - DefaultRange, now.AddTicks(1), ct)).ToDictionary(r => r.Id, r => r.At);
        return Paging.Of(
            letters.Select(r => r.Body.Deserialize(KaireonJson.Default.DeadLetter)! with { ReplayedAt = replays.TryGetValue(r.Id, out var at) ? at : null }),
            d => Paging.NewestFirst(d.At, d.Id), limit, cursor);
    }

    public async Task<DeadLetter?> FindAsync(TenantId tenant, string id, CancellationToken ct)
    {
        if (await traces.FindAsync(tenant, Kind, id, ct) is not { } record) return null;
        var replay = await traces.FindAsync(tenant, ReplayKind, id, ct);
        return record.Body.Deserialize(KaireonJson.Default.DeadLetter)! with { ReplayedAt = replay?.At };
    }

    public Task MarkReplayedAsync(TenantId tenant, string id, CancellationToken ct) =>
        traces.AppendAsync(new TraceRecord
        {
            Tenant = tenant,
            Kind = ReplayKind,
            Id = id,
            At = clock.GetUtcNow(),
            Body = JsonSerializer.SerializeToElement(new { id }),
        }, ct);
}
