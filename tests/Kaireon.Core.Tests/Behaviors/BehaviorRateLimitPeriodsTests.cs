using Kaireon.Core.Behaviors;

namespace Kaireon.Core.Tests.Behaviors;

public sealed class BehaviorRateLimitPeriodsTests
{
    [Theory]
    [InlineData(RateLimitPeriod.AllTime, "2026-03-16T23:59:59.999Z", "all", null)]
    [InlineData(RateLimitPeriod.Day, "2026-03-16T23:59:59.999Z", "2026-03-16", "2026-03-17T00:00:00Z")]
    [InlineData(RateLimitPeriod.Day, "2026-03-17T00:30:00+01:00", "2026-03-16", "2026-03-17T00:00:00Z")]
    [InlineData(RateLimitPeriod.Week, "2026-03-16T00:00:00Z", "2026-W12", "2026-03-23T00:00:00Z")] // a Monday
    [InlineData(RateLimitPeriod.Week, "2026-03-22T23:59:59Z", "2026-W12", "2026-03-23T00:00:00Z")] // the Sunday after
    [InlineData(RateLimitPeriod.Week, "2027-01-01T12:00:00Z", "2026-W53", "2027-01-04T00:00:00Z")] // ISO weeks cross years
    [InlineData(RateLimitPeriod.Month, "2026-02-28T23:00:00Z", "2026-02", "2026-03-01T00:00:00Z")]
    public void A_period_bucket_is_named_by_its_UTC_period_and_ends_at_the_next(RateLimitPeriod period, string at, string bucket, string? end)
    {
        Assert.Equal(bucket, period.BucketOf(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(end is null ? null : DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), RateLimitPeriods.EndOf(bucket));
    }

    [Theory]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")]
    [InlineData("junk")]
    public void A_key_that_names_no_period_has_no_end(string bucket) => Assert.Null(RateLimitPeriods.EndOf(bucket));
}
