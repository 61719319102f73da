using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kaireon.Core.Storage;

/// <summary>
/// Read-modify-write of one document with optimistic concurrency: read it, let
/// <c>change</c> compute the new version, write it conditioned on the etag read (or create it),
/// and start again when another writer got there first. <c>change</c> must be a pure function of
/// the version it is given, since it may run more than once.
/// </summary>
public static class DocumentUpdate
{
    public const int MaxAttempts = 20;

    /// <returns>The stored version: the new one, or the current one when <c>change</c> answered null (nothing to write).</returns>
    public static Task<T?> UpdateAsync<T>(
        IPartitionedStore store, DocumentPartition partition, string id, JsonTypeInfo<T> json, Func<T?, T?> change, CancellationToken ct)
        where T : class =>
        UpdateAsync(store, partition, id, json, change, firstRead: null, cache: null, ct);

    /// <inheritdoc cref="UpdateAsync{T}(IPartitionedStore, DocumentPartition, string, JsonTypeInfo{T}, Func{T, T}, Read, DocumentCache{T}, CancellationToken)"/>
    public static Task<T?> UpdateAsync<T>(
        IPartitionedStore store, DocumentPartition partition, string id, JsonTypeInfo<T> json, Func<T?, T?> change, Read? firstRead, CancellationToken ct)
        where T : class =>
        UpdateAsync(store, partition, id, json, change, firstRead, cache: null, ct);

    /// <param name="firstRead">
    /// The document as the caller just read it (null: read it here): the first attempt starts from it
    /// and saves a read (and, when the caller deserialized it, the deserialization); it must come
    /// from <paramref name="store"/>, so its etag guards the write.
    /// </param>
    /// <param name="cache">
    /// When given, later attempts read through it and every version written is remembered in it, so
    /// the next update of the document in this process skips reading and deserializing its body.
    /// </param>
    public static async Task<T?> UpdateAsync<T>(
        IPartitionedStore store, DocumentPartition partition, string id, JsonTypeInfo<T> json, Func<T?, T?> change,
        Read? firstRead, DocumentCache<T>? cache, CancellationToken ct)
        where T : class
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var read = attempt == 1 && firstRead is not null ? firstRead
                : cache is not null ? await cache.ReadAsync(store, partition, id, json, ct)
                : new Read(await store.FindAsync(partition, id, ct));
            var current = Current(read, json);
            var next = change(current);
            if (next is null) return current;

            var document = Serialized(partition, id, next, json);
            var written = read.Etag is null
                ? await store.CreateAsync(document, ct)
                : await store.ReplaceAsync(document, read.Etag, ct);
            if (!written.Ok) continue;
            cache?.Remember(partition, id, written.Document!.Etag, next);
            return next;
        }
        throw new InvalidOperationException($"Document {id} in {partition} kept changing under {MaxAttempts} attempts to update it.");
    }

    /// <summary>
    /// <see cref="UpdateAsync{T}(IPartitionedStore, DocumentPartition, string, JsonTypeInfo{T}, Func{T, T}, Read, DocumentCache{T}, CancellationToken)"/>
    /// for many documents at once: the first attempt of every one goes out in one
    /// <see cref="IPartitionedStore.WriteManyAsync"/>, and each one that lost a race starts again
    /// on its own. Answers in the order given.
    /// </summary>
    /// <param name="firstWrite">
    /// What sends the first attempt's writes to <paramref name="store"/> (null: its
    /// <see cref="IPartitionedStore.WriteManyAsync"/>). When given, it runs even with nothing to
    /// write, since it may carry more than the writes (Respond's publish, <see cref="Interactions.IEventPublisher.PublishWithAsync"/>).
    /// </param>
    public static async Task<T?[]> UpdateManyAsync<T>(
        IPartitionedStore store, IReadOnlyList<Target<T>> targets, JsonTypeInfo<T> json, DocumentCache<T>? cache, CancellationToken ct,
        Func<IReadOnlyList<DocumentWrite>, CancellationToken, Task<IReadOnlyList<WriteResult<PartitionedDocument>>>>? firstWrite = null)
        where T : class
    {
        var results = new T?[targets.Count];
        var writes = new List<DocumentWrite>(targets.Count);
        var pending = new List<(int Index, T Next)>(targets.Count);
        for (var i = 0; i < targets.Count; i++)
        {
            var (partition, id, read, change) = targets[i];
            var current = Current(read, json);
            if (change(current) is not { } next)
            {
                results[i] = current;
                continue;
            }
            writes.Add(new DocumentWrite(Serialized(partition, id, next, json), read.Etag));
            pending.Add((i, next));
        }
        if (writes.Count == 0 && firstWrite is null) return results;

        var written = await (firstWrite ?? store.WriteManyAsync)(writes, ct);
        var again = new List<Task>();
        for (var w = 0; w < written.Count; w++)
        {
            var (index, next) = pending[w];
            var target = targets[index];
            if (written[w].Ok)
            {
                cache?.Remember(target.Partition, target.Id, written[w].Document!.Etag, next);
                results[index] = next;
            }
            else
            {
                again.Add(Again(index, target));
            }
        }
        await Task.WhenAll(again);
        return results;

        async Task Again(int index, Target<T> target) =>
            results[index] = await UpdateAsync(store, target.Partition, target.Id, json, target.Change, firstRead: null, cache, ct);
    }

    /// <summary>The version a read holds, deserialized unless the reader did that already.</summary>
    private static T? Current<T>(Read read, JsonTypeInfo<T> json) where T : class => read.Value as T ?? read.Document?.Deserialize(json);

    /// <summary>A new version, serialized once, to the UTF-8 text the store writes as it is.</summary>
    internal static PartitionedDocument Serialized<T>(DocumentPartition partition, string id, T next, JsonTypeInfo<T> json) =>
        new() { Partition = partition, Id = id, Utf8Body = JsonSerializer.SerializeToUtf8Bytes(next, json) };

    /// <summary>One document of <see cref="UpdateManyAsync"/>: where it is, its first read, and the pure change to apply.</summary>
    public sealed record Target<T>(DocumentPartition Partition, string Id, Read FirstRead, Func<T?, T?> Change) where T : class;

    /// <summary>
    /// A document as read, possibly absent: the starting point of an update. <see cref="Value"/> is its
    /// body as the caller already deserialized it (null: deserialize it again); <c>change</c> receives
    /// that very instance, so it must copy before it changes anything, as every change should.
    /// </summary>
    /// <remarks>A read answered from a <see cref="DocumentCache{T}"/> has a <see cref="Value"/> and an <see cref="Etag"/> but no <see cref="Document"/>.</remarks>
    public sealed record Read(PartitionedDocument? Document, object? Value = null)
    {
        /// <summary>The version read; null when the document was absent.</summary>
        public string? Etag { get; init; } = Document?.Etag;
    }
}
