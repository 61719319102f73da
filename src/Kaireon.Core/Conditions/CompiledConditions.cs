using System.Runtime.CompilerServices;

namespace Kaireon.Core.Conditions;

/// <summary>
/// Compiled conditions kept beside the configuration object that holds them (a filter node's
/// config, a rule's config): catalog snapshots and published flows are immutable and replaced on
/// every change, so the object is the configuration version, and its condition compiles once.
/// </summary>
public static class CompiledConditions
{
    private static readonly ConditionalWeakTable<object, CompiledCondition> Compiled = [];

    public static CompiledCondition Of<TOwner>(TOwner owner, Func<TOwner, ConditionTree> parse) where TOwner : class =>
        Compiled.GetValue(owner, o => parse((TOwner)o).Compile());
}
