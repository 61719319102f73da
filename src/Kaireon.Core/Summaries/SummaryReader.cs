using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Summaries;

/// <summary>
/// Interaction summaries over a window (<c>Nd</c> = the N UTC days ending today, today included).
/// For a customer: the customer's day documents, which hold every accepted Respond at once
/// (read-your-writes) and events once the stream has applied them. Tenant-wide: the rollup shards,
/// which follow the stream. Either way one
/// single-partition range query, whatever the window.
/// </summary>
public sealed class SummaryReader(ICustomerStore customers, IRollupStore rollups)
{
    public async Task<IReadOnlyList<SummaryRow>> ReadAsync(
        TenantId tenant, SummaryDefinition definition, SummaryWindow window, UtcDay today, string? customerId,
        IReadOnlyDictionary<SummaryDimension, string> filters, CancellationToken ct)
    {
        var (first, last) = today.WindowEndingHere(window.Days());
        IEnumerable<RollupRow> rows;
        if (customerId is not null)
        {
            var days = await customers.RangeAsync(new DocumentPartition(tenant, customerId), first.DocumentId, last.DocumentId, ct);
            rows = SummaryProjection.AsRows(days.SelectMany(d => d.Deserialize(KaireonJson.Default.CustomerDay)!.Interactions));
        }
        else
        {
            // Shard ids extend the day id (day|2026-03-16|p3), so the range ends past the last day's shards.
            var shards = await rollups.RangeAsync(new DocumentPartition(tenant, TenantRollup.AllDimensions), first.DocumentId, $"{last.DocumentId}|~", ct);
            rows = shards.SelectMany(s => s.Deserialize(KaireonJson.Default.TenantRollup)!.Rows.Values);
        }
        return SummaryProjection.Project(definition, rows, filters);
    }
}
