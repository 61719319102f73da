using System.Text.Json;
using System.Text.Json.Serialization;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary><c>set_properties</c>: attaches static or formula-derived values to each candidate (its <c>properties</c>).</summary>
public sealed record SetPropertiesNode : FlowNode
{
    public SetPropertiesConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.SetProperties;

    protected override void ValidateConfig(string path, ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, path, Config)) Config.Validate(path, errors);
    }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SetPropertiesConfig
{
    public const int MaxProperties = 50;
    public const int MaxValueBytes = 4096;

    public List<PropertySetting>? Properties { get; init; }

    internal void Validate(string path, ValidationErrors errors)
    {
        if (Properties is not { Count: > 0 }) errors.Add($"{path}.properties", "is required: at least one { key, value } or { key, formula }.");
        errors.MaxCount($"{path}.properties", Properties, MaxProperties);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < (Properties?.Count ?? 0); i++)
        {
            var at = $"{path}.properties[{i}]";
            if (!ConfigRules.Present(errors, at, Properties![i])) continue;
            var property = Properties[i];
            ComputeNodeConfig.Key(errors, $"{at}.key", property.Key, seen, i, "properties");
            if (property.Value is null == property.Formula is null) errors.Add($"{at}.value", "give exactly one of value (any JSON but null) or formula.");
            else if (property.Value is { } value && value.GetRawText().Length > MaxValueBytes) errors.Add($"{at}.value", $"must be at most {MaxValueBytes} characters of JSON.");
            ComputeNodeConfig.FormulaText(errors, $"{at}.formula", property.Formula, required: false);
        }
    }
}

/// <summary>A static <see cref="Value"/> (any JSON but null) or a <see cref="Formula"/> evaluated per candidate.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PropertySetting
{
    public string? Key { get; init; }
    public JsonElement? Value { get; init; }
    public string? Formula { get; init; }
}
