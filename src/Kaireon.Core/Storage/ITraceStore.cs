using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Storage;

/// <summary>The <c>traces</c> container: append-only, time-ordered records per tenant.</summary>
public interface ITraceStore
{
    /// <summary>Appends a record; appending the same (tenant, kind, id) again leaves the first one in place.</summary>
    Task AppendAsync(TraceRecord record, CancellationToken ct);

    Task<TraceRecord?> FindAsync(TenantId tenant, string kind, string id, CancellationToken ct);

    /// <summary>Records of one kind with <paramref name="from"/> ≤ At &lt; <paramref name="to"/>, in no particular order.</summary>
    Task<IReadOnlyList<TraceRecord>> ListAsync(TenantId tenant, string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>
    /// Deletes records whose time to live has passed and answers how many. Reads never return an
    /// expired record either way; this only reclaims space where the store has no TTL of its own.
    /// </summary>
    Task<int> PurgeExpiredAsync(CancellationToken ct);
}
