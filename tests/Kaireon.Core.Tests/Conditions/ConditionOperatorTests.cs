using Kaireon.Core.Conditions;
using static Kaireon.Core.Tests.Conditions.Conditions;

namespace Kaireon.Core.Tests.Conditions;

/// <summary>Every operator of design §6 on field <c>x</c>: (operator, condition value, data, expected).</summary>
public sealed class ConditionOperatorTests
{
    [Theory]
    // gt vs gte at equality, and either side of it
    [InlineData("gt", "80", "{'x':90}", true)]
    [InlineData("gt", "80", "{'x':80}", false)]
    [InlineData("gt", "80", "{'x':79.9}", false)]
    [InlineData("gte", "80", "{'x':80}", true)]
    [InlineData("gte", "80", "{'x':80.0}", true)]
    [InlineData("gte", "80", "{'x':79.999}", false)]
    [InlineData("lt", "30", "{'x':29}", true)]
    [InlineData("lt", "30", "{'x':30}", false)]
    [InlineData("lte", "30", "{'x':30}", true)]
    [InlineData("lte", "30", "{'x':30.001}", false)]
    [InlineData("gt", "-5", "{'x':-4.5}", true)]
    [InlineData("eq", "5", "{'x':5}", true)]
    [InlineData("eq", "5", "{'x':6}", false)]
    [InlineData("neq", "5", "{'x':6}", true)]
    [InlineData("neq", "5", "{'x':5}", false)]
    // numeric strings compare as numbers, on either side
    [InlineData("gt", "80", "{'x':'90'}", true)]
    [InlineData("gt", "80", "{'x':'100'}", true)]
    [InlineData("gt", "'80'", "{'x':81}", true)]
    [InlineData("gt", "'80'", "{'x':80}", false)]
    [InlineData("gt", "'1e3'", "{'x':1001}", true)]
    [InlineData("eq", "5", "{'x':'5.0'}", true)]
    [InlineData("eq", "'5'", "{'x':5}", true)]
    [InlineData("lt", "'-0.5'", "{'x':'-1'}", true)]
    // type mismatches are false, for the negated operator too
    [InlineData("gt", "80", "{'x':'abc'}", false)]
    [InlineData("gt", "80", "{'x':' 90'}", false)]
    [InlineData("gt", "80", "{'x':true}", false)]
    [InlineData("gt", "80", "{'x':[90]}", false)]
    [InlineData("lte", "80", "{'x':{'y':1}}", false)]
    [InlineData("gt", "80", "{'x':1e400}", false)]
    [InlineData("eq", "5", "{'x':'five'}", false)]
    [InlineData("neq", "5", "{'x':'five'}", false)]
    [InlineData("neq", "5", "{'x':false}", false)]
    // eq/neq with a non-numeric value compare exactly; another type is a mismatch
    [InlineData("eq", "'email'", "{'x':'email'}", true)]
    [InlineData("eq", "'email'", "{'x':'Email'}", false)]
    [InlineData("neq", "'email'", "{'x':'sms'}", true)]
    [InlineData("neq", "'email'", "{'x':'email'}", false)]
    [InlineData("neq", "'email'", "{'x':5}", false)]
    [InlineData("eq", "true", "{'x':true}", true)]
    [InlineData("eq", "true", "{'x':'true'}", false)]
    [InlineData("neq", "true", "{'x':false}", true)]
    public void Numeric_operators(string op, string value, string data, bool expected) =>
        Assert.Equal(expected, Evaluate(Leaf(op, value), data));

    [Theory]
    [InlineData("in", "[1,2,3]", "{'x':2}", true)]
    [InlineData("in", "[1,2,3]", "{'x':'2'}", true)]
    [InlineData("in", "[1,2,3]", "{'x':2.0}", true)]
    [InlineData("in", "[1,2,3]", "{'x':4}", false)]
    [InlineData("in", "['123']", "{'x':123}", true)]
    [InlineData("in", "['a','b']", "{'x':'a'}", true)]
    [InlineData("in", "['a','b']", "{'x':'A'}", false)]
    [InlineData("in", "['a','b']", "{'x':1}", false)]
    [InlineData("in", "['a',1,true]", "{'x':true}", true)]
    [InlineData("in", "['a',1]", "{'x':false}", false)]
    [InlineData("not_in", "['a','b']", "{'x':'c'}", true)]
    [InlineData("not_in", "['a','b']", "{'x':'a'}", false)]
    [InlineData("not_in", "['a','b']", "{'x':1}", true)]
    [InlineData("not_in", "[1,2]", "{'x':'2'}", false)]
    [InlineData("not_in", "[true]", "{'x':false}", true)]
    // an object or array is comparable with no list item: false both ways
    [InlineData("in", "['a']", "{'x':['a']}", false)]
    [InlineData("not_in", "['a']", "{'x':{'a':1}}", false)]
    public void Set_operators(string op, string value, string data, bool expected) =>
        Assert.Equal(expected, Evaluate(Leaf(op, value), data));

    [Theory]
    [InlineData("contains", "'erp'", "{'x':'enterprise'}", true)]
    [InlineData("contains", "'ERP'", "{'x':'enterprise'}", false)]
    [InlineData("contains", "''", "{'x':'anything'}", true)]
    [InlineData("not_contains", "'erp'", "{'x':'business'}", true)]
    [InlineData("not_contains", "'erp'", "{'x':'enterprise'}", false)]
    [InlineData("starts_with", "'ent'", "{'x':'enterprise'}", true)]
    [InlineData("starts_with", "'ent'", "{'x':'Enterprise'}", false)]
    [InlineData("not_starts_with", "'ent'", "{'x':'business'}", true)]
    [InlineData("not_starts_with", "'ent'", "{'x':'enterprise'}", false)]
    [InlineData("ends_with", "'ise'", "{'x':'enterprise'}", true)]
    [InlineData("ends_with", "'ISE'", "{'x':'enterprise'}", false)]
    [InlineData("not_ends_with", "'ise'", "{'x':'business'}", true)]
    [InlineData("not_ends_with", "'ise'", "{'x':'enterprise'}", false)]
    [InlineData("regex", "'^ent.*e$'", "{'x':'enterprise'}", true)]
    [InlineData("regex", "'erp'", "{'x':'enterprise'}", true)]
    [InlineData("regex", "'Erp'", "{'x':'enterprise'}", false)]
    [InlineData("regex", "'^\\\\d{5}$'", "{'x':'12345'}", true)]
    // text operators read only strings: a number is a mismatch, false for the negations too
    [InlineData("contains", "'12'", "{'x':123}", false)]
    [InlineData("not_contains", "'9'", "{'x':123}", false)]
    [InlineData("not_starts_with", "'9'", "{'x':true}", false)]
    [InlineData("regex", "'\\\\d'", "{'x':123}", false)]
    public void Text_operators_are_case_sensitive(string op, string value, string data, bool expected) =>
        Assert.Equal(expected, Evaluate(Leaf(op, value), data));

    [Theory]
    // a day value compares UTC calendar days: the whole day is "on" it
    [InlineData("on", "'2022-05-23'", "{'x':'2022-05-23'}", true)]
    [InlineData("on", "'2022-05-23'", "{'x':'2022-05-23T00:00:00.000Z'}", true)]
    [InlineData("on", "'2022-05-23'", "{'x':'2022-05-23T23:59:59.999Z'}", true)]
    [InlineData("on", "'2022-05-23'", "{'x':'2022-05-24T00:00:00.000Z'}", false)]
    [InlineData("on", "'2022-05-23'", "{'x':'2022-05-22T23:59:59.999Z'}", false)]
    [InlineData("on", "'2022-05-23'", "{'x':'2022-05-24T01:00:00.000+02:00'}", true)]
    [InlineData("on", "'2022-05-23'", "{'x':'2022-05-23T23:30:00.000-01:00'}", false)]
    [InlineData("not_on", "'2022-05-23'", "{'x':'2022-05-24'}", true)]
    [InlineData("not_on", "'2022-05-23'", "{'x':'2022-05-23T12:00:00Z'}", false)]
    [InlineData("after", "'2022-05-23'", "{'x':'2022-05-24T00:00:00.000Z'}", true)]
    [InlineData("after", "'2022-05-23'", "{'x':'2022-05-23T23:59:59.999Z'}", false)]
    [InlineData("on_or_after", "'2022-05-23'", "{'x':'2022-05-23T00:00:00.000Z'}", true)]
    [InlineData("on_or_after", "'2022-05-23'", "{'x':'2022-05-22T23:59:59.999Z'}", false)]
    [InlineData("before", "'2022-05-23'", "{'x':'2022-05-22T23:59:59.999Z'}", true)]
    [InlineData("before", "'2022-05-23'", "{'x':'2022-05-23T00:00:00.000Z'}", false)]
    [InlineData("on_or_before", "'2022-05-23'", "{'x':'2022-05-23T23:59:59.999Z'}", true)]
    [InlineData("on_or_before", "'2022-05-23'", "{'x':'2022-05-24'}", false)]
    // an instant value compares exact instants
    [InlineData("on", "'2022-05-23T10:00:00.000Z'", "{'x':'2022-05-23T10:00:00.000Z'}", true)]
    [InlineData("on", "'2022-05-23T10:00:00.000Z'", "{'x':'2022-05-23T10:00:00Z'}", true)]
    [InlineData("on", "'2022-05-23T10:00:00.000Z'", "{'x':'2022-05-23T12:00:00+02:00'}", true)]
    [InlineData("on", "'2022-05-23T10:00:00.000Z'", "{'x':'2022-05-23T10:00:00.001Z'}", false)]
    [InlineData("on", "'2022-05-23T10:00:00.000Z'", "{'x':'2022-05-23'}", false)]
    [InlineData("not_on", "'2022-05-23T10:00:00.000Z'", "{'x':'2022-05-23T10:00:00.001Z'}", true)]
    [InlineData("after", "'2022-05-23T10:00:00.000Z'", "{'x':'2022-05-23T10:00:00.001Z'}", true)]
    [InlineData("after", "'2022-05-23T10:00:00.000Z'", "{'x':'2022-05-23T10:00:00.000Z'}", false)]
    [InlineData("on_or_after", "'2022-05-23T10:00:00.000Z'", "{'x':'2022-05-23T10:00:00.000Z'}", true)]
    [InlineData("before", "'2022-05-23T10:00:00.000Z'", "{'x':'2022-05-23T09:59:59.999Z'}", true)]
    [InlineData("before", "'2022-05-23T10:00:00.000Z'", "{'x':'2022-05-23T10:00:00.000Z'}", false)]
    [InlineData("on_or_before", "'2022-05-23T10:00:00.000Z'", "{'x':'2022-05-23T10:00:00.000Z'}", true)]
    [InlineData("before", "'2022-05-23T10:00:00.0000001Z'", "{'x':'2022-05-23T10:00:00Z'}", true)]
    [InlineData("after", "'2016-12-31T23:59:59.000Z'", "{'x':'2016-12-31T23:59:60Z'}", true)]
    // anything else is a mismatch, false both ways
    [InlineData("on", "'2022-05-23'", "{'x':20220523}", false)]
    [InlineData("not_on", "'2022-05-23'", "{'x':20220523}", false)]
    [InlineData("not_on", "'2022-05-23'", "{'x':'not a date'}", false)]
    [InlineData("on", "'2022-05-23'", "{'x':'2022-05-23T10:00:00'}", false)]
    [InlineData("before", "'2022-05-23'", "{'x':'2022-02-30'}", false)]
    public void Date_operators_compare_days_or_instants_in_UTC(string op, string value, string data, bool expected) =>
        Assert.Equal(expected, Evaluate(Leaf(op, value), data));

    [Theory]
    [InlineData("is", "12345", "{'x':12345}", true)]
    [InlineData("is", "12345", "{'x':12345.0}", true)]
    [InlineData("is", "12345", "{'x':'12345'}", false)]
    [InlineData("is", "12345", "{'x':12346}", false)]
    [InlineData("is", "'enterprise'", "{'x':'enterprise'}", true)]
    [InlineData("is", "'enterprise'", "{'x':'Enterprise'}", false)]
    [InlineData("is", "true", "{'x':true}", true)]
    [InlineData("is", "true", "{'x':'true'}", false)]
    [InlineData("is_not", "12345", "{'x':12345}", false)]
    [InlineData("is_not", "12345", "{'x':'12345'}", true)]
    [InlineData("is_not", "'a'", "{'x':'b'}", true)]
    [InlineData("is_not", "'a'", "{'x':{'a':1}}", true)]
    [InlineData("is_not", "false", "{'x':false}", false)]
    public void Is_compares_exactly_a_number_with_a_number_and_a_string_with_a_string(string op, string value, string data, bool expected) =>
        Assert.Equal(expected, Evaluate(Leaf(op, value), data));

    [Theory]
    [InlineData("{'x':'enterprise'}", true)]
    [InlineData("{'x':0}", true)]
    [InlineData("{'x':''}", true)]
    [InlineData("{'x':false}", true)]
    [InlineData("{'x':{'y':1}}", true)]
    [InlineData("{'x':null}", false)]
    [InlineData("{'y':'enterprise'}", false)]
    public void The_wildcard_matches_any_value_of_a_present_field(string data, bool expected) =>
        Assert.Equal(expected, Evaluate(Leaf("is", "'*'"), data));

    [Theory]
    [InlineData("{'x':0}", true)]
    [InlineData("{'x':''}", true)]
    [InlineData("{'x':[]}", true)]
    [InlineData("{'x':null}", false)]
    [InlineData("{}", false)]
    public void Exists_is_true_for_any_present_non_null_value(string data, bool expected) =>
        Assert.Equal(expected, Evaluate(Leaf("exists", null), data));

    /// <summary>One valid condition value per operator, for the missing-field rule.</summary>
    public static TheoryData<string, string?> EveryOperator => new()
    {
        { "gt", "1" }, { "gte", "1" }, { "lt", "1" }, { "lte", "1" }, { "eq", "1" }, { "neq", "1" }, { "eq", "'a'" }, { "neq", "'a'" },
        { "in", "['a',1]" }, { "not_in", "['a',1]" },
        { "contains", "'a'" }, { "not_contains", "'a'" }, { "starts_with", "'a'" }, { "not_starts_with", "'a'" },
        { "ends_with", "'a'" }, { "not_ends_with", "'a'" }, { "regex", "'.*'" },
        { "on", "'2022-05-23'" }, { "not_on", "'2022-05-23'" }, { "after", "'2022-05-23'" }, { "on_or_after", "'2022-05-23'" },
        { "before", "'2022-05-23T10:00:00.000Z'" }, { "on_or_before", "'2022-05-23T10:00:00.000Z'" },
        { "is", "'a'" }, { "is_not", "'a'" }, { "is", "'*'" }, { "exists", null },
    };

    [Theory]
    [MemberData(nameof(EveryOperator))]
    public void A_missing_field_makes_positive_operators_false_and_negated_ones_true(string op, string? value)
    {
        Assert.True(ConditionOperators.TryParse(op, out var parsed));
        var negated = parsed.IsNegated();

        Assert.Equal(negated, Evaluate(Leaf(op, value), "{'y':1}"));
        Assert.Equal(negated, Evaluate(Leaf(op, value), "{'x':null}"));
        Assert.Equal(negated, Evaluate(Leaf(op, value, field: "a.b.c"), "{'a':{'b':{}}}"));
    }

    [Fact]
    public void The_negated_operators_are_the_seven_of_the_design() =>
        Assert.Equal(["neq", "not_in", "not_contains", "not_starts_with", "not_ends_with", "not_on", "is_not"],
            Enum.GetValues<ConditionOperator>().Where(o => o.IsNegated()).Select(o => o.WireName()));
}
