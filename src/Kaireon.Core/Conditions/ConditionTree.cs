using System.Text.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Conditions;

/// <summary>
/// A condition that passed design §6's save-time rules: immutable, and the input of
/// <see cref="Compile"/>. Safe to share between threads.
/// </summary>
public sealed class ConditionTree
{
    /// <summary>Nodes nest at most this deep; a leaf at the root is depth 1, a leaf in a group depth 2.</summary>
    public const int MaxDepth = 10;

    /// <summary>The wildcard condition value, valid only with <c>is</c>.</summary>
    public const string Wildcard = "*";

    internal ConditionTree(ConditionNode root, IReadOnlyList<ConditionLeaf> leaves, IReadOnlySet<string> fields, TimeSpan regexTimeout)
    {
        Root = root;
        Leaves = leaves;
        Fields = fields;
        RegexTimeout = regexTimeout;
    }

    public ConditionNode Root { get; }

    /// <summary>Every leaf, in document order.</summary>
    public IReadOnlyList<ConditionLeaf> Leaves { get; }

    /// <summary>
    /// The distinct fields the leaves read, e.g. to know which metrics or attributes to fetch. A
    /// field named by several leaves is one string instance, the one passed to <see cref="IConditionData"/>.
    /// </summary>
    public IReadOnlySet<string> Fields { get; }

    public TimeSpan RegexTimeout { get; }

    /// <summary>
    /// Parses and checks <paramref name="json"/>, adding every error under
    /// <paramref name="path"/> (<c>filterConditions</c> gives <c>filterConditions.all[1].operator</c>).
    /// Null when anything is wrong.
    /// </summary>
    public static ConditionTree? Parse(JsonElement json, string path, ValidationErrors errors, ConditionParseOptions? options = null) =>
        new ConditionParser(path, errors, options ?? ConditionParseOptions.Default).Parse(json);

    /// <summary>
    /// Parses a condition that was valid when it was saved (a stored configuration); throws
    /// <see cref="ArgumentException"/> listing the errors if it is not.
    /// </summary>
    public static ConditionTree Parse(JsonElement json, ConditionParseOptions? options = null)
    {
        var errors = new ValidationErrors();
        return Parse(json, "", errors, options) ?? throw new ArgumentException($"Invalid condition: {errors}", nameof(json));
    }

    /// <summary>Builds the evaluator: once per configuration version, then shared (see <see cref="ConditionCache"/>).</summary>
    public CompiledCondition Compile() => new(this, ConditionCompiler.Compile(Root, RegexTimeout, slots: null));

    /// <summary>
    /// Builds an evaluator whose leaves read a <see cref="SlotConditionData"/> of <paramref name="slots"/>
    /// by index (and any other data by name, as <see cref="Compile()"/> does).
    /// </summary>
    public CompiledCondition Compile(ConditionSlots slots) => new(this, ConditionCompiler.Compile(Root, RegexTimeout, slots));
}
