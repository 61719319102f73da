using System.Collections.Concurrent;

namespace Kaireon.Core.Conditions;

/// <summary>
/// Compiled conditions per owner (a metric, a behaviour, a rule) and configuration version (its
/// etag), so each version is compiled once per process. One entry per owner: a new version
/// replaces the old. Bounded: past <see cref="Capacity"/> owners the cache starts over, which
/// costs only recompiling. Thread-safe; two threads may compile the same version once each.
/// </summary>
public sealed class ConditionCache(int capacity = ConditionCache.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => _entries.Count;

    /// <summary>
    /// The compiled condition of <paramref name="owner"/> at <paramref name="version"/>, compiling it
    /// with <paramref name="compile"/> when the cache holds another version or none. The owner must be
    /// unique across tenants: include the tenant (<c>acme/bm_email_7d</c>).
    /// </summary>
    public CompiledCondition GetOrAdd<TState>(string owner, string version, TState state, Func<TState, CompiledCondition> compile)
    {
        if (_entries.TryGetValue(owner, out var entry) && string.Equals(entry.Version, version, StringComparison.Ordinal)) return entry.Condition;
        var compiled = compile(state);
        if (_entries.Count >= Capacity && !_entries.ContainsKey(owner)) _entries.Clear();
        _entries[owner] = new Entry(version, compiled);
        return compiled;
    }

    /// <summary>The compiled form of a stored (already validated) condition; see <see cref="ConditionTree.Parse(System.Text.Json.JsonElement, ConditionParseOptions?)"/>.</summary>
    public CompiledCondition GetOrAdd(string owner, string version, System.Text.Json.JsonElement condition, ConditionParseOptions? options = null) =>
        GetOrAdd(owner, version, (condition, options), s => ConditionTree.Parse(s.condition, s.options).Compile());

    /// <summary>Forgets an owner, e.g. when it is deleted.</summary>
    public void Remove(string owner) => _entries.TryRemove(owner, out _);

    private sealed record Entry(string Version, CompiledCondition Condition);
}
