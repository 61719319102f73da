using static Kaireon.Core.Tests.Conditions.Conditions;

namespace Kaireon.Core.Tests.Conditions;

/// <summary>The flexible-behaviour page's examples, as rules over an event's metadata.</summary>
public sealed class FlexibleBehaviourExamplesTests
{
    private const string CourseCompletion = """
        {'all':[
          {'field':'metadata.course_id','operator':'is','value':12345},
          {'field':'metadata.score','operator':'gt','value':80},
          {'field':'metadata.completion_time','operator':'lt','value':30}]}
        """;

    private const string Sales = """
        {'all':[
          {'field':'metadata.amount','operator':'gt','value':1000},
          {'any':[{'field':'metadata.product_type','operator':'is','value':'enterprise'},
                  {'field':'metadata.product_type','operator':'is','value':'business'}]}]}
        """;

    [Theory]
    [InlineData("{'course_id':12345,'score':90,'completion_time':25}", true)]
    [InlineData("{'course_id':12345,'score':80,'completion_time':25}", false)]
    [InlineData("{'course_id':12345,'score':90,'completion_time':30}", false)]
    [InlineData("{'course_id':54321,'score':90,'completion_time':25}", false)]
    [InlineData("{'course_id':12345,'score':90}", false)]
    public void Course_completion_with_score_above_80_in_under_30_minutes(string metadata, bool expected) =>
        Assert.Equal(expected, Evaluate(CourseCompletion, $"{{'metadata':{metadata}}}"));

    [Theory]
    [InlineData("{'amount':1500,'product_type':'enterprise'}", true)]
    [InlineData("{'amount':1500,'product_type':'business'}", true)]
    [InlineData("{'amount':1500,'product_type':'consumer'}", false)]
    [InlineData("{'amount':1000,'product_type':'enterprise'}", false)]
    [InlineData("{'amount':'2000','product_type':'business'}", true)]
    public void Amount_over_1000_and_an_enterprise_or_business_product(string metadata, bool expected) =>
        Assert.Equal(expected, Evaluate(Sales, $"{{'metadata':{metadata}}}"));

    [Theory]
    [InlineData("{'product_type':'enterprise'}", true)]
    [InlineData("{'product_type':'business'}", true)]
    [InlineData("{'sku':54321}", false)]
    public void A_wildcard_matches_any_activity_that_includes_the_field(string metadata, bool expected) =>
        Assert.Equal(expected, Evaluate("{'field':'metadata.product_type','operator':'is','value':'*'}", $"{{'metadata':{metadata}}}"));

    [Fact]
    public void Closed_on_a_day_reads_the_sales_example_date() =>
        Assert.True(Evaluate("{'field':'closed_on','operator':'on','value':'2022-05-23'}", "{'closed_on':'2022-05-23T16:20:00.000Z'}"));
}
