namespace Kaireon.Core.Conditions;

/// <summary>
/// The two date shapes of design §6, read without allocating: a UTC calendar day
/// (<c>2022-05-23</c>) and an instant (<c>2022-05-23T10:15:00.000Z</c>, any number of fraction
/// digits, seconds up to 60 for a leap second). Condition values must say <c>Z</c>; data may carry an
/// offset (<c>+02:00</c>), which is converted to UTC. An instant without any zone is not a date.
/// </summary>
internal static class ConditionDates
{
    /// <summary>Reads <paramref name="text"/> as UTC ticks; <paramref name="hasTime"/> is false for a bare day (its midnight).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, bool allowOffset, out long utcTicks, out bool hasTime)
    {
        utcTicks = 0;
        hasTime = false;
        if (text.Length < 10 || !Digits(text, 0, 4, out var year) || text[4] != '-' || !Digits(text, 5, 2, out var month)
            || text[7] != '-' || !Digits(text, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        var ticks = new DateOnly(year, month, day).DayNumber * TimeSpan.TicksPerDay;
        if (text.Length == 10)
        {
            utcTicks = ticks;
            return true;
        }

        if (text.Length < 20 || text[10] != 'T' || !Digits(text, 11, 2, out var hour) || text[13] != ':' || !Digits(text, 14, 2, out var minute)
            || text[16] != ':' || !Digits(text, 17, 2, out var second) || hour > 23 || minute > 59 || second > 60)
            return false;
        ticks += hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond;

        var i = 19;
        if (text[i] == '.')
        {
            var start = ++i;
            long fraction = 0;
            var digits = 0;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                if (digits == 7) continue;     // a tick is 100 ns: finer digits cannot change it
                fraction = fraction * 10 + (text[i] - '0');
                digits++;
            }
            if (i == start) return false;
            for (; digits < 7; digits++) fraction *= 10;
            ticks += fraction;
        }

        if (i == text.Length - 1 && text[i] == 'Z') { }
        else if (allowOffset && text.Length - i == 6 && text[i] is '+' or '-' && Digits(text, i + 1, 2, out var offsetHours)
                 && text[i + 3] == ':' && Digits(text, i + 4, 2, out var offsetMinutes) && offsetHours <= 23 && offsetMinutes <= 59)
        {
            var offset = offsetHours * TimeSpan.TicksPerHour + offsetMinutes * TimeSpan.TicksPerMinute;
            ticks -= text[i] == '+' ? offset : -offset;
        }
        else return false;

        if (ticks < 0 || ticks > DateTime.MaxValue.Ticks) return false;
        utcTicks = ticks;
        hasTime = true;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i])) return false;
            value = value * 10 + (text[i] - '0');
        }
        return true;
    }
}
