using Kaireon.Core.Validation;

namespace Kaireon.Core.ContactPolicies;

/// <summary>
/// The counted caps of <c>frequency_cap</c> and <c>cross_channel_cap</c>: at most so many contacts
/// per day, week and month, each a rolling window of whole UTC days ending today, the way metrics
/// and summaries count (day = today, week = 7 days, month = 30 days). A candidate is suppressed once
/// any given cap is reached.
/// </summary>
public static class ContactLimits
{
    public const int MaxCap = 10_000;

    /// <summary>The window, in days, of each cap.</summary>
    public const int DayWindow = 1, WeekWindow = 7, MonthWindow = 30;

    /// <summary>At least one cap when <paramref name="required"/>; each 1–10000.</summary>
    public static void Validate(string path, int? perDay, int? perWeek, int? perMonth, bool required, ValidationErrors errors)
    {
        if (required && perDay is null && perWeek is null && perMonth is null)
            errors.Add($"{path}.maxPerDay", "at least one of maxPerDay, maxPerWeek or maxPerMonth is required.");
        errors.Range($"{path}.maxPerDay", perDay, 1, MaxCap);
        errors.Range($"{path}.maxPerWeek", perWeek, 1, MaxCap);
        errors.Range($"{path}.maxPerMonth", perMonth, 1, MaxCap);
    }

    /// <summary>The given caps as (window days, most contacts) pairs, shortest window first.</summary>
    public static IReadOnlyList<(int WindowDays, int Max)> Caps(int? perDay, int? perWeek, int? perMonth)
    {
        var caps = new List<(int, int)>(3);
        if (perDay is { } day) caps.Add((DayWindow, day));
        if (perWeek is { } week) caps.Add((WeekWindow, week));
        if (perMonth is { } month) caps.Add((MonthWindow, month));
        return caps;
    }
}
