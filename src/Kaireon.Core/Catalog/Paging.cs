using System.Text;

namespace Kaireon.Core.Catalog;

/// <summary>One page of a list: <c>{ data, pagination: { cursor, hasMore, total } }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, Pagination Pagination);

public sealed record Pagination(string? Cursor, bool HasMore, int Total);

/// <summary>
/// Keyset paging over items sorted by a string key: the opaque cursor is the last key served, so
/// items created or deleted between pages neither repeat nor shift the rest.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static Page<T> Of<T>(IEnumerable<T> items, Func<T, string> key, int limit, string? cursor)
    {
        var sorted = items.OrderBy(key, StringComparer.Ordinal).ToList();
        var after = cursor is null ? null : DecodeCursor(cursor);
        var rest = after is null ? sorted : sorted.Where(i => string.CompareOrdinal(key(i), after) > 0).ToList();
        var page = rest.Take(limit).ToList();
        var hasMore = rest.Count > page.Count;
        return new Page<T>(page, new Pagination(hasMore ? EncodeCursor(key(page[^1])) : null, hasMore, sorted.Count));
    }

    /// <summary>A sort key that lists time-stamped records newest first (ties by id) under <see cref="Of{T}"/>.</summary>
    public static string NewestFirst(DateTimeOffset at, string id) => $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}|{id}";

    /// <summary>The key a cursor stands for, or null when it is not a cursor this API issued.</summary>
    public static string? DecodeCursor(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("k:", StringComparison.Ordinal) ? text[2..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string EncodeCursor(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("k:" + key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
