using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Json;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Validation;

namespace Kaireon.Core.QualificationRules;

/// <summary>Whose interactions a recency check looks at: the candidate offer's, its category's, or any.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<RecencyScope>))]
public enum RecencyScope { Offer, Category, Any }

/// <summary>
/// <c>recency_check</c>: the customer must have (<c>mustHave: true</c>) or must not have
/// (<c>false</c>) an interaction with the given outcomes within the window.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(RecencyCheckRule), "recency_check")]
public record RecencyCheckRule : QualificationRule
{
    public RecencyCheckConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override QualificationRuleType? RuleType => QualificationRuleType.RecencyCheck;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config)) Config.Validate("config", errors);
    }

    protected override IEnumerable<EntityReference> ConfigReferences() =>
    [
        new("config.outcome", OutcomeType.Kind.Name, Config?.Outcome),
        .. ConfigRules.References("config.outcomeTypes", Config?.OutcomeTypes, OutcomeType.Kind.Name),
    ];
}

/// <summary>
/// The window is <see cref="WithinDays"/> (whole UTC days ending today, as metrics count them) or
/// <see cref="WithinMinutes"/> (exact, from the interaction history); exactly one is given.
/// Outcomes are Outcome Type keys (<see cref="Outcome"/> or <see cref="OutcomeTypes"/>); none means
/// any outcome.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RecencyCheckConfig
{
    public const int MaxMinutes = 365 * 24 * 60;

    public string? Outcome { get; init; }
    public List<string>? OutcomeTypes { get; init; }
    public int? WithinDays { get; init; }
    public int? WithinMinutes { get; init; }

    /// <summary>Required: which way the check goes is too consequential to default.</summary>
    public bool? MustHave { get; init; }

    public RecencyScope Scope { get; set; } = RecencyScope.Offer;

    /// <summary>The outcome keys checked; empty means any outcome.</summary>
    public IReadOnlyList<string> Outcomes() => OutcomeTypes ?? (Outcome is null ? [] : [Outcome]);

    /// <summary>Whether an interaction of <paramref name="type"/> counts: any type when the rule names none.</summary>
    public bool Counts(string type) => OutcomeTypes is { } types ? types.Count == 0 || types.Contains(type) : Outcome is null || Outcome == type;

    internal void Validate(string path, ValidationErrors errors)
    {
        if (Outcome is not null && OutcomeTypes is not null) errors.Add($"{path}.outcomeTypes", "give outcome or outcomeTypes, not both.");
        errors.Reference($"{path}.outcome", Outcome, required: false);
        ConfigRules.Ids(errors, $"{path}.outcomeTypes", OutcomeTypes, required: false, max: 20);
        if (WithinDays is null == WithinMinutes is null)
            errors.Add($"{path}.withinDays", "give exactly one of withinDays (1–365) or withinMinutes.");
        errors.Range($"{path}.withinDays", WithinDays, 1, 365);
        errors.Range($"{path}.withinMinutes", WithinMinutes, 1, MaxMinutes);
        if (MustHave is null) errors.Add($"{path}.mustHave", "is required: true (qualifies only with a recent interaction) or false (only without one).");
    }
}
