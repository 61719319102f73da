using Kaireon.Core.Behaviors;
using Kaireon.Core.Interactions;
using static Kaireon.Core.Tests.Behaviors.Behaviors;

namespace Kaireon.Core.Tests.Behaviors;

/// <summary>Rate limits per unique value of a wildcard field, event by event as the page tells them.</summary>
public sealed class BehaviorRateLimitTests
{
    private static readonly Behavior PerProductType = Flexible("product_purchase", "{'field':'product_type','operator':'is','value':'*'}",
        new BehaviorRateLimit { Field = "product_type", Limit = 1, Period = RateLimitPeriod.AllTime });

    private static readonly Behavior ThreePerDay = Flexible("daily_lesson", "{'all':[{'field':'lesson','operator':'is','value':'*'},{'field':'score','operator':'gte','value':50}]}",
        new BehaviorRateLimit { Field = "lesson", Limit = 3, Period = RateLimitPeriod.Day });

    private static (string Outcome, CustomerBehaviorBook Book) Track(CustomerBehaviorBook book, Behavior behavior, string metadata, DateTimeOffset? at = null)
    {
        var decision = BehaviorTracker.Decide(book, Verb("complete_course", behavior), Event(metadata, at), Now);
        return (decision.Tracked.Contains(behavior.Id!) ? "match" : decision.RateLimited.Contains(behavior.Id!) ? "limited" : "none", book);
    }

    [Fact]
    public void The_pages_example_with_a_limit_of_1_per_unique_product_type()
    {
        var book = new CustomerBehaviorBook();
        // "First activity with product_type=enterprise: matches"
        Assert.Equal("match", Track(book, PerProductType, "{'product_type':'enterprise'}").Outcome);
        // "Second activity with product_type=enterprise: exceeds limit, no match"
        Assert.Equal("limited", Track(book, PerProductType, "{'product_type':'enterprise'}").Outcome);
        // "First activity with product_type=business: matches"
        Assert.Equal("match", Track(book, PerProductType, "{'product_type':'business'}").Outcome);
        // "Second activity with product_type=business: exceeds limit, no match"
        Assert.Equal("limited", Track(book, PerProductType, "{'product_type':'business'}").Outcome);

        var counters = book.Behaviors["product_purchase"];
        Assert.Equal(2, counters.Count);
        Assert.Equal(2, counters.RateLimitedCount);
        Assert.Equal(Now, counters.LastTrackedAt);
    }

    [Fact]
    public void An_all_time_limit_holds_across_days_months_and_years()
    {
        var book = new CustomerBehaviorBook();
        Assert.Equal("match", Track(book, PerProductType, "{'product_type':'enterprise'}", Now).Outcome);
        Assert.Equal("limited", Track(book, PerProductType, "{'product_type':'enterprise'}", Now.AddDays(40)).Outcome);
        Assert.Equal("limited", Track(book, PerProductType, "{'product_type':'enterprise'}", Now.AddYears(2)).Outcome);
    }

    [Fact]
    public void A_limit_of_3_per_day_starts_again_at_midnight_UTC()
    {
        var book = new CustomerBehaviorBook();
        var beforeMidnight = new DateTimeOffset(2026, 3, 16, 23, 58, 0, TimeSpan.Zero);
        Assert.Equal("match", Track(book, ThreePerDay, "{'lesson':'algebra','score':70}", beforeMidnight).Outcome);
        Assert.Equal("match", Track(book, ThreePerDay, "{'lesson':'algebra','score':80}", beforeMidnight.AddSeconds(30)).Outcome);
        // Another value counts separately; a non-match uses nothing up.
        Assert.Equal("match", Track(book, ThreePerDay, "{'lesson':'geometry','score':90}", beforeMidnight.AddSeconds(40)).Outcome);
        Assert.Equal("none", Track(book, ThreePerDay, "{'lesson':'algebra','score':10}", beforeMidnight.AddSeconds(50)).Outcome);
        Assert.Equal("match", Track(book, ThreePerDay, "{'lesson':'algebra','score':90}", beforeMidnight.AddSeconds(60)).Outcome);
        Assert.Equal("limited", Track(book, ThreePerDay, "{'lesson':'algebra','score':95}", beforeMidnight.AddSeconds(119.999)).Outcome);
        // 00:00:00.000 UTC is the next day's bucket. An offset does not move the day: 01:00+02:00 is 23:00 UTC the day before.
        Assert.Equal("limited", Track(book, ThreePerDay, "{'lesson':'algebra','score':95}", new DateTimeOffset(2026, 3, 17, 1, 0, 0, TimeSpan.FromHours(2))).Outcome);
        var midnight = new DateTimeOffset(2026, 3, 17, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal("match", Track(book, ThreePerDay, "{'lesson':'algebra','score':60}", midnight).Outcome);
        Assert.Equal("match", Track(book, ThreePerDay, "{'lesson':'algebra','score':60}", midnight.AddHours(23)).Outcome);
        Assert.Equal("match", Track(book, ThreePerDay, "{'lesson':'algebra','score':60}", midnight.AddHours(23.5)).Outcome);
        Assert.Equal("limited", Track(book, ThreePerDay, "{'lesson':'algebra','score':60}", midnight.AddHours(23.9)).Outcome);

        var counters = book.Behaviors["daily_lesson"];
        Assert.Equal(7, counters.Count);
        Assert.Equal(3, counters.RateLimitedCount);
        Assert.Equal(midnight.AddHours(23.5), counters.LastTrackedAt);
    }

    [Fact]
    public void A_late_event_counts_in_the_bucket_of_its_own_day()
    {
        var book = new CustomerBehaviorBook();
        var monday = new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3; i++) Assert.Equal("match", Track(book, ThreePerDay, "{'lesson':'algebra','score':70}", monday).Outcome);
        Assert.Equal("match", Track(book, ThreePerDay, "{'lesson':'algebra','score':70}", monday.AddDays(1)).Outcome);
        Assert.Equal("limited", Track(book, ThreePerDay, "{'lesson':'algebra','score':70}", monday.AddHours(5)).Outcome);
    }

    [Fact]
    public void A_number_and_its_text_are_one_value()
    {
        var perCourse = Flexible("course", "{'field':'course_id','operator':'is','value':'*'}",
            new BehaviorRateLimit { Field = "course_id", Limit = 1, Period = RateLimitPeriod.Month });
        var book = new CustomerBehaviorBook();
        Assert.Equal("match", Track(book, perCourse, "{'course_id':12345}").Outcome);
        Assert.Equal("limited", Track(book, perCourse, "{'course_id':'12345'}").Outcome);
        Assert.Equal("match", Track(book, perCourse, "{'course_id':12346}").Outcome);
    }

    [Fact]
    public void A_behaviour_created_again_under_its_id_starts_from_zero()
    {
        var book = new CustomerBehaviorBook();
        Assert.Equal("match", Track(book, PerProductType, "{'product_type':'enterprise'}").Outcome);
        var recreated = PerProductType with { CreatedAt = Now.AddDays(1) };
        Assert.Equal("match", Track(book, recreated, "{'product_type':'enterprise'}").Outcome);
        Assert.Equal(1, book.Behaviors["product_purchase"].Count);
    }

    [Fact]
    public void Buckets_go_a_week_after_their_period_ends_measured_by_the_latest_match_not_the_clock()
    {
        var book = new CustomerBehaviorBook();
        var day = new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero);
        Track(book, ThreePerDay, "{'lesson':'algebra','score':70}", day);
        Track(book, ThreePerDay, "{'lesson':'algebra','score':70}", day.AddDays(7));
        BehaviorTracker.Prune(book, Now.AddYears(1));
        Assert.Equal(["2026-03-16", "2026-03-23"], book.Behaviors["daily_lesson"].Buckets.Keys.Order());

        Track(book, ThreePerDay, "{'lesson':'algebra','score':70}", day.AddDays(8));
        BehaviorTracker.Prune(book, Now);
        Assert.Equal(["2026-03-23", "2026-03-24"], book.Behaviors["daily_lesson"].Buckets.Keys.Order());
    }

    [Fact]
    public void Committed_decisions_are_kept_for_a_week()
    {
        var book = new CustomerBehaviorBook();
        book.Decisions["old"] = new BehaviorDecision(new UtcDay(new DateOnly(2026, 3, 1)), ["x"], [], Now.AddDays(-8));
        book.Decisions["recent"] = new BehaviorDecision(new UtcDay(new DateOnly(2026, 3, 1)), ["x"], [], Now.AddDays(-6));
        BehaviorTracker.Prune(book, Now);
        Assert.Equal(["recent"], book.Decisions.Keys);
    }
}
