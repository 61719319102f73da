using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;

namespace Kaireon.Core.Storage;

/// <summary>
/// Deserialized documents by version: what this process last read or wrote of each document, under
/// the etag the store gave that version. A read asks the store only whether the etag is still
/// current (<see cref="IPartitionedStore.FindIfChangedAsync"/>) and reuses the cached value when it
/// is; any other answer — another writer, another process, a write whose outcome was never seen —
/// carries a different etag and is read and deserialized as if nothing were cached.
/// </summary>
/// <remarks>
/// Correct as long as an etag names one version of one document, which both adapters guarantee
/// (a new etag on every write). Values are shared between callers, so they must never be changed
/// in place: updates copy, as <see cref="DocumentUpdate"/> requires anyway. Bounded by the summed
/// <c>weight</c> of its values: two generations, the older dropped whole when the newer fills, so a
/// hot document stays (a hit moves it to the newer one) and a cold one leaves within two turns.
/// Thread-safe.
/// </remarks>
public class DocumentCache<T> where T : class
{
    private readonly Generations _generations;
    private readonly bool _admits;
    private DocumentCache<T>? _knownOnly;

    public DocumentCache(int capacity, Func<T, int> weight) : this(new Generations(capacity, weight), admits: true)
    {
    }

    private DocumentCache(Generations generations, bool admits)
    {
        _generations = generations;
        _admits = admits;
    }

    /// <summary>
    /// The same cache for a caller that keeps only documents it already holds: it finds them, and a
    /// version it reads or writes of one of them replaces the cached one, but a document the cache
    /// does not hold stays out. For a caller whose writes rarely come back to it soon: every version
    /// cached is a live object until the cache turns over, and under a sustained load the turn comes
    /// after it has been promoted and before it is read again (the stream's customer days,
    /// <c>docs/benchmarks.md</c>, session 12).
    /// </summary>
    public DocumentCache<T> KnownOnly => _knownOnly ??= new DocumentCache<T>(_generations, admits: false);

    /// <summary>Reads the document, deserializing it only when the store has a version this cache does not hold.</summary>
    public async Task<DocumentUpdate.Read> ReadAsync(
        IPartitionedStore store, DocumentPartition partition, string id, JsonTypeInfo<T> json, CancellationToken ct) =>
        (await ReadManyAsync(store, [(partition, id)], json, ct))[0];

    /// <summary><see cref="ReadAsync"/> for many documents in one <see cref="IPartitionedStore.FindManyIfChangedAsync"/>; answers in the order asked.</summary>
    /// <param name="deserialize">
    /// False: a version this cache does not hold comes back as the stored document alone (its
    /// <see cref="DocumentUpdate.Read.Value"/> null), neither deserialized nor remembered, for a caller
    /// that mostly only glances at it (<see cref="Resolve"/> deserializes it when it must).
    /// </param>
    public async Task<DocumentUpdate.Read[]> ReadManyAsync(
        IPartitionedStore store, IReadOnlyList<(DocumentPartition Partition, string Id)> documents, JsonTypeInfo<T> json, CancellationToken ct,
        bool deserialize = true)
    {
        var known = new Entry?[documents.Count];
        var keys = new DocumentKey[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            known[i] = Find(documents[i].Partition, documents[i].Id);
            keys[i] = new DocumentKey(documents[i].Partition, documents[i].Id, known[i]?.Etag);
        }
        var found = await store.FindManyIfChangedAsync(keys, ct);
        var reads = new DocumentUpdate.Read[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            reads[i] = found[i].NotModified && known[i] is { } entry
                ? new DocumentUpdate.Read(null, entry.Value) { Etag = entry.Etag }
                : deserialize ? Resolve(documents[i].Partition, documents[i].Id, found[i].Document, json) : new DocumentUpdate.Read(found[i].Document);
        }
        return reads;
    }

    /// <summary>A document the caller read from the store (null: absent), deserialized unless this cache holds its version.</summary>
    public DocumentUpdate.Read Resolve(DocumentPartition partition, string id, PartitionedDocument? document, JsonTypeInfo<T> json)
    {
        if (document is null) return new DocumentUpdate.Read(null);
        if (Find(partition, id) is { } known && known.Etag == document.Etag) return new DocumentUpdate.Read(document, known.Value);
        var value = document.Deserialize(json)!;
        Remember(partition, id, document.Etag, value);
        return new DocumentUpdate.Read(document, value);
    }

    /// <summary>Records that the stored version tagged <paramref name="etag"/> is <paramref name="value"/>.</summary>
    /// <remarks>Through <see cref="KnownOnly"/>, only when the cache holds the document already.</remarks>
    public void Remember(DocumentPartition partition, string id, string etag, T value)
    {
        if (!_admits && Find(partition, id) is null) return;
        _generations.Put((partition, id), new Entry(etag, value, Math.Max(1, _generations.Weigh(value))));
    }

    private Entry? Find(DocumentPartition partition, string id) => _generations.Find((partition, id));

    private sealed record Entry(string Etag, T Value, int Weight);

    /// <summary>The entries, shared by a cache and its <see cref="KnownOnly"/> view.</summary>
    private sealed class Generations(int capacity, Func<T, int> weight)
    {
        private readonly Lock _turn = new();
        private Generation _current = new();
        private Generation _previous = new();

        public int Weigh(T value) => weight(value);

        public void Put((DocumentPartition, string) key, Entry entry)
        {
            var current = _current;
            if (current.Entries.TryGetValue(key, out var replaced)) Interlocked.Add(ref current.Weight, -replaced.Weight);
            current.Entries[key] = entry;
            if (Interlocked.Add(ref current.Weight, entry.Weight) > capacity / 2) Turn(current);
        }

        /// <summary>The cached entry; one found in the older generation moves to the newer.</summary>
        public Entry? Find((DocumentPartition, string) key)
        {
            if (_current.Entries.TryGetValue(key, out var entry)) return entry;
            if (!_previous.Entries.TryGetValue(key, out entry)) return null;
            Put(key, entry);
            return entry;
        }

        private void Turn(Generation full)
        {
            lock (_turn)
            {
                if (_current != full) return;
                _previous = full;
                _current = new Generation();
            }
        }
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<(DocumentPartition, string), Entry> Entries = new();
        public long Weight;
    }
}
