namespace Kaireon.Core.Interactions;

/// <summary>
/// A tenant-wide rollup shard: one UTC day of one stream partition (<c>day|2026-03-16|p3</c>), one
/// cell per <see cref="InteractionKey"/>, and the last stream sequence number applied to it. A
/// batch only applies events with higher sequence numbers, so a redelivered batch changes nothing.
/// Shards of a day are summed when read.
/// </summary>
public sealed record TenantRollup
{
    /// <summary>The partition key of every rollup shard: rows of all dimensions, projected per definition when read.</summary>
    public const string AllDimensions = "_all";

    public required UtcDay Day { get; init; }
    public required string StreamPartition { get; init; }
    public long LastSequence { get; set; } = -1;
    public Dictionary<string, RollupRow> Rows { get; init; } = new(StringComparer.Ordinal);

    public static string DocumentId(UtcDay day, string streamPartition) => $"{day.DocumentId}|p{streamPartition}";

    public void Add(Interaction interaction)
    {
        var key = InteractionKey.Of(interaction);
        var rowKey = key.ToRowKey();
        if (!Rows.TryGetValue(rowKey, out var row)) Rows[rowKey] = row = new RollupRow(key, new InteractionCell());
        row.Cell.Add(interaction);
    }
}
