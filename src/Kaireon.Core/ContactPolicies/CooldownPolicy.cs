using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Validation;

namespace Kaireon.Core.ContactPolicies;

/// <summary><c>cooldown</c>: a minimum gap after a contact before the next one.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(CooldownPolicy), "cooldown")]
public record CooldownPolicy : ContactPolicy
{
    public CooldownConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override ContactPolicyType? RuleType => ContactPolicyType.Cooldown;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config)) Config.Validate("config", errors);
    }

    protected override IEnumerable<EntityReference> ConfigReferences() => [new("config.outcome", OutcomeType.Kind.Name, Config?.Outcome)];
}

/// <summary>
/// The gap is exactly one of <see cref="Minutes"/>, <see cref="Hours"/> or <see cref="Days"/>, at
/// most 365 days, measured from the last contact (<see cref="Outcome"/>, default <c>impression</c>)
/// of the same offer, on the same channel, or of any kind (<see cref="Per"/>).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CooldownConfig
{
    public int? Minutes { get; init; }
    public int? Hours { get; init; }
    public int? Days { get; init; }
    public CooldownPer Per { get; set; } = CooldownPer.Offer;
    public string? Outcome { get; init; }

    [JsonIgnore]
    public string CountedOutcome => Outcome ?? FrequencyCapConfig.DefaultOutcome;

    /// <summary>The gap; zero only for an invalid configuration.</summary>
    public TimeSpan Gap() =>
        Minutes is { } m ? TimeSpan.FromMinutes(m) : Hours is { } h ? TimeSpan.FromHours(h) : TimeSpan.FromDays(Days ?? 0);

    internal void Validate(string path, ValidationErrors errors)
    {
        var given = (Minutes is null ? 0 : 1) + (Hours is null ? 0 : 1) + (Days is null ? 0 : 1);
        if (given != 1) errors.Add($"{path}.hours", "give exactly one of minutes, hours or days.");
        errors.Range($"{path}.minutes", Minutes, 1, 365 * 24 * 60);
        errors.Range($"{path}.hours", Hours, 1, 365 * 24);
        errors.Range($"{path}.days", Days, 1, 365);
        errors.Reference($"{path}.outcome", Outcome, required: false);
    }
}
