using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
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
    /// Each behaviour's conditions are parsed once per etag (<paramref name="conditions"/>); each verb
    /// compiles them against its own slots, which depend on all its behaviours.
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
                g => new VerbBehaviors(g.Key, g.OrderBy(b => b.Id, StringComparer.Ordinal).Select(b => (b,
                    conditions.GetOrAdd($"{tenant.Value}/{b.Id}", b.Etag ?? b.UpdatedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        b.Conditions!.Value, static json => BehaviorConditions.Compile(json)).Tree))),
                StringComparer.Ordinal);
        return byVerb.Count == 0 ? None : new TenantBehaviors(byVerb);
    }
}

/// <summary>
/// The flexible behaviours of one verb, their conditions compiled against the slots of every
/// metadata field they read: an event's metadata is decoded once (<see cref="DataOf"/>) and each
/// condition's leaves read it by index.
/// </summary>
public sealed class VerbBehaviors
{
    /// <param name="flexible">The behaviours with their parsed conditions, in the order they are evaluated.</param>
    public VerbBehaviors(string verb, IEnumerable<(Behavior Behavior, ConditionTree Conditions)> flexible)
    {
        var parsed = flexible.ToList();
        Verb = verb;
        Slots = new ConditionSlots(parsed.Select(f => f.Conditions));
        Flexible = [.. parsed.Select(f => new FlexibleBehavior(f.Behavior, f.Conditions.Compile(Slots), Slots))];
    }

    public string Verb { get; }

    /// <summary>In id order. An immutable array: walking it per event costs no enumerator and no interface call.</summary>
    public ImmutableArray<FlexibleBehavior> Flexible { get; }

    /// <summary>Where each metadata field the conditions read sits in <see cref="DataOf"/>'s table.</summary>
    public ConditionSlots Slots { get; }

    /// <summary>The union of the fields every condition reads (rate-limit fields are among them).</summary>
    public IReadOnlyList<string> Fields => Slots.Fields;

    /// <summary>The event's metadata with every field the conditions read decoded once.</summary>
    public SlotConditionData DataOf(JsonElement? metadata)
    {
        var data = new SlotConditionData(Slots);
        Slots.Read(metadata, data);
        return data;
    }
}

/// <summary>A flexible behaviour with its conditions compiled against its verb's slots.</summary>
public sealed record FlexibleBehavior
{
    public FlexibleBehavior(Behavior behavior, CompiledCondition condition, ConditionSlots slots)
    {
        Behavior = behavior;
        Condition = condition;
        if (behavior.RateLimit is { } limit)
        {
            LimitKey = $"{limit.Field}|{limit.Period}";
            // Validation ties the field to a wildcard leaf of the conditions, so it has a slot.
            RateLimitSlot = limit.Field is { } field && slots.TryGetSlot(field, out var slot) ? slot : -1;
        }
    }

    public Behavior Behavior { get; }

    public CompiledCondition Condition { get; }

    public string Id => Behavior.Id!;

    /// <summary>What its rate-limit buckets count for (<c>field|period</c>), or null without a rate limit.</summary>
    public string? LimitKey { get; }

    /// <summary>The slot of the rate limit's field in the verb's metadata table; -1 without a rate limit.</summary>
    public int RateLimitSlot { get; } = -1;
}
