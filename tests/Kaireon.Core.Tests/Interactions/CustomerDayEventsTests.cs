using System.Text;
using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;

namespace Kaireon.Core.Tests.Interactions;

/// <summary>Searching a stored day document for an event answers as its deserialized value would.</summary>
public sealed class CustomerDayEventsTests
{
    private static readonly string[] Ids = ["ev-1", "ev-2", "ev \"quoted\"", "évènement-ü", "ev\\back", "c1", "click", "ev-1 ", "EV-1", "ev-10"];

    [Fact]
    public void An_event_is_held_exactly_when_an_interaction_of_the_day_has_its_id()
    {
        var random = new Random(20261203);
        for (var run = 0; run < 2_000; run++)
        {
            var day = RandomDay(random);
            var utf8 = JsonSerializer.SerializeToUtf8Bytes(day, KaireonJson.Default.CustomerDay);
            foreach (var id in Ids)
            {
                Assert.True(CustomerDayEvents.Holds(utf8, id) == (day.Find(id) is not null), $"run {run}, {id}: {Encoding.UTF8.GetString(utf8)}");
            }
        }
    }

    [Fact]
    public void The_id_elsewhere_in_the_document_is_not_an_event()
    {
        var day = new CustomerDay
        {
            CustomerId = "ev-1",
            Day = new UtcDay(new DateOnly(2026, 3, 16)),
            Interactions = [Interaction("ev-2", attributes: """{"eventId":"ev-1","nested":{"eventId":"ev-1"},"list":["ev-1"]}""")],
            PendingRollup = ["ev-1"],
        };
        var utf8 = JsonSerializer.SerializeToUtf8Bytes(day, KaireonJson.Default.CustomerDay);

        Assert.False(CustomerDayEvents.Holds(utf8, "ev-1"));
        Assert.True(CustomerDayEvents.Holds(utf8, "ev-2"));
    }

    [Fact]
    public void Written_by_hand_in_another_order_with_escapes_it_is_still_found()
    {
        var utf8 = Encoding.UTF8.GetBytes("""
            { "pendingRollup": [], "interactions": [ { "type": "click", "eventId": "ev\u002D9", "customerId": "c1", "timestamp": "2026-03-16T10:00:00Z" } ],
              "customerId": "c1", "day": "2026-03-16" }
            """);

        Assert.True(CustomerDayEvents.Holds(utf8, "ev-9"));
        Assert.False(CustomerDayEvents.Holds(utf8, "ev-8"));
        Assert.False(CustomerDayEvents.Holds("{}"u8, "ev-9"));
    }

    private static CustomerDay RandomDay(Random random)
    {
        var interactions = Enumerable.Range(0, random.Next(0, 6))
            .Select(_ => Interaction(Ids[random.Next(Ids.Length)], random.Next(3) == 0 ? """{"eventId":"ev-2"}""" : null))
            .DistinctBy(i => i.EventId)
            .ToList();
        return new CustomerDay
        {
            CustomerId = Ids[random.Next(Ids.Length)],
            Day = new UtcDay(new DateOnly(2026, 3, 16)),
            Interactions = interactions,
            PendingRollup = [.. Ids.Where(_ => random.Next(4) == 0)],
        };
    }

    private static Interaction Interaction(string eventId, string? attributes = null) => new()
    {
        EventId = eventId,
        CustomerId = "c1",
        Type = "click",
        Timestamp = new DateTimeOffset(2026, 3, 16, 10, 0, 0, TimeSpan.Zero),
        OfferId = "ev-1",
        Attributes = attributes is null ? null : JsonDocument.Parse(attributes).RootElement,
    };
}
