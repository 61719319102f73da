using System.Reflection;
using System.Text.Json;
using Kaireon.Core.Json;

namespace Kaireon.Core.Interactions;

/// <summary>
/// Whether a stored customer day document holds an event, read from its JSON text without
/// deserializing it: <c>POST /events</c> asks that of one document per event, and nearly always
/// the answer is no, so deserializing the day's interactions to learn it was the request's largest
/// allocation (<c>docs/benchmarks.md</c>, session 10). The property names are the contract's
/// (<see cref="KaireonJson"/>), looked up once.
/// </summary>
public static class CustomerDayEvents
{
    private static readonly byte[] InteractionsName = JsonName(KaireonJson.Default.CustomerDay, nameof(CustomerDay.Interactions));
    private static readonly byte[] EventIdName = JsonName(KaireonJson.Default.Interaction, nameof(Interaction.EventId));

    /// <summary>True when an interaction of the day document <paramref name="utf8Day"/> has the event id <paramref name="eventId"/>.</summary>
    public static bool Holds(ReadOnlySpan<byte> utf8Day, string eventId)
    {
        var reader = new Utf8JsonReader(utf8Day, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isInteractions = reader.ValueTextEquals(InteractionsName);
            reader.Read();
            if (!isInteractions || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isEventId = reader.ValueTextEquals(EventIdName);
                    reader.Read();
                    if (isEventId && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(eventId)) return true;
                    reader.Skip();
                }
            }
            return false;
        }
        return false;
    }

    private static byte[] JsonName<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string member) =>
        System.Text.Encoding.UTF8.GetBytes(type.Properties.Single(p => (p.AttributeProvider as MemberInfo)?.Name == member).Name);
}
