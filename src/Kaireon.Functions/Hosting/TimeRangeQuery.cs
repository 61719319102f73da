using System.Globalization;
using Kaireon.Core.Validation;

namespace Kaireon.Functions.Hosting;

/// <summary>The <c>from</c> / <c>to</c> query parameters of time-ordered lists (audit log, decision traces).</summary>
public static class TimeRangeQuery
{
    /// <summary>Both instants (each optional); a bad one, or <c>to</c> not after <c>from</c>, is named in <paramref name="errors"/>.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) Parse(string? from, string? to, ValidationErrors errors)
    {
        var start = Instant("from", from, errors);
        var end = Instant("to", to, errors);
        if (start is not null && end is not null && end <= start) errors.Add("to", "must be after from.");
        return (start, end);
    }

    private static DateTimeOffset? Instant(string name, string? value, ValidationErrors errors)
    {
        if (value is null) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)) return instant;
        errors.Add(name, "must be an ISO 8601 date or time.");
        return null;
    }
}
