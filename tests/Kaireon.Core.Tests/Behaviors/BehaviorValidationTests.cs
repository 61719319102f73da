using Kaireon.Core.Behaviors;
using Kaireon.Core.Validation;
using static Kaireon.Core.Tests.Behaviors.Behaviors;

namespace Kaireon.Core.Tests.Behaviors;

/// <summary>A behaviour's field rules, each naming its path.</summary>
public sealed class BehaviorValidationTests
{
    private static string[] Errors(Behavior behavior)
    {
        var errors = new ValidationErrors();
        Behavior.Kind.Validate(Behavior.Kind.Normalize(behavior), errors);
        return [.. errors.ToDictionary().Keys.Order(StringComparer.Ordinal)];
    }

    private static readonly BehaviorRateLimit OnePerProduct = new() { Field = "product_type", Limit = 1, Period = RateLimitPeriod.AllTime };

    [Fact]
    public void A_simple_behaviour_is_a_verb_and_a_name_and_its_id_defaults_to_the_verb()
    {
        Assert.Empty(Errors(new Behavior { Verb = "complete_course", Name = "Complete course" }));
        Assert.Equal("complete_course", Behavior.Kind.Normalize(new Behavior { Verb = "complete_course", Name = "x" }).Id);
        Assert.Equal("bhv_1", Behavior.Kind.Normalize(new Behavior { Id = "bhv_1", Verb = "complete_course", Name = "x" }).Id);
    }

    [Theory]
    [InlineData(null, "verb")]
    [InlineData("Complete", "verb")]
    [InlineData("1st", "verb")]
    [InlineData("complete-course", "verb")]
    public void A_verb_is_lower_case_letters_digits_and_underscores(string? verb, string path) =>
        Assert.Equal([path], Errors(new Behavior { Verb = verb, Name = "x" }));

    [Fact]
    public void A_name_is_required() => Assert.Equal(["name"], Errors(new Behavior { Verb = "x" }));

    [Fact]
    public void Conditions_and_rate_limits_belong_to_flexible_behaviours() =>
        Assert.Equal(["conditions", "rateLimit"], Errors(new Behavior { Verb = "x", Name = "x", Conditions = JsonOf("{'field':'a','operator':'exists'}"), RateLimit = OnePerProduct }));

    [Fact]
    public void A_flexible_behaviour_has_a_parent_and_conditions_and_no_verb()
    {
        Assert.Empty(Errors(Flexible("f", "{'field':'product_type','operator':'is','value':'*'}", OnePerProduct)));
        Assert.Equal(["conditions", "verb"], Errors(new Behavior { Name = "x", ParentId = "p", Verb = "x" }));
        Assert.Equal(["parentId"], Errors(Flexible("f", "{'field':'a','operator':'exists'}", parent: "F!")));
        Assert.Equal(["parentId"], Errors(Flexible("f", "{'field':'a','operator':'exists'}", parent: "f")));
    }

    [Theory]
    [InlineData("{'all':[{'field':'a','operator':'gt','value':1},{'field':'b','operator':'bigger','value':1}]}", "conditions.all[1].operator")]
    [InlineData("{'field':'a','operator':'gt','value':'*'}", "conditions.value")]
    [InlineData("{'any':[]}", "conditions.any")]
    [InlineData("{'field':'metadata.score','operator':'gt','value':80}", "conditions.field")]
    public void Conditions_are_checked_by_the_condition_engine_under_their_path(string conditions, string path) =>
        Assert.Equal([path], Errors(Flexible("f", conditions)));

    [Theory]
    [InlineData("{'field':'product_type','operator':'is','value':'*'}", true)]
    [InlineData("{'all':[{'field':'amount','operator':'gt','value':1},{'all':[{'field':'product_type','operator':'is','value':'*'}]}]}", true)]
    [InlineData("{'field':'product_type','operator':'is','value':'enterprise'}", false)]
    [InlineData("{'field':'product','operator':'is','value':'*'}", false)]
    [InlineData("{'any':[{'field':'product_type','operator':'is','value':'*'},{'field':'sku','operator':'exists'}]}", false)]
    [InlineData("{'not':{'field':'product_type','operator':'is','value':'*'}}", false)]
    public void A_rate_limits_field_must_be_a_wildcard_condition_every_match_satisfies(string conditions, bool valid) =>
        Assert.Equal(valid ? [] : ["rateLimit.field"], Errors(Flexible("f", conditions, OnePerProduct)));

    [Fact]
    public void A_rate_limit_needs_a_field_a_limit_of_at_least_1_and_a_period()
    {
        const string Wildcard = "{'field':'product_type','operator':'is','value':'*'}";
        Assert.Equal(["rateLimit.field", "rateLimit.limit", "rateLimit.period"], Errors(Flexible("f", Wildcard, new BehaviorRateLimit())));
        Assert.Equal(["rateLimit.limit"], Errors(Flexible("f", Wildcard, OnePerProduct with { Limit = 0 })));
    }
}
