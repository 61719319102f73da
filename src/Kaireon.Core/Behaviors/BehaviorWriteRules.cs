namespace Kaireon.Core.Behaviors;

/// <summary>
/// The rules of a behaviour write that need the tenant's other behaviours, which the generic catalog
/// checks (fields, then references) cannot see: each verb is one simple behaviour, and a simple
/// behaviour that flexible ones extend stays simple.
/// </summary>
/// <remarks>
/// Checked against the store just before the write, so two concurrent creates of one verb can both
/// pass; the stream then evaluates the flexible behaviours of both, in id order, and the next write
/// of either answers 409 until one is deleted.
/// </remarks>
public static class BehaviorWriteRules
{
    /// <summary>Why writing <paramref name="candidate"/> (normalized, with its id) conflicts (409), or null.</summary>
    public static string? Conflict(Behavior candidate, IReadOnlyList<Behavior> existing)
    {
        if (!candidate.IsFlexible && candidate.Verb is { } verb
            && existing.FirstOrDefault(b => !b.IsFlexible && b.Verb == verb && b.Id != candidate.Id) is { } other)
            return $"The verb '{verb}' is already behaviour '{other.Id}': a verb is one simple behaviour, which flexible behaviours extend.";
        if (candidate.IsFlexible && candidate.Id is { } id)
        {
            var children = existing.Where(b => b.ParentId == id).Select(b => b.Id!).Order(StringComparer.Ordinal).ToList();
            if (children.Count > 0)
                return $"Behavior '{id}' is extended by {children.Count} flexible behaviours ({string.Join(", ", children.Take(20))}): it must stay simple.";
        }
        return null;
    }
}
