using System.Globalization;
using System.Text.Json.Serialization;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Validation;

namespace Kaireon.Core.ContactPolicies;

/// <summary><c>time_window</c>: contact only on the allowed days, between the start and end time, in the policy's time zone.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(TimeWindowPolicy), "time_window")]
public record TimeWindowPolicy : ContactPolicy
{
    public TimeWindowConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override ContactPolicyType? RuleType => ContactPolicyType.TimeWindow;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config)) Config.Validate("config", errors);
    }
}

/// <summary>
/// <see cref="TimeZone"/> is an IANA id (<c>Europe/Berlin</c>; default <c>UTC</c>), resolved from
/// the system's time zone data (Windows ids are not accepted: invariant globalization cannot map
/// them). <see cref="StartTime"/> and <see cref="EndTime"/> are <c>HH:mm</c>, start inclusive and
/// end exclusive; an end before the start is a window over midnight (<c>22:00</c>–<c>06:00</c>),
/// and the day checked is the day the window starts. Without times the whole day is allowed;
/// without <see cref="AllowedDays"/> every day is.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TimeWindowConfig
{
    public string TimeZone { get; set; } = "UTC";
    public List<Weekday>? AllowedDays { get; init; }
    public string? StartTime { get; init; }
    public string? EndTime { get; init; }

    /// <summary>Whether contact is allowed at <paramref name="now"/>.</summary>
    public bool Allows(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        var day = local.DayOfWeek;
        if (Parse(StartTime) is { } start && Parse(EndTime) is { } end)
        {
            if (start <= end)
            {
                if (time < start || time >= end) return false;
            }
            else if (time >= end && time < start) return false;
            else if (time < end) day = day == DayOfWeek.Sunday ? DayOfWeek.Saturday : day - 1;  // after midnight: the window began yesterday
        }
        return AllowedDays is not { Count: > 0 } days || days.Any(d => d.ToDayOfWeek() == day);
    }

    private static TimeOnly? Parse(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    internal void Validate(string path, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(TimeZone)) errors.Add($"{path}.timeZone", "is required: an IANA time zone such as Europe/Berlin.");
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            errors.Add($"{path}.timeZone", $"'{TimeZone}' is not a known IANA time zone (such as Europe/Berlin or America/New_York).");
        for (var i = 0; i < (AllowedDays?.Count ?? 0); i++)
        {
            if (AllowedDays!.IndexOf(AllowedDays[i]) < i) errors.Add($"{path}.allowedDays[{i}]", "repeats a day.");
        }
        if (StartTime is null != EndTime is null) errors.Add($"{path}.{(StartTime is null ? "startTime" : "endTime")}", "startTime and endTime go together.");
        if (StartTime is not null && Parse(StartTime) is null) errors.Add($"{path}.startTime", "must be a time HH:mm (00:00–23:59).");
        if (EndTime is not null && Parse(EndTime) is null) errors.Add($"{path}.endTime", "must be a time HH:mm (00:00–23:59).");
        if (StartTime is not null && StartTime == EndTime) errors.Add($"{path}.endTime", "must differ from startTime (leave both out to allow the whole day).");
    }
}
