using Kaireon.Core.Storage;
using static Kaireon.Storage.Tests.Contract.Docs;

namespace Kaireon.Storage.Tests.Contract;

/// <summary>What every <see cref="ICatalogStore"/> adapter does. Subclasses only supply the stores.</summary>
public abstract class CatalogStoreContract
{
    protected abstract StoreSet Stores { get; }

    private ICatalogStore Store => Stores.Catalog;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Created_document_reads_back_with_body_refs_and_a_quoted_etag()
    {
        var tenant = NewTenant();
        var created = await Store.CreateAsync(Doc(tenant, "offer", "o1", new { name = "Gold", priority = 70 }, "category/cards"), Ct);

        Assert.Equal(WriteStatus.Ok, created.Status);
        var found = await Store.FindAsync(tenant, "offer", "o1", Ct);
        Assert.NotNull(found);
        Assert.Equal("Gold", Name(found));
        Assert.Equal(70, found.Body.GetProperty("priority").GetInt32());
        Assert.Equal(["category/cards"], found.Refs);
        Assert.StartsWith("\"", found.Etag);
        Assert.EndsWith("\"", found.Etag);
        Assert.Equal(created.Document!.Etag, found.Etag);
    }

    [Fact]
    public async Task Missing_document_reads_as_null()
    {
        Assert.Null(await Store.FindAsync(NewTenant(), "offer", "nope", Ct));
    }

    [Fact]
    public async Task Creating_an_existing_id_conflicts_and_keeps_the_first()
    {
        var tenant = NewTenant();
        await Store.CreateAsync(Doc(tenant, "offer", "o1", new { name = "first" }), Ct);

        var second = await Store.CreateAsync(Doc(tenant, "offer", "o1", new { name = "second" }), Ct);

        Assert.Equal(WriteStatus.Conflict, second.Status);
        Assert.Equal("first", Name(await Store.FindAsync(tenant, "offer", "o1", Ct)));
    }

    [Fact]
    public async Task The_same_id_may_exist_in_two_kinds_and_two_tenants()
    {
        var a = NewTenant();
        var b = NewTenant();
        Assert.True((await Store.CreateAsync(Doc(a, "offer", "x", new { name = "a offer" }), Ct)).Ok);
        Assert.True((await Store.CreateAsync(Doc(a, "channel", "x", new { name = "a channel" }), Ct)).Ok);
        Assert.True((await Store.CreateAsync(Doc(b, "offer", "x", new { name = "b offer" }), Ct)).Ok);

        Assert.Equal("a offer", Name(await Store.FindAsync(a, "offer", "x", Ct)));
        Assert.Equal("a channel", Name(await Store.FindAsync(a, "channel", "x", Ct)));
        Assert.Equal("b offer", Name(await Store.FindAsync(b, "offer", "x", Ct)));
    }

    [Fact]
    public async Task Another_tenants_document_is_not_found_and_not_listed()
    {
        var owner = NewTenant();
        var other = NewTenant();
        await Store.CreateAsync(Doc(owner, "offer", "secret"), Ct);

        Assert.Null(await Store.FindAsync(other, "offer", "secret", Ct));
        Assert.Empty(await Store.ListAsync(other, "offer", Ct));
        Assert.Empty(await Store.FindReferencingAsync(other, "offer/secret", Ct));
    }

    [Fact]
    public async Task List_returns_every_document_of_the_kind_in_the_tenant_only()
    {
        var tenant = NewTenant();
        var other = NewTenant();
        for (var i = 0; i < 130; i++) await Store.CreateAsync(Doc(tenant, "offer", $"o{i:000}"), Ct);
        await Store.CreateAsync(Doc(tenant, "channel", "c1"), Ct);
        await Store.CreateAsync(Doc(other, "offer", "o999"), Ct);

        var listed = await Store.ListAsync(tenant, "offer", Ct);

        Assert.Equal(130, listed.Count);
        Assert.All(listed, d => Assert.Equal(("offer", tenant), (d.Kind, d.Tenant)));
        Assert.Equal(Enumerable.Range(0, 130).Select(i => $"o{i:000}"), listed.Select(d => d.Id).Order());
    }

    [Fact]
    public async Task Replace_with_the_current_etag_writes_and_changes_the_etag()
    {
        var tenant = NewTenant();
        var created = (await Store.CreateAsync(Doc(tenant, "offer", "o1", new { name = "v1" }), Ct)).Document!;

        var replaced = await Store.ReplaceAsync(Doc(tenant, "offer", "o1", new { name = "v2" }, "category/c2"), created.Etag, Ct);

        Assert.Equal(WriteStatus.Ok, replaced.Status);
        Assert.NotEqual(created.Etag, replaced.Document!.Etag);
        var found = await Store.FindAsync(tenant, "offer", "o1", Ct);
        Assert.Equal("v2", Name(found));
        Assert.Equal(["category/c2"], found!.Refs);
        Assert.Equal(replaced.Document.Etag, found.Etag);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_fails_and_changes_nothing()
    {
        var tenant = NewTenant();
        var created = (await Store.CreateAsync(Doc(tenant, "offer", "o1", new { name = "v1" }), Ct)).Document!;
        await Store.ReplaceAsync(Doc(tenant, "offer", "o1", new { name = "v2" }), created.Etag, Ct);

        var stale = await Store.ReplaceAsync(Doc(tenant, "offer", "o1", new { name = "v3" }), created.Etag, Ct);

        Assert.Equal(WriteStatus.PreconditionFailed, stale.Status);
        Assert.Equal("v2", Name(await Store.FindAsync(tenant, "offer", "o1", Ct)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    public async Task Replace_without_a_precondition_overwrites(string? ifMatch)
    {
        var tenant = NewTenant();
        await Store.CreateAsync(Doc(tenant, "offer", "o1", new { name = "v1" }), Ct);

        var replaced = await Store.ReplaceAsync(Doc(tenant, "offer", "o1", new { name = "v2" }), ifMatch, Ct);

        Assert.Equal(WriteStatus.Ok, replaced.Status);
        Assert.Equal("v2", Name(await Store.FindAsync(tenant, "offer", "o1", Ct)));
    }

    [Fact]
    public async Task Replace_of_a_missing_or_foreign_document_is_not_found()
    {
        var owner = NewTenant();
        var other = NewTenant();
        await Store.CreateAsync(Doc(owner, "offer", "o1", new { name = "owner's" }), Ct);

        Assert.Equal(WriteStatus.NotFound, (await Store.ReplaceAsync(Doc(owner, "offer", "missing"), null, Ct)).Status);
        Assert.Equal(WriteStatus.NotFound, (await Store.ReplaceAsync(Doc(other, "offer", "o1", new { name = "stolen" }), null, Ct)).Status);
        Assert.Equal("owner's", Name(await Store.FindAsync(owner, "offer", "o1", Ct)));
        Assert.Null(await Store.FindAsync(other, "offer", "o1", Ct));
    }

    [Fact]
    public async Task Delete_removes_once_then_is_not_found()
    {
        var tenant = NewTenant();
        await Store.CreateAsync(Doc(tenant, "offer", "o1"), Ct);

        Assert.Equal(WriteStatus.Ok, await Store.DeleteAsync(tenant, "offer", "o1", null, Ct));
        Assert.Null(await Store.FindAsync(tenant, "offer", "o1", Ct));
        Assert.Equal(WriteStatus.NotFound, await Store.DeleteAsync(tenant, "offer", "o1", null, Ct));
        Assert.True((await Store.CreateAsync(Doc(tenant, "offer", "o1"), Ct)).Ok);
    }

    [Fact]
    public async Task Delete_honours_the_etag_and_the_tenant()
    {
        var owner = NewTenant();
        var other = NewTenant();
        var created = (await Store.CreateAsync(Doc(owner, "offer", "o1"), Ct)).Document!;
        var replaced = (await Store.ReplaceAsync(Doc(owner, "offer", "o1"), null, Ct)).Document!;

        Assert.Equal(WriteStatus.PreconditionFailed, await Store.DeleteAsync(owner, "offer", "o1", created.Etag, Ct));
        Assert.Equal(WriteStatus.NotFound, await Store.DeleteAsync(other, "offer", "o1", null, Ct));
        Assert.NotNull(await Store.FindAsync(owner, "offer", "o1", Ct));
        Assert.Equal(WriteStatus.Ok, await Store.DeleteAsync(owner, "offer", "o1", replaced.Etag, Ct));
    }

    [Fact]
    public async Task Referencing_documents_of_any_kind_are_found_in_the_tenant()
    {
        var tenant = NewTenant();
        var other = NewTenant();
        await Store.CreateAsync(Doc(tenant, "category", "cards"), Ct);
        await Store.CreateAsync(Doc(tenant, "offer", "o1", null, "category/cards", "sub_category/gold"), Ct);
        await Store.CreateAsync(Doc(tenant, "sub_category", "gold", null, "category/cards"), Ct);
        await Store.CreateAsync(Doc(tenant, "offer", "o2", null, "category/loans"), Ct);
        await Store.CreateAsync(Doc(other, "offer", "o3", null, "category/cards"), Ct);

        var dependents = await Store.FindReferencingAsync(tenant, "category/cards", Ct);

        Assert.Equal(["offer/o1", "sub_category/gold"], dependents.Select(d => d.Reference).Order());
    }

    [Fact]
    public async Task Initialize_is_idempotent_and_the_store_is_ready()
    {
        await Stores.Health.InitializeAsync(Ct);
        await Stores.Health.InitializeAsync(Ct);
        Assert.True(await Stores.Health.IsReadyAsync(Ct));
    }
}
