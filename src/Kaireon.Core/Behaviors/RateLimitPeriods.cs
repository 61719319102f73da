using System.Globalization;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// The bucket of a rate-limit period an event falls in, keyed by text that names the period
/// (<c>all</c>, <c>2026-03-16</c>, <c>2026-W12</c>, <c>2026-03</c>), and when a bucket's period ends.
/// </summary>
public static class RateLimitPeriods
{
    public const string AllTimeBucket = "all";

    // Events of a batch mostly share a day: each thread keeps the last day's four keys, so the stream
    // formats a bucket key once per day rather than once per event.
    [ThreadStatic] private static (int DayNumber, string?[] Keys)? _lastDay;

    public static string BucketOf(this RateLimitPeriod period, DateTimeOffset timestamp)
    {
        var day = DateOnly.FromDateTime(timestamp.UtcDateTime);
        if (_lastDay is not { } last || last.DayNumber != day.DayNumber) _lastDay = last = (day.DayNumber, new string?[4]);
        return last.Keys[(int)period] ??= Format(period, day);
    }

    private static string Format(RateLimitPeriod period, DateOnly day) => period switch
    {
        RateLimitPeriod.Day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        RateLimitPeriod.Week => string.Create(CultureInfo.InvariantCulture,
            $"{ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):D2}"),
        RateLimitPeriod.Month => day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => AllTimeBucket,
    };

    /// <summary>The instant the bucket's period ends (exclusive); null for all time or a key this class did not write.</summary>
    public static DateTimeOffset? EndOf(string bucket)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(bucket, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var day))
            return Midnight(day.AddDays(1));
        if (bucket.Length == 8 && bucket[4] == '-' && bucket[5] == 'W'
            && int.TryParse(bucket.AsSpan(0, 4), NumberStyles.None, invariant, out var year)
            && int.TryParse(bucket.AsSpan(6, 2), NumberStyles.None, invariant, out var week)
            && year is >= 1 and <= 9998 && week >= 1 && week <= ISOWeek.GetWeeksInYear(year))
            return Midnight(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)).AddDays(7));
        if (DateOnly.TryParseExact(bucket, "yyyy-MM", invariant, DateTimeStyles.None, out var month))
            return Midnight(month.AddMonths(1));
        return null;
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day, TimeOnly.MinValue, TimeSpan.Zero);
}
