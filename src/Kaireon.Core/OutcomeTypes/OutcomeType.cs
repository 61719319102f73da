using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.OutcomeTypes;

/// <summary>
/// Maps an outcome onto the metric source fields: impression → impressions, positive → positive,
/// negative → negative, neutral → neutral, conversion → positive and converts (and its value → totalValue).
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<OutcomeCategory>))]
public enum OutcomeCategory { Impression, Positive, Negative, Neutral, Conversion }

/// <summary>
/// A kind of outcome Respond accepts. Its <see cref="Key"/> is also its id. The ten system defaults
/// are provisioned with every tenant; they can be changed but not deleted, because channels and
/// policies count on them.
/// </summary>
public sealed partial record OutcomeType : CatalogEntity
{
    public string? Key { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public OutcomeCategory? Category { get; init; }
    public bool IsSystemDefault { get; init; }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();

    /// <summary>
    /// The contract's defaults. <c>delivery</c> is neutral, not an impression: an email that was
    /// delivered and then opened would otherwise count two impressions.
    /// </summary>
    public static IReadOnlyList<OutcomeType> Defaults { get; } =
    [
        Default("impression", "Impression", OutcomeCategory.Impression),
        Default("delivery", "Delivery", OutcomeCategory.Neutral),
        Default("view", "View", OutcomeCategory.Neutral),
        Default("open", "Open", OutcomeCategory.Positive),
        Default("click", "Click", OutcomeCategory.Positive),
        Default("accept", "Accept", OutcomeCategory.Positive),
        Default("convert", "Convert", OutcomeCategory.Conversion),
        Default("dismiss", "Dismiss", OutcomeCategory.Negative),
        Default("reject", "Reject", OutcomeCategory.Negative),
        Default("unsubscribed", "Unsubscribed", OutcomeCategory.Negative),
    ];

    private static OutcomeType Default(string key, string name, OutcomeCategory category) =>
        new() { Id = key, Key = key, Name = name, Category = category, IsSystemDefault = true };

    public static readonly CatalogKind<OutcomeType> Kind = new()
    {
        Name = "outcome_type",
        Route = "outcome-types",
        IdPrefix = "outcome_",
        Title = "Outcome Type",
        Json = KaireonJson.Default.OutcomeType,
        Normalize = static o => o with
        {
            Key = o.Key ?? o.Id,
            Id = o.Id ?? o.Key,
            Name = o.Name ?? o.Key ?? o.Id,
            IsSystemDefault = Defaults.Any(d => d.Key == (o.Key ?? o.Id)),
        },
        Validate = static (o, errors) =>
        {
            if (o.Key is null) errors.Add("key", "is required: the outcome's key, e.g. 'share'.");
            errors.Pattern("key", o.Key, KeyPattern(), "a lower-case key: a letter, then letters, digits or _ (at most 64)");
            if (o.Key is not null && o.Id != o.Key) errors.Add("id", "must equal key (an outcome type's key is its id).");
            errors.Text("name", o.Name, 100, 1);
            errors.Text("description", o.Description, 500);
            if (o.Category is null) errors.Add("category", $"is required: one of {SnakeCaseEnumConverter<OutcomeCategory>.Allowed}.");
        },
        UndeletableReason = static o => o.IsSystemDefault ? $"Outcome Type '{o.Key}' is a system default and cannot be deleted; it can be modified." : null,
    };
}
