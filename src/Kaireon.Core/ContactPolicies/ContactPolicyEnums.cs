using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.ContactPolicies;

/// <summary>The nine policy types of the glossary; on the wire the policy's <c>ruleType</c>.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ContactPolicyType>))]
public enum ContactPolicyType
{
    FrequencyCap,
    Cooldown,
    BudgetExhausted,
    OutcomeBased,
    SegmentExclusion,
    TimeWindow,
    MutualExclusion,
    CrossChannelCap,
    AllowOverride,
}

/// <summary>Which candidates a policy applies to: all, or those of one offer, creative or channel.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ContactPolicyScope>))]
public enum ContactPolicyScope { Global, Offer, Creative, Channel }

/// <summary>What a reached metric cap does; only <c>suppress</c> exists (the spec's one action).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<CapAction>))]
public enum CapAction { Suppress }

/// <summary>What a cooldown counts contacts of: the same offer, the same channel, or any contact.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<CooldownPer>))]
public enum CooldownPer { Offer, Channel, Any }

/// <summary>Whose prior outcomes suppress: the candidate offer's, or any offer's of its category.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<OutcomePer>))]
public enum OutcomePer { Offer, Category }

[JsonConverter(typeof(SnakeCaseEnumConverter<Weekday>))]
public enum Weekday { Mon, Tue, Wed, Thu, Fri, Sat, Sun }

public static class Weekdays
{
    public static DayOfWeek ToDayOfWeek(this Weekday day) => day == Weekday.Sun ? DayOfWeek.Sunday : (DayOfWeek)((int)day + 1);
}
