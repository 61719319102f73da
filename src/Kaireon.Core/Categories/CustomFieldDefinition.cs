using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Categories;

[JsonConverter(typeof(SnakeCaseEnumConverter<CustomFieldType>))]
public enum CustomFieldType { Text, Number, Boolean, Date, Select }

/// <summary>
/// A field that every Offer of a Category (or Sub-Category) carries. A field with a
/// <see cref="Formula"/> is computed at decision time from other fields (<c>attributes.*</c>,
/// <c>offer.*</c>) and cannot be set on an Offer.
/// </summary>
public sealed partial record CustomFieldDefinition
{
    public const int MaxFields = 50;
    public const int MaxFormulaLength = 2000;

    public string Key { get; set; } = "";
    public string? Label { get; init; }
    public CustomFieldType? Type { get; init; }
    public bool Required { get; init; }
    public List<string>? Options { get; init; }
    public string? Formula { get; init; }
    public JsonElement? DefaultValue { get; init; }

    [JsonIgnore]
    public bool IsComputed => Formula is not null;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();

    public static void ValidateAll(string path, IReadOnlyList<CustomFieldDefinition>? fields, ValidationErrors errors)
    {
        if (fields is null) return;
        errors.MaxCount(path, fields, MaxFields);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var at = $"{path}[{i}]";
            var field = fields[i];
            if (field is null) { errors.Add(at, "must be an object."); continue; }
            if (string.IsNullOrEmpty(field.Key)) errors.Add($"{at}.key", "is required.");
            else if (!KeyPattern().IsMatch(field.Key)) errors.Add($"{at}.key", "must start with a letter and hold letters, digits or _ (at most 64).");
            else if (!seen.Add(field.Key)) errors.Add($"{at}.key", $"'{field.Key}' is defined twice.");
            errors.Text($"{at}.label", field.Label, 100);
            if (field.Type is null) errors.Add($"{at}.type", $"is required: one of {SnakeCaseEnumConverter<CustomFieldType>.Allowed}.");
            if (field.Type == CustomFieldType.Select && (field.Options is null || field.Options.Count == 0))
                errors.Add($"{at}.options", "is required for a select field: at least one option.");
            if (field.Type != CustomFieldType.Select && field.Options is not null)
                errors.Add($"{at}.options", "is only allowed on a select field.");
            if (field.Options is { } options)
            {
                errors.MaxCount($"{at}.options", options, 100);
                if (options.Any(o => string.IsNullOrWhiteSpace(o) || o.Length > 100)) errors.Add($"{at}.options", "each option must be 1–100 characters.");
                if (options.Distinct(StringComparer.Ordinal).Count() != options.Count) errors.Add($"{at}.options", "must not repeat an option.");
            }
            if (field.Formula is { } formula)
            {
                if (field.Required) errors.Add($"{at}.required", "a computed field cannot be required: its value comes from the formula.");
                if (FormulaSyntax.Check(formula, MaxFormulaLength) is { } problem) errors.Add($"{at}.formula", problem);
            }
            if (field.DefaultValue is { } value && field.Type is { } type && !Accepts(field with { Formula = null }, value))
                errors.Add($"{at}.defaultValue", $"must be a {Describe(type)}.");
        }
    }

    /// <summary>Whether <paramref name="value"/> fits this field's type (and options).</summary>
    public bool Accepts(JsonElement value) => Accepts(this, value);

    private static bool Accepts(CustomFieldDefinition field, JsonElement value) => field.Type switch
    {
        _ when value.ValueKind == JsonValueKind.Null => !field.Required,
        CustomFieldType.Text => value.ValueKind == JsonValueKind.String,
        CustomFieldType.Number => value.ValueKind == JsonValueKind.Number,
        CustomFieldType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        CustomFieldType.Date => value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _),
        CustomFieldType.Select => value.ValueKind == JsonValueKind.String && field.Options?.Contains(value.GetString()!) == true,
        _ => false,
    };

    public static string Describe(CustomFieldType type) => type switch
    {
        CustomFieldType.Date => "date (ISO 8601)",
        CustomFieldType.Select => "string from the field's options",
        CustomFieldType.Text => "string",
        _ => SnakeCaseEnumConverter<CustomFieldType>.NameOf(type),
    };
}
