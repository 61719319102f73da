using System.Text;
using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;

namespace Kaireon.Core.Tests.Interactions;

/// <summary>How an interaction and its day are written in documents and on the stream.</summary>
public sealed class InteractionJsonTests
{
    private static readonly Interaction Click = new()
    {
        EventId = "ev-1",
        CustomerId = "c1",
        Type = "click",
        Timestamp = new DateTimeOffset(2026, 3, 16, 23, 30, 0, TimeSpan.FromHours(-2)), // March 17 in UTC
    };

    [Fact]
    public void The_day_is_not_stored_since_the_timestamp_says_it_and_documents_that_still_hold_it_read_the_same()
    {
        var json = JsonSerializer.Serialize(Click, KaireonJson.Default.Interaction);
        var older = json.Insert(json.Length - 1, ",\"day\":\"2026-03-17\"");

        Assert.DoesNotContain("\"day\"", json, StringComparison.Ordinal);
        Assert.Equal(Click, JsonSerializer.Deserialize(json, KaireonJson.Default.Interaction));
        Assert.Equal(Click, JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(older), KaireonJson.Default.Interaction));
        Assert.Equal(new UtcDay(new DateOnly(2026, 3, 17)), Click.Day);
    }

    [Fact]
    public void Days_asked_in_turn_each_write_their_own_text_and_document_id()
    {
        var days = new[] { new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 17), new DateOnly(2026, 3, 16), new DateOnly(1999, 12, 31) };

        var written = days.Select(d => (new UtcDay(d).ToString(), new UtcDay(d).DocumentId)).ToList();

        Assert.Equal([("2026-03-16", "day|2026-03-16"), ("2026-03-17", "day|2026-03-17"), ("2026-03-16", "day|2026-03-16"), ("1999-12-31", "day|1999-12-31")], written);
        var parallel = Enumerable.Range(0, 2000).AsParallel().Select(i => (i, new UtcDay(new DateOnly(2026, 1, 1).AddDays(i % 7)).DocumentId)).ToList();
        Assert.All(parallel, p => Assert.Equal($"day|{new DateOnly(2026, 1, 1).AddDays(p.i % 7):yyyy-MM-dd}", p.DocumentId));
    }
}
