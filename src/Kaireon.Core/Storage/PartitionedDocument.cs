using System.Text.Json;

namespace Kaireon.Core.Storage;

/// <summary>
/// A document in a <c>/pk</c>-partitioned container. Ids sort: day documents are
/// <c>day|2026-03-16</c>, so a window is one id-range query in one partition.
/// </summary>
/// <remarks><see cref="Etag"/> is set by the store on every write, quoted and opaque.</remarks>
public sealed record PartitionedDocument
{
    public required DocumentPartition Partition { get; init; }
    public required string Id { get; init; }
    public required JsonElement Body { get; init; }
    public string Etag { get; init; } = "";
}
