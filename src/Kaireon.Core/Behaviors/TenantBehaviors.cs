using System.Collections.Frozen;
using Kaireon.Core.Conditions;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// A tenant's behaviours compiled for the stream: for each verb with flexible behaviours, those
/// behaviours with their conditions compiled. Immutable and thread-safe; one instance per catalog
/// snapshot version (<see cref="BehaviorCatalog"/>).
/// </summary>
public sealed class TenantBehaviors
{
    public static readonly TenantBehaviors None = new(FrozenDictionary<string, VerbBehaviors>.Empty);

    private readonly FrozenDictionary<string, VerbBehaviors> _byVerb;

    private TenantBehaviors(FrozenDictionary<string, VerbBehaviors> byVerb) => _byVerb = byVerb;

    /// <summary>True when no verb has a flexible behaviour: the stream then does nothing for the tenant.</summary>
    public bool IsEmpty => _byVerb.Count == 0;

    /// <summary>The flexible behaviours evaluated on events of <paramref name="type"/>, or null when it is no such verb.</summary>
    public VerbBehaviors? ForVerb(string type) => _byVerb.GetValueOrDefault(type);

    /// <summary>
    /// Compiles <paramref name="all"/> (a tenant's behaviours, simple and flexible). Flexible behaviours
    /// are grouped under their parent's verb in id order, so every evaluation visits them in the same
    /// order; one whose parent is missing or not simple is skipped (validation keeps that from happening).
    /// </summary>
    public static TenantBehaviors Compile(TenantId tenant, IEnumerable<Behavior> all, ConditionCache conditions)
    {
        var list = all.ToList();
        var parents = list.Where(b => !b.IsFlexible && b.Verb is not null).ToDictionary(b => b.Id!, StringComparer.Ordinal);
        var byVerb = list
            .Where(b => b.IsFlexible && b.Conditions is not null && parents.ContainsKey(b.ParentId!))
            .GroupBy(b => parents[b.ParentId!].Verb!, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => new VerbBehaviors(g.Key, [.. g.OrderBy(b => b.Id, StringComparer.Ordinal).Select(b => new FlexibleBehavior(b,
                    conditions.GetOrAdd($"{tenant.Value}/{b.Id}", b.Etag ?? b.UpdatedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        b.Conditions!.Value, static json => BehaviorConditions.Compile(json))))]),
                StringComparer.Ordinal);
        return byVerb.Count == 0 ? None : new TenantBehaviors(byVerb);
    }
}

/// <summary>The flexible behaviours of one verb, and the metadata fields their conditions read.</summary>
public sealed class VerbBehaviors
{
    private readonly MetadataSlots _slots;

    public VerbBehaviors(string verb, IReadOnlyList<FlexibleBehavior> flexible)
    {
        Verb = verb;
        Flexible = flexible;
        _slots = new MetadataSlots(flexible.Select(f => f.Condition.Tree));
    }

    public string Verb { get; }

    /// <summary>In id order.</summary>
    public IReadOnlyList<FlexibleBehavior> Flexible { get; }

    /// <summary>The union of the fields every condition reads (rate-limit fields are among them).</summary>
    public IReadOnlyList<string> Fields => _slots.Fields;

    /// <summary>The event's metadata with every field the conditions read decoded once (<see cref="EventMetadata"/>).</summary>
    public IConditionData DataOf(System.Text.Json.JsonElement? metadata) => EventMetadata.Read(metadata, _slots);
}

/// <summary>A flexible behaviour with its conditions compiled.</summary>
public sealed record FlexibleBehavior(Behavior Behavior, CompiledCondition Condition)
{
    public string Id => Behavior.Id!;

    /// <summary>What its rate-limit buckets count for (<c>field|period</c>), or null without a rate limit.</summary>
    public string? LimitKey { get; } = Behavior.RateLimit is { } limit ? $"{limit.Field}|{limit.Period}" : null;
}
