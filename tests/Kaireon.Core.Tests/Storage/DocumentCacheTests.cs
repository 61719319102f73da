using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Tests.Storage;

/// <summary>
/// A cache's <see cref="DocumentCache{T}.KnownOnly"/> view: it keeps the documents the cache holds
/// current and adds no other, so the stream's own versions never fill the cache Respond relies on.
/// </summary>
public sealed class DocumentCacheTests
{
    private static readonly DocumentPartition Customer = new(TenantId.Parse("t-cache"), "c-1");
    private static readonly UtcDay Day = UtcDay.Of(new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_document_read_through_the_known_only_view_is_not_added()
    {
        var cache = new CustomerDayCache();
        var stored = Stored(Version(), "\"v1\"");

        var first = cache.KnownOnly.Resolve(Customer, Day.DocumentId, stored, KaireonJson.Default.CustomerDay);
        var again = cache.Resolve(Customer, Day.DocumentId, stored, KaireonJson.Default.CustomerDay);

        Assert.NotNull(first.Value);
        Assert.NotSame(first.Value, again.Value); // deserialized twice: the view kept nothing
    }

    [Fact]
    public void A_version_written_through_the_known_only_view_is_not_added()
    {
        var cache = new CustomerDayCache();
        var written = Version("e-1");

        cache.KnownOnly.Remember(Customer, Day.DocumentId, "\"v1\"", written);

        Assert.NotSame(written, cache.Resolve(Customer, Day.DocumentId, Stored(written, "\"v1\""), KaireonJson.Default.CustomerDay).Value);
    }

    [Fact]
    public void A_cached_document_written_through_the_known_only_view_is_replaced_by_the_new_version()
    {
        var cache = new CustomerDayCache();
        cache.Remember(Customer, Day.DocumentId, "\"v1\"", Version("e-1"));
        var next = Version("e-1", "e-2");

        cache.KnownOnly.Remember(Customer, Day.DocumentId, "\"v2\"", next);

        Assert.Same(next, cache.Resolve(Customer, Day.DocumentId, Stored(next, "\"v2\""), KaireonJson.Default.CustomerDay).Value);
        Assert.Same(next, cache.KnownOnly.Resolve(Customer, Day.DocumentId, Stored(next, "\"v2\""), KaireonJson.Default.CustomerDay).Value);
    }

    private static CustomerDay Version(params string[] eventIds) => new()
    {
        CustomerId = Customer.Key,
        Day = Day,
        Interactions = [.. eventIds.Select(id => new Interaction { EventId = id, CustomerId = Customer.Key, Type = "click", Timestamp = new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.Zero) })],
    };

    private static PartitionedDocument Stored(CustomerDay day, string etag) => new()
    {
        Partition = Customer,
        Id = Day.DocumentId,
        Etag = etag,
        Utf8Body = JsonSerializer.SerializeToUtf8Bytes(day, KaireonJson.Default.CustomerDay),
    };
}
