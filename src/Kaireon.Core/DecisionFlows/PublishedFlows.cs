using System.Collections.Frozen;
using Kaireon.Core.Catalog;

namespace Kaireon.Core.DecisionFlows;

/// <summary>
/// The flows Recommend can run in one tenant, from its catalog snapshot: each published, not archived
/// flow's live version with its pipeline compiled once (v1 stages become nodes), and the default flow
/// (the one published most recently, ties by key).
/// </summary>
public sealed class PublishedFlows
{
    public static PublishedFlows None { get; } = new([], []);

    private readonly FrozenDictionary<string, PublishedFlow> _byKey;

    public PublishedFlows(IEnumerable<DecisionFlowVersion> live, IEnumerable<DecisionFlow> flows)
    {
        var runnable = flows.Where(f => !f.IsArchived).Select(f => f.Id!).ToHashSet(StringComparer.Ordinal);
        _byKey = live.Where(v => runnable.Contains(v.FlowKey))
            .ToFrozenDictionary(v => v.FlowKey, v => new PublishedFlow(v, v.Config.Pipeline()), StringComparer.Ordinal);
        Default = _byKey.Values.OrderByDescending(f => f.Version.PublishedAt).ThenBy(f => f.Key, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>The tenant's default flow, or null when none is published.</summary>
    public PublishedFlow? Default { get; }

    public PublishedFlow? Find(string key) => _byKey.GetValueOrDefault(key);
}

/// <summary>A flow's live version and the nodes it runs.</summary>
public sealed record PublishedFlow(DecisionFlowVersion Version, IReadOnlyList<FlowNode> Pipeline)
{
    public string Key => Version.FlowKey;
}
