using Kaireon.Core.Behaviors;
using static Kaireon.Core.Tests.Behaviors.Behaviors;

namespace Kaireon.Core.Tests.Behaviors;

/// <summary>The flexible-behaviour page's examples, tracked as the stream tracks them: fields are metadata keys.</summary>
public sealed class FlexibleBehaviorExamplesTests
{
    private static readonly Behavior CourseCompletion = Flexible("high_score_completion", """
        {'all':[
          {'field':'course_id','operator':'is','value':12345},
          {'field':'score','operator':'gt','value':80},
          {'field':'completion_time','operator':'lt','value':30}]}
        """);

    private static readonly Behavior Sales = Flexible("big_business_sale", """
        {'all':[
          {'field':'amount','operator':'gt','value':1000},
          {'any':[{'field':'product_type','operator':'is','value':'enterprise'},
                  {'field':'product_type','operator':'is','value':'business'}]}]}
        """);

    private static bool Tracks(Behavior behavior, string metadata)
    {
        var decision = BehaviorTracker.Decide(new CustomerBehaviorBook(), Verb("complete_course", behavior), Event(metadata), Now);
        return decision.Tracked.Contains(behavior.Id!);
    }

    [Theory]
    [InlineData("{'course_id':12345,'score':90,'completion_time':25}", true)]
    [InlineData("{'course_id':'12345','score':'90','completion_time':'25'}", false)] // is compares a string with a string: '12345' is not 12345
    [InlineData("{'course_id':12345,'score':80,'completion_time':25}", false)]
    [InlineData("{'course_id':12345,'score':90,'completion_time':30}", false)]
    [InlineData("{'course_id':54321,'score':90,'completion_time':25}", false)]
    [InlineData("{'course_id':12345,'score':90}", false)]
    [InlineData("{}", false)]
    public void Course_12345_completed_with_a_score_above_80_in_under_30_minutes(string metadata, bool tracked) =>
        Assert.Equal(tracked, Tracks(CourseCompletion, metadata));

    [Theory]
    [InlineData("{'amount':1500,'product_type':'enterprise'}", true)]
    [InlineData("{'amount':1500,'product_type':'business'}", true)]
    [InlineData("{'amount':1500,'product_type':'consumer'}", false)]
    [InlineData("{'amount':1000,'product_type':'enterprise'}", false)]
    [InlineData("{'amount':'2000','product_type':'business'}", true)]
    [InlineData("{'product_type':'business'}", false)]
    public void Amount_over_1000_and_an_enterprise_or_business_product(string metadata, bool tracked) =>
        Assert.Equal(tracked, Tracks(Sales, metadata));

    [Fact]
    public void One_event_tracks_every_flexible_behaviour_it_matches_and_each_match_is_its_own_interaction()
    {
        var wildcard = Flexible("any_product", "{'field':'product_type','operator':'is','value':'*'}");
        var parent = Event("{'amount':1500,'product_type':'enterprise'}", id: "evt-1");
        var decision = BehaviorTracker.Decide(new CustomerBehaviorBook(), Verb("complete_course", Sales, wildcard, CourseCompletion), parent, Now);

        Assert.Equal(["any_product", "big_business_sale"], decision.Tracked);
        var matches = BehaviorTracker.Matches(parent, decision);
        Assert.Equal(["evt-1#any_product", "evt-1#big_business_sale"], matches.Select(m => m.EventId));
        Assert.All(matches, m =>
        {
            Assert.Equal(m.EventId[(m.EventId.IndexOf('#') + 1)..], m.Type);
            Assert.Equal(parent.Timestamp, m.Timestamp);
            Assert.Equal(parent.CustomerId, m.CustomerId);
            Assert.Null(m.Value);
            Assert.Null(m.Outcome);
        });
    }

    [Theory]
    [InlineData("{'product_type':'enterprise'}", true)]
    [InlineData("{'product_type':''}", true)]
    [InlineData("{'product_type':null}", false)]
    [InlineData("{'sku':54321}", false)]
    [InlineData("{}", false)]
    public void A_wildcard_matches_any_value_of_a_present_field_and_never_a_missing_one(string metadata, bool tracked) =>
        Assert.Equal(tracked, Tracks(Flexible("any_product", "{'field':'product_type','operator':'is','value':'*'}"), metadata));

    [Fact]
    public void An_event_without_metadata_matches_only_negated_conditions()
    {
        var noMetadata = Event("{}") with { Metadata = null };
        var verb = Verb("complete_course",
            Flexible("not_enterprise", "{'field':'product_type','operator':'is_not','value':'enterprise'}"),
            Flexible("any_product", "{'field':'product_type','operator':'is','value':'*'}"));
        Assert.Equal(["not_enterprise"], BehaviorTracker.Decide(new CustomerBehaviorBook(), verb, noMetadata, Now).Tracked);
    }
}
