using Kaireon.Core.DecisionFlows;

namespace Kaireon.Core.Tests.DecisionFlows;

public sealed class FlowRoutingTests
{
    private static FlowRoute Route(string id, string? channel, string? placement, int priority = 0) =>
        new() { Id = id, ChannelId = channel, Placement = placement, FlowKey = $"flow-{id}", Priority = priority };

    private static readonly FlowRoute[] Routes =
    [
        Route("channel", "web", null),
        Route("placement", null, "hero"),
        Route("both", "web", "hero"),
        Route("channel-high", "web", null, priority: 7),
        Route("slot", null, "banner", priority: 3),
    ];

    [Theory]
    [InlineData("web", "hero", "both")]
    [InlineData("web", "sidebar", "channel-high")]
    [InlineData("web", null, "channel-high")]
    [InlineData("email", "hero", "placement")]
    [InlineData(null, "hero", "placement")]
    [InlineData("email", "footer", null)]
    [InlineData(null, null, null)]
    public void The_most_specific_match_wins_then_the_highest_priority(string? channel, string? placement, string? expected) =>
        Assert.Equal(expected, FlowRouting.Resolve(Routes, channel, placement is null ? [] : [placement])?.Id);

    [Fact]
    public void A_placement_route_matches_the_requests_placement_or_its_slot_type()
    {
        Assert.Equal("slot", FlowRouting.Resolve(Routes, "email", ["side", "banner"])?.Id);
        // Both placement routes match "hero" (slot type banner); same specificity, so priority decides.
        Assert.Equal("slot", FlowRouting.Resolve(Routes, "email", ["hero", "banner"])?.Id);
    }

    [Fact]
    public void Equal_routes_are_told_apart_by_id() =>
        Assert.Equal("a", FlowRouting.Resolve([Route("b", "web", null), Route("a", "web", null)], "web", [])?.Id);

    [Fact]
    public void A_route_with_neither_channel_nor_placement_never_matches() =>
        Assert.Null(FlowRouting.Resolve([Route("any", null, null)], "web", ["hero"]));

    [Fact]
    public void Specificity_ranks_channel_and_placement_above_placement_above_channel()
    {
        Assert.True(FlowRouting.Specificity(Route("x", "web", "hero")) > FlowRouting.Specificity(Route("y", null, "hero")));
        Assert.True(FlowRouting.Specificity(Route("y", null, "hero")) > FlowRouting.Specificity(Route("z", "web", null)));
    }
}
