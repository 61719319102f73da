using Kaireon.Core.Conditions;
using static Kaireon.Core.Tests.Conditions.Conditions;

namespace Kaireon.Core.Tests.Conditions;

/// <summary>Design §6's save-time rejections, each naming its exact path under the caller's prefix.</summary>
public sealed class ConditionParserTests
{
    private const string Good = "{'field':'score','operator':'gt','value':80}";

    [Theory]
    // the node itself
    [InlineData("[]", "filterConditions")]
    [InlineData("42", "filterConditions")]
    [InlineData("null", "filterConditions")]
    [InlineData("{}", "filterConditions")]
    [InlineData("{'all':[" + Good + "],'field':'x'}", "filterConditions")]
    [InlineData("{'all':[" + Good + "],'any':[" + Good + "]}", "filterConditions")]
    [InlineData("{'not':" + Good + ",'or':[" + Good + "]}", "filterConditions")]
    [InlineData("{'field':'x','operator':'gt','value':1,'extra':1}", "filterConditions.extra")]
    [InlineData("{'fields':'x'}", "filterConditions.fields")]
    [InlineData("{'all':[" + Good + ",5]}", "filterConditions.all[1]")]
    [InlineData("{'not':'x'}", "filterConditions.not")]
    // groups
    [InlineData("{'all':[]}", "filterConditions.all")]
    [InlineData("{'any':[]}", "filterConditions.any")]
    [InlineData("{'and':[]}", "filterConditions.and")]
    [InlineData("{'or':[]}", "filterConditions.or")]
    [InlineData("{'all':{}}", "filterConditions.all")]
    [InlineData("{'any':[" + Good + ",{'all':[]}]}", "filterConditions.any[1].all")]
    // field
    [InlineData("{'operator':'gt','value':1}", "filterConditions.field")]
    [InlineData("{'field':42,'operator':'gt','value':1}", "filterConditions.field")]
    [InlineData("{'field':'','operator':'gt','value':1}", "filterConditions.field")]
    [InlineData("{'field':'a..b','operator':'gt','value':1}", "filterConditions.field")]
    [InlineData("{'field':'.a','operator':'gt','value':1}", "filterConditions.field")]
    [InlineData("{'field':'a. b','operator':'gt','value':1}", "filterConditions.field")]
    [InlineData("{'field':'score ','operator':'gt','value':1}", "filterConditions.field")]
    // operator
    [InlineData("{'field':'x','value':1}", "filterConditions.operator")]
    [InlineData("{'field':'x','operator':'greater','value':1}", "filterConditions.operator")]
    [InlineData("{'field':'x','operator':'GT','value':1}", "filterConditions.operator")]
    [InlineData("{'all':[" + Good + ",{'field':'x','operator':'between','value':1}]}", "filterConditions.all[1].operator")]
    // value, by operator family
    [InlineData("{'field':'x','operator':'gt'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'gt','value':null}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'gt','value':'abc'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'lte','value':true}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'gte','value':[1]}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'eq','value':{}}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'contains','value':5}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'not_ends_with','value':true}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'regex','value':'('}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'regex','value':'[a-'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'on','value':20220523}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'on','value':'23/05/2022'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'on','value':'2022-02-30'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'after','value':'2022-05-23T10:00:00'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'after','value':'2022-05-23T10:00:00+02:00'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'after','value':'2022-05-23T10:00:00.000+00:00'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'before','value':'2022-05-23 10:00:00Z'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'in','value':'a'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'not_in','value':5}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'in','value':[]}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'in','value':[{}]}", "filterConditions.value[0]")]
    [InlineData("{'field':'x','operator':'not_in','value':[1,[2]]}", "filterConditions.value[1]")]
    [InlineData("{'field':'x','operator':'in','value':['a',null]}", "filterConditions.value[1]")]
    [InlineData("{'field':'x','operator':'is','value':{}}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'is_not','value':[1]}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'exists','value':1}", "filterConditions.value")]
    // the wildcard is only valid with is
    [InlineData("{'field':'x','operator':'is_not','value':'*'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'eq','value':'*'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'contains','value':'*'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'regex','value':'*'}", "filterConditions.value")]
    [InlineData("{'field':'x','operator':'in','value':['a','*']}", "filterConditions.value[1]")]
    public void An_invalid_condition_is_rejected_naming_its_path(string condition, string path) =>
        Assert.Equal([path], Errors(condition).Keys);

    [Fact]
    public void A_duplicated_key_is_named()
    {
        var errors = Errors("{'field':'x','operator':'gt','value':1,'field':'y'}");
        Assert.Equal(["filterConditions.field"], errors.Keys);
        Assert.Contains("more than once", errors["filterConditions.field"][0]);
    }

    [Fact]
    public void Every_error_of_a_tree_is_collected()
    {
        var errors = Errors("""
            {'and':[
              {'field':'score','operator':'gt','value':'abc'},
              {'or':[{'field':'tier','operator':'is','value':'gold'},{'field':'','operator':'between'}]},
              {'not':{'field':'x','operator':'contains','value':'*'}}
            ]}
            """);

        Assert.Equal(["filterConditions.and[0].value", "filterConditions.and[1].or[1].field", "filterConditions.and[1].or[1].operator",
            "filterConditions.and[2].not.value"], errors.Keys.Order());
    }

    [Fact]
    public void Messages_say_what_is_allowed()
    {
        Assert.Contains("gt, gte, lt, lte, eq, neq, in, not_in, contains", Errors(Leaf("between", "1"))["filterConditions.operator"][0]);
        Assert.Contains("only valid with is", Errors(Leaf("is_not", "'*'"))["filterConditions.value"][0]);
        Assert.Contains("YYYY-MM-DDThh:mm:ss.sssZ", Errors(Leaf("on", "'tomorrow'"))["filterConditions.value"][0]);
        Assert.Contains("not a valid regular expression", Errors(Leaf("regex", "'('"))["filterConditions.value"][0]);
    }

    [Fact]
    public void Without_a_prefix_paths_start_at_the_node() =>
        Assert.Equal(["all[0].value"], Errors("{'all':[{'field':'x','operator':'gt','value':'abc'}]}", prefix: "").Keys);

    [Fact]
    public void The_field_validator_rejects_fields_the_context_does_not_know()
    {
        var options = new ConditionParseOptions { FieldValidator = f => f is "offerId" or "channelId" ? null : $"'{f}' is not an interaction field." };

        var errors = Errors("{'all':[{'field':'offerId','operator':'eq','value':'o1'},{'field':'metadata.x','operator':'exists'}]}", options);

        Assert.Equal(["filterConditions.all[1].field"], errors.Keys);
        Assert.Equal("'metadata.x' is not an interaction field.", errors["filterConditions.all[1].field"][0]);
    }

    private static string Nested(int depth, string wrapper)
    {
        var node = Good;
        for (var i = 1; i < depth; i++) node = string.Format(wrapper, node);
        return node;
    }

    [Theory]
    [InlineData("{{'not':{0}}}", "not")]
    [InlineData("{{'all':[{0}]}}", "all[0]")]
    [InlineData("{{'and':[{0}]}}", "and[0]")]
    public void Ten_levels_are_accepted_and_eleven_rejected_at_the_eleventh(string wrapper, string step)
    {
        Assert.Empty(Errors(Nested(10, wrapper)));

        var errors = Errors(Nested(11, wrapper));

        Assert.Equal(["filterConditions." + string.Join('.', Enumerable.Repeat(step, 10))], errors.Keys);
        Assert.Contains("at most 10 levels", errors.Values.Single()[0]);
    }

    [Fact]
    public void A_valid_tree_lists_its_fields_once_each_and_its_leaves_in_order()
    {
        var tree = ConditionTree.Parse(JsonOf("""
            {'all':[{'field':'amount','operator':'gt','value':1000},
                    {'any':[{'field':'product_type','operator':'is','value':'enterprise'},{'field':'product_type','operator':'is','value':'business'}]},
                    {'not':{'field':'metadata.flag','operator':'exists'}}]}
            """));

        Assert.Equal(["amount", "metadata.flag", "product_type"], tree.Fields.Order());
        Assert.Equal(["all[0]", "all[1].any[0]", "all[1].any[1]", "all[2].not"], tree.Leaves.Select(l => l.Path));
        Assert.Same(tree.Leaves[1].Field, tree.Leaves[2].Field);
        var root = Assert.IsType<ConditionGroup>(tree.Root);
        Assert.Equal(ConditionGroupKind.All, root.Kind);
    }

    [Theory]
    [InlineData("{'field':'x','operator':'is','value':'*'}", true)]
    [InlineData("{'field':'x','operator':'is','value':'**'}", false)]
    [InlineData("{'field':'x','operator':'exists'}", false)]
    public void A_leaf_knows_whether_it_is_the_wildcard(string condition, bool wildcard) =>
        Assert.Equal(wildcard, ConditionTree.Parse(JsonOf(condition)).Leaves[0].IsWildcard);

    [Fact]
    public void Exists_accepts_an_explicit_null_value() => Assert.Empty(Errors("{'field':'x','operator':'exists','value':null}"));

    [Fact]
    public void Parsing_a_stored_condition_that_is_invalid_throws_with_the_errors()
    {
        var error = Assert.Throws<ArgumentException>(() => ConditionTree.Parse(JsonOf("{'all':[]}")));
        Assert.Contains("all: must hold at least one condition", error.Message);
    }
}
