using System.Text.Json;
using Kaireon.Core.Conditions;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tests.Conditions;

/// <summary>Test shorthand: JSON written with single quotes, parsed, compiled and evaluated.</summary>
internal static class Conditions
{
    public static JsonElement JsonOf(string text) => JsonDocument.Parse(text.Replace('\'', '"')).RootElement.Clone();

    public static CompiledCondition Compile(string condition, ConditionParseOptions? options = null) =>
        ConditionTree.Parse(JsonOf(condition), options).Compile();

    public static IConditionData Data(string data) => new JsonConditionData(JsonOf(data));

    public static bool Evaluate(string condition, string data) => Compile(condition).Evaluate(Data(data));

    /// <summary>A leaf on field <c>x</c>: <c>Leaf("gt", "80")</c>.</summary>
    public static string Leaf(string op, string? value, string field = "x") =>
        value is null ? $"{{'field':'{field}','operator':'{op}'}}" : $"{{'field':'{field}','operator':'{op}','value':{value}}}";

    /// <summary>The errors of parsing <paramref name="condition"/> under <c>filterConditions</c>.</summary>
    public static IDictionary<string, string[]> Errors(string condition, ConditionParseOptions? options = null, string prefix = "filterConditions")
    {
        var errors = new ValidationErrors();
        var tree = ConditionTree.Parse(JsonOf(condition), prefix, errors, options);
        Assert.Equal(errors.Any, tree is null);
        return errors.ToDictionary();
    }
}
