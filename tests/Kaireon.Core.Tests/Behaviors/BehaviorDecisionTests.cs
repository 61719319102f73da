using Kaireon.Core.Behaviors;
using Kaireon.Core.Conditions;
using static Kaireon.Core.Tests.Behaviors.Behaviors;

namespace Kaireon.Core.Tests.Behaviors;

/// <summary>
/// A decision reads the event's metadata once into its verb's slots, reusing the thread's table
/// from event to event: what it tracks must still be what each behaviour's conditions say of the
/// event's own metadata, whatever was decided before it.
/// </summary>
public sealed class BehaviorDecisionTests
{
    private static readonly Behavior[] Courses =
    [
        Flexible("high_score", "{'all':[{'field':'score','operator':'gt','value':80},{'field':'course_id','operator':'is','value':12345}]}"),
        Flexible("quick", "{'any':[{'field':'completion_time','operator':'lt','value':'30'},{'field':'closed_on','operator':'on','value':'2026-03-16'}]}"),
        Flexible("not_staff", "{'field':'coupon','operator':'is_not','value':'STAFF'}"),
    ];

    private static readonly Behavior[] Purchases =
    [
        Flexible("big", "{'field':'amount','operator':'gte','value':1000}", parent: "purchase"),
        Flexible("regional", "{'field':'region','operator':'in','value':['eu',5]}", parent: "purchase"),
    ];

    private static readonly string[] Metadata =
    [
        "{'score':90,'course_id':12345,'completion_time':25,'coupon':'STAFF'}",
        "{'score':'85','course_id':'12345','closed_on':'2026-03-16T23:00:00-02:00'}",
        "{'amount':'1000','region':'5','score':null}",
        "{'amount':999.5,'region':'eu','completion_time':'29.9'}",
        "{'closed_on':'2026-03-16','coupon':null,'region':5.0}",
        "{}",
    ];

    [Fact]
    public void Events_of_two_verbs_decided_in_turn_track_what_their_own_metadata_satisfies()
    {
        var courses = Verb("complete_course", Courses);
        var purchases = Verb("purchase", Purchases);
        var random = new Random(7);
        var earlier = new List<(BehaviorDecision Decision, string[] Tracked)>();
        for (var i = 0; i < 200; i++)
        {
            var verb = random.Next(2) == 0 ? courses : purchases;
            var metadata = Metadata[random.Next(Metadata.Length)];
            var decision = BehaviorTracker.Decide(new CustomerBehaviorBook(), verb, Event(metadata, type: verb.Verb), Now);

            var data = new JsonConditionData(JsonOf(metadata));
            var expected = verb.Flexible.Where(f => f.Condition.Tree.Compile().Evaluate(data)).Select(f => f.Id);
            Assert.Equal(expected, decision.Tracked);
            Assert.Empty(decision.RateLimited);
            earlier.Add((decision, [.. decision.Tracked]));
        }
        // The thread's lists are reused; a decision keeps its own copy.
        Assert.All(earlier, d => Assert.Equal(d.Tracked, d.Decision.Tracked));
    }
}
