using System.Text.Json;
using System.Text.Json.Serialization;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows;

public enum RuleLogicKind { Rule, All, Any }

/// <summary>
/// How a <c>qualify</c> node combines its rules: a rule id, or a group of terms that must all
/// (<c>all</c>, alias <c>and</c>) or any (<c>any</c>, alias <c>or</c>) pass. On the wire:
/// <c>{ "all": ["qr_a", { "any": ["qr_b", "qr_c"] }] }</c>.
/// </summary>
/// <remarks>Immutable. Groups are never empty once validated; depth is at most <see cref="MaxDepth"/>.</remarks>
[JsonConverter(typeof(RuleLogicConverter))]
public sealed record RuleLogic
{
    public const int MaxDepth = 10;

    public RuleLogicKind Kind { get; private init; }

    /// <summary>The rule of a <see cref="RuleLogicKind.Rule"/> term; null for a group.</summary>
    public string? RuleId { get; private init; }

    /// <summary>The terms of a group; empty for a rule.</summary>
    public IReadOnlyList<RuleLogic> Terms { get; private init; } = [];

    public static RuleLogic Rule(string ruleId) => new() { Kind = RuleLogicKind.Rule, RuleId = ruleId };

    public static RuleLogic Group(RuleLogicKind kind, IReadOnlyList<RuleLogic> terms) =>
        kind == RuleLogicKind.Rule ? throw new ArgumentException("A group is all or any.", nameof(kind)) : new() { Kind = kind, Terms = terms };

    /// <summary>Every rule id the tree names, once each, in document order.</summary>
    public IReadOnlyList<string> RuleIds()
    {
        var ids = new List<string>();
        Collect(this, ids);
        return [.. ids.Distinct(StringComparer.Ordinal)];

        static void Collect(RuleLogic term, List<string> ids)
        {
            if (term.RuleId is { } id) ids.Add(id);
            foreach (var child in term.Terms) Collect(child, ids);
        }
    }

    /// <summary>Every rule term with its JSON path under <paramref name="path"/> (<c>logic.all[1].any[0]</c>).</summary>
    public IEnumerable<(string Path, string RuleId)> RulesAt(string path)
    {
        if (RuleId is { } id)
        {
            yield return (path, id);
            yield break;
        }
        var key = Kind == RuleLogicKind.All ? "all" : "any";
        for (var i = 0; i < Terms.Count; i++)
        {
            foreach (var rule in Terms[i].RulesAt($"{path}.{key}[{i}]")) yield return rule;
        }
    }

    /// <summary>The tree's verdict given each rule's; groups short-circuit.</summary>
    public bool Evaluate(Func<string, bool> passes) => Kind switch
    {
        RuleLogicKind.Rule => passes(RuleId!),
        RuleLogicKind.All => Terms.All(t => t.Evaluate(passes)),
        _ => Terms.Any(t => t.Evaluate(passes)),
    };

    /// <summary>Save-time rules: groups hold at least one term, ids are ids, nesting is bounded.</summary>
    internal void Validate(string path, ValidationErrors errors, int depth = 1)
    {
        if (depth > MaxDepth)
        {
            errors.Add(path, $"nests too deeply: at most {MaxDepth} levels.");
            return;
        }
        if (Kind == RuleLogicKind.Rule)
        {
            errors.Reference(path, RuleId, required: true);
            return;
        }
        var key = Kind == RuleLogicKind.All ? "all" : "any";
        if (Terms.Count == 0) errors.Add($"{path}.{key}", "must hold at least one rule id or group.");
        for (var i = 0; i < Terms.Count; i++) Terms[i].Validate($"{path}.{key}[{i}]", errors, depth + 1);
    }
}

/// <summary>Reads a term as a string (a rule id) or a one-key object (a group); writes it back the same way.</summary>
public sealed class RuleLogicConverter : JsonConverter<RuleLogic>
{
    private const string Shape = "must be a rule id or a group { \"all\": [...] } / { \"any\": [...] }";

    public override RuleLogic Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadTerm(ref reader, "", 1);

    private static RuleLogic ReadTerm(ref Utf8JsonReader reader, string at, int depth)
    {
        if (depth > RuleLogic.MaxDepth * 2) throw new JsonException($"{Where(at)}nests too deeply.");
        if (reader.TokenType == JsonTokenType.String) return RuleLogic.Rule(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"{Where(at)}{Shape}.");
        reader.Read();
        var name = reader.TokenType == JsonTokenType.PropertyName ? reader.GetString() : null;
        var kind = name switch
        {
            "all" or "and" => RuleLogicKind.All,
            "any" or "or" => RuleLogicKind.Any,
            _ => throw new JsonException($"{Where(at)}{Shape}."),
        };
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"{Where(at)}'{name}' must be an array of rule ids and groups.");
        var terms = new List<RuleLogic>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            terms.Add(ReadTerm(ref reader, $"{at}{(at.Length == 0 ? "" : ".")}{name}[{terms.Count}]", depth + 1));
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException($"{Where(at)}a group has exactly one key, all or any.");
        return RuleLogic.Group(kind, terms);
    }

    private static string Where(string at) => at.Length == 0 ? "" : $"{at}: ";

    public override void Write(Utf8JsonWriter writer, RuleLogic value, JsonSerializerOptions options)
    {
        if (value.Kind == RuleLogicKind.Rule)
        {
            writer.WriteStringValue(value.RuleId);
            return;
        }
        writer.WriteStartObject();
        writer.WritePropertyName(value.Kind == RuleLogicKind.All ? "all" : "any");
        writer.WriteStartArray();
        foreach (var term in value.Terms) Write(writer, term, options);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
