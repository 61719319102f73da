using Kaireon.Core.ContactPolicies;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tests.ContactPolicies;

public sealed class TimeWindowConfigTests
{
    private static TimeWindowConfig OfficeHours(string zone = "Europe/Berlin") =>
        new() { TimeZone = zone, AllowedDays = [Weekday.Mon, Weekday.Tue, Weekday.Wed, Weekday.Thu, Weekday.Fri], StartTime = "09:00", EndTime = "18:00" };

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("UTC")]
    public void IANA_zones_resolve_under_invariant_globalization(string zone)
    {
        var errors = new ValidationErrors();
        OfficeHours(zone).Validate("config", errors);
        Assert.False(errors.Any, errors.ToString());
    }

    [Fact]
    public void Windows_zone_names_are_refused_because_invariant_globalization_cannot_map_them()
    {
        var errors = new ValidationErrors();
        OfficeHours("W. Europe Standard Time").Validate("config", errors);
        Assert.Equal(["config.timeZone"], errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("2026-03-16T07:59:00Z", false)]   // Monday 08:59 in Berlin (CET, +1)
    [InlineData("2026-03-16T08:00:00Z", true)]    // 09:00, start inclusive
    [InlineData("2026-03-16T16:59:00Z", true)]
    [InlineData("2026-03-16T17:00:00Z", false)]   // 18:00, end exclusive
    [InlineData("2026-03-14T10:00:00Z", false)]   // Saturday
    [InlineData("2026-07-13T07:30:00Z", true)]    // Monday 09:30 in summer (CEST, +2)
    public void Office_hours_follow_the_zone_including_daylight_saving(string instant, bool allowed) =>
        Assert.Equal(allowed, OfficeHours().Allows(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-03-13T23:00:00Z", true)]    // Friday 23:00 UTC: the window began Friday
    [InlineData("2026-03-14T03:00:00Z", true)]    // Saturday 03:00, still Friday's night
    [InlineData("2026-03-14T23:00:00Z", false)]   // Saturday night is not allowed
    [InlineData("2026-03-13T12:00:00Z", false)]   // Friday noon is outside the window
    public void A_window_over_midnight_belongs_to_the_day_it_starts(string instant, bool allowed)
    {
        var night = new TimeWindowConfig { AllowedDays = [Weekday.Fri], StartTime = "22:00", EndTime = "06:00" };
        Assert.Equal(allowed, night.Allows(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Without_times_or_days_every_moment_is_allowed() =>
        Assert.True(new TimeWindowConfig().Allows(DateTimeOffset.UnixEpoch));

    [Fact]
    public void Weekdays_map_onto_day_of_week()
    {
        Assert.Equal(DayOfWeek.Monday, Weekday.Mon.ToDayOfWeek());
        Assert.Equal(DayOfWeek.Saturday, Weekday.Sat.ToDayOfWeek());
        Assert.Equal(DayOfWeek.Sunday, Weekday.Sun.ToDayOfWeek());
    }
}
