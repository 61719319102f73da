using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Channels;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Validation;

namespace Kaireon.Core.ContactPolicies;

/// <summary><c>cross_channel_cap</c>: one frequency cap over the contacts of several channels together.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(CrossChannelCapPolicy), "cross_channel_cap")]
public record CrossChannelCapPolicy : ContactPolicy
{
    public CrossChannelCapConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override ContactPolicyType? RuleType => ContactPolicyType.CrossChannelCap;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config)) Config.Validate("config", errors);
    }

    protected override IEnumerable<EntityReference> ConfigReferences() =>
    [
        .. ConfigRules.References("config.channelIds", Config?.ChannelIds, Channel.Kind.Name),
        new("config.outcome", OutcomeType.Kind.Name, Config?.Outcome),
    ];
}

/// <summary>
/// Contacts (<see cref="Outcome"/>, default <c>impression</c>) on any of <see cref="ChannelIds"/> are
/// counted together against the caps (<see cref="ContactLimits"/>); it applies to candidates on
/// one of those channels.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CrossChannelCapConfig
{
    public List<string>? ChannelIds { get; init; }
    public int? MaxPerDay { get; init; }
    public int? MaxPerWeek { get; init; }
    public int? MaxPerMonth { get; init; }
    public string? Outcome { get; init; }

    [JsonIgnore]
    public string CountedOutcome => Outcome ?? FrequencyCapConfig.DefaultOutcome;

    public IReadOnlyList<(int WindowDays, int Max)> Caps() => ContactLimits.Caps(MaxPerDay, MaxPerWeek, MaxPerMonth);

    internal void Validate(string path, ValidationErrors errors)
    {
        ConfigRules.Ids(errors, $"{path}.channelIds", ChannelIds, required: true, max: 50);
        if (ChannelIds is { Count: 1 }) errors.Add($"{path}.channelIds", "must name at least two channels (one channel is a frequency_cap with channelId).");
        ContactLimits.Validate(path, MaxPerDay, MaxPerWeek, MaxPerMonth, required: true, errors);
        errors.Reference($"{path}.outcome", Outcome, required: false);
    }
}
