using System.Text;

namespace Kaireon.Core.Interactions;

/// <summary>
/// The finest grouping of interactions: every summary dimension at once. Tenant-wide rollups keep
/// one cell per key and day, so any summary definition is a projection of them, and a new or
/// changed definition reads all history at once, with no backfill.
/// </summary>
public sealed record InteractionKey(
    string? OfferId,
    string? CreativeId,
    string? CategoryId,
    string? SubCategoryId,
    string? ChannelId,
    string? PlacementType,
    Direction? Direction,
    string Outcome)
{
    public static InteractionKey Of(Interaction i) =>
        new(i.OfferId, i.CreativeId, i.CategoryId, i.SubCategoryId, i.ChannelId, i.PlacementType, i.Direction, i.Type);

    /// <summary>A stable text form, used as the key of a row in a stored rollup.</summary>
    public string ToRowKey()
    {
        var text = new StringBuilder();
        foreach (var part in (string?[])[OfferId, CreativeId, CategoryId, SubCategoryId, ChannelId, PlacementType, Direction?.ToString(), Outcome])
        {
            // \u001f (unit separator) cannot occur in ids, keys or slot types.
            text.Append(part).Append('\u001f');
        }
        return text.ToString();
    }
}
