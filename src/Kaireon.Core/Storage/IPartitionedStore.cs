namespace Kaireon.Core.Storage;

/// <summary>Point reads and conditional writes in one partition, and id-range reads within it.</summary>
public interface IPartitionedStore
{
    Task<PartitionedDocument?> FindAsync(DocumentPartition partition, string id, CancellationToken ct);

    /// <summary>The partition's documents with <paramref name="fromId"/> ≤ id ≤ <paramref name="toId"/> (ordinal), in no particular order: one query.</summary>
    Task<IReadOnlyList<PartitionedDocument>> RangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct);

    /// <summary>
    /// The partition's documents whose id is one of <paramref name="ids"/> or lies in
    /// <paramref name="range"/> (inclusive, ordinal), in no particular order: everything a decision
    /// reads about one customer in one query. Adapters answer with one query; this default, for
    /// decorators, reads each id and the range concurrently.
    /// </summary>
    async Task<IReadOnlyList<PartitionedDocument>> ReadAsync(
        DocumentPartition partition, IReadOnlyCollection<string> ids, IdRange? range, CancellationToken ct)
    {
        var points = ids.Select(id => FindAsync(partition, id, ct)).ToList();
        var ranged = range is { } r ? await RangeAsync(partition, r.From, r.To, ct) : [];
        var found = (await Task.WhenAll(points)).OfType<PartitionedDocument>();
        return [.. found.Concat(ranged).DistinctBy(d => d.Id, StringComparer.Ordinal)];
    }

    /// <summary>Creates the document; <see cref="WriteStatus.Conflict"/> when its id exists in the partition.</summary>
    Task<WriteResult<PartitionedDocument>> CreateAsync(PartitionedDocument document, CancellationToken ct);

    /// <summary>Replaces an existing document, conditioned on <paramref name="ifMatch"/> as <see cref="ETags.Satisfies"/> says.</summary>
    Task<WriteResult<PartitionedDocument>> ReplaceAsync(PartitionedDocument document, string? ifMatch, CancellationToken ct);
}

/// <summary>Ids from <see cref="From"/> to <see cref="To"/>, both included, compared ordinally.</summary>
public readonly record struct IdRange(string From, string To);

/// <summary>The <c>customers</c> container: a customer's profile, day documents and state, partition = customer id.</summary>
public interface ICustomerStore : IPartitionedStore;

/// <summary>The <c>rollups</c> container: tenant-wide summary shards, partition = summary definition id.</summary>
public interface IRollupStore : IPartitionedStore;
