using Kaireon.Core.Catalog;

namespace Kaireon.Core.Tests.Catalog;

public sealed class PagingTests
{
    private static readonly string[] Ids = [.. Enumerable.Range(0, 45).Select(i => $"id-{i:00}").Reverse()];

    [Fact]
    public void Pages_follow_each_other_in_id_order_without_gaps_or_repeats()
    {
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = Paging.Of(Ids, id => id, 20, cursor);
            seen.AddRange(page.Data);
            Assert.Equal(45, page.Pagination.Total);
            Assert.Equal(page.Pagination.HasMore, page.Pagination.Cursor is not null);
            cursor = page.Pagination.Cursor;
        }
        while (cursor is not null);

        Assert.Equal(Ids.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public void A_cursor_survives_the_deletion_of_the_item_it_names()
    {
        var first = Paging.Of(Ids, id => id, 10, null);
        var remaining = Ids.Where(id => id != first.Data[^1]);

        var second = Paging.Of(remaining, id => id, 10, first.Pagination.Cursor);

        Assert.Equal("id-10", second.Data[0]);
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("aGVsbG8")]
    [InlineData("")]
    public void Foreign_cursors_are_rejected(string cursor) => Assert.Null(Paging.DecodeCursor(cursor));

    [Fact]
    public void Cursors_round_trip_any_key() =>
        Assert.Equal("key/with+odd=chars", Paging.DecodeCursor(Paging.EncodeCursor("key/with+odd=chars")));
}
