using Kaireon.Core.Behaviors;
using static Kaireon.Core.Tests.Behaviors.Behaviors;

namespace Kaireon.Core.Tests.Behaviors;

public sealed class BehaviorWriteRulesTests
{
    private static readonly Behavior[] Existing =
    [
        Simple("complete_course"),
        Flexible("high_score", "{'field':'score','operator':'gt','value':80}"),
        Simple("purchase") with { Id = "bhv_purchase" },
    ];

    [Fact]
    public void A_verb_is_one_simple_behaviour()
    {
        Assert.Contains("complete_course", BehaviorWriteRules.Conflict(Simple("complete_course") with { Id = "other" }, Existing));
        Assert.Contains("bhv_purchase", BehaviorWriteRules.Conflict(Simple("purchase"), Existing));
        Assert.Null(BehaviorWriteRules.Conflict(Simple("purchase") with { Id = "bhv_purchase", Name = "Renamed" }, Existing));
        Assert.Null(BehaviorWriteRules.Conflict(Simple("signup"), Existing));
    }

    [Fact]
    public void A_simple_behaviour_with_flexible_children_stays_simple()
    {
        var conflict = BehaviorWriteRules.Conflict(Flexible("complete_course", "{'field':'a','operator':'exists'}", parent: "bhv_purchase"), Existing);
        Assert.Contains("high_score", conflict);
        Assert.Null(BehaviorWriteRules.Conflict(Flexible("bhv_x", "{'field':'a','operator':'exists'}", parent: "bhv_purchase"), Existing));
    }
}
