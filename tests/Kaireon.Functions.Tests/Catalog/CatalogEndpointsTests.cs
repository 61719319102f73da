using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Kaireon.Functions.Tests.Catalog.CatalogSamples;

namespace Kaireon.Functions.Tests.Catalog;

public sealed class CatalogEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    public static TheoryData<string> Resources => new(Routes);

    private async Task<HttpClient> SeededAdminAsync()
    {
        var admin = (await app.NewTenantAsync()).Admin();
        await SeedAsync(admin);
        return admin;
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task Every_resource_creates_reads_replaces_and_deletes(string route)
    {
        using var admin = await SeededAdminAsync();

        var create = await admin.PostAsJsonAsync($"/api/v1/{route}", ValidBody(route));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var created = (await create.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (string)created["id"]!;
        Assert.Equal($"/api/v1/{route}/{id}", create.Headers.Location!.OriginalString);
        Assert.Equal((string)created["etag"]!, create.Headers.ETag!.Tag);
        Assert.NotNull(created["createdAt"]);

        var read = await admin.GetAsync($"/api/v1/{route}/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(create.Headers.ETag, read.Headers.ETag);

        var (field, value) = Change(route);
        var changed = ValidBody(route);
        changed[field] = value.DeepClone();
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/{route}/{id}") { Content = JsonContent.Create(changed) };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        var replaced = await admin.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var after = (await replaced.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(value.ToJsonString(), after[field]!.ToJsonString());
        Assert.Equal(created["createdAt"]!.ToJsonString(), after["createdAt"]!.ToJsonString());
        Assert.NotEqual(created["etag"]!.ToString(), after["etag"]!.ToString());

        var listed = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{route}?limit=100");
        Assert.Contains(listed!["data"]!.AsArray(), e => (string)e!["id"]! == id);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/{route}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/{route}/{id}")).StatusCode);
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task A_stale_if_match_answers_412_and_changes_nothing(string route)
    {
        using var admin = await SeededAdminAsync();
        var created = await PostAsync(admin, route, ValidBody(route));
        var id = (string)created["id"]!;
        var first = ValidBody(route);
        first[Change(route).Field] = Change(route).Value.DeepClone();
        (await admin.PutAsJsonAsync($"/api/v1/{route}/{id}", first)).EnsureSuccessStatusCode();

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/{route}/{id}") { Content = JsonContent.Create(ValidBody(route)) };
        stale.Headers.IfMatch.Add(EntityTagHeaderValue.Parse((string)created["etag"]!));
        var response = await admin.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var current = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{route}/{id}");
        Assert.Equal(Change(route).Value.ToJsonString(), current![Change(route).Field]!.ToJsonString());
        var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/{route}/{id}");
        delete.Headers.IfMatch.Add(EntityTagHeaderValue.Parse((string)created["etag"]!));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(delete)).StatusCode);
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task A_duplicate_id_answers_409(string route)
    {
        using var admin = await SeededAdminAsync();
        var body = ValidBody(route);
        body["id"] = route == "outcome-types" ? "share" : "dup-1";
        await PostAsync(admin, route, body);

        var again = await admin.PostAsJsonAsync($"/api/v1/{route}", body);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("categories", "cards")]
    [InlineData("sub-categories", "gold")]
    [InlineData("channels", "web")]
    [InlineData("placements", "hero")]
    [InlineData("offers", "o1")]
    public async Task Deleting_a_referenced_entity_answers_409_naming_the_dependents(string route, string id)
    {
        using var admin = await SeededAdminAsync();
        await PostAsync(admin, "creatives", new JsonObject { ["id"] = "cr1", ["name"] = "c", ["offerId"] = "o1", ["channelId"] = "web", ["placementId"] = "hero" });

        var response = await admin.DeleteAsync($"/api/v1/{route}/{id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("referenced by", (string)problem!["detail"]!);
        Assert.Equal("CONFLICT", (string)problem["code"]!);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/{route}/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_reference_to_a_missing_entity_answers_422_naming_the_field()
    {
        using var admin = await SeededAdminAsync();
        var offer = ValidBody("offers");
        offer["categoryId"] = "nope";

        var response = await admin.PostAsJsonAsync("/api/v1/offers", offer);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("categoryId", problem!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Cross_entity_rules_are_checked_sub_category_placement_and_custom_fields()
    {
        using var admin = await SeededAdminAsync();
        await PostAsync(admin, "categories", new JsonObject { ["id"] = "loans", ["name"] = "Loans" });
        await PostAsync(admin, "channels", new JsonObject { ["id"] = "email", ["name"] = "Email", ["type"] = "email" });

        var offer = ValidBody("offers");
        offer["categoryId"] = "loans";
        offer["customFields"] = new JsonObject { ["annualFee"] = "free", ["unknown"] = 1 };
        var offerProblem = await (await admin.PostAsJsonAsync("/api/v1/offers", offer)).Content.ReadFromJsonAsync<JsonObject>();
        var creative = ValidBody("creatives");
        creative["channelId"] = "email";
        var creativeResponse = await admin.PostAsJsonAsync("/api/v1/creatives", creative);
        var wrongType = ValidBody("offers");
        wrongType["customFields"] = new JsonObject { ["annualFee"] = "free", ["tier"] = "bronze" };
        var typeProblem = await (await admin.PostAsJsonAsync("/api/v1/offers", wrongType)).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Contains("subCategoryId", offerProblem!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, creativeResponse.StatusCode);
        Assert.Equal(["customFields.annualFee", "customFields.tier"], typeProblem!["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task Lists_page_with_an_opaque_cursor_and_a_total()
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        for (var i = 0; i < 25; i++) await PostAsync(admin, "channels", new JsonObject { ["id"] = $"ch-{i:00}", ["name"] = $"Channel {i}", ["type"] = "web" });

        var first = await admin.GetFromJsonAsync<JsonObject>("/api/v1/channels?limit=10");
        var cursor = (string)first!["pagination"]!["cursor"]!;
        var second = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/channels?limit=10&cursor={cursor}");
        var third = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/channels?limit=10&cursor={(string)second!["pagination"]!["cursor"]!}");
        var defaults = await admin.GetFromJsonAsync<JsonObject>("/api/v1/channels");

        var ids = new[] { first, second, third }.SelectMany(p => p!["data"]!.AsArray().Select(e => (string)e!["id"]!)).ToList();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"ch-{i:00}"), ids);
        Assert.Equal(25, (int)first["pagination"]!["total"]!);
        Assert.True((bool)second["pagination"]!["hasMore"]!);
        Assert.False((bool)third!["pagination"]!["hasMore"]!);
        Assert.Equal(20, defaults!["data"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/channels?limit=101")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/channels?cursor=bogus!")).StatusCode);
    }

    [Fact]
    public async Task Every_tenant_starts_with_the_ten_default_outcome_types_which_cannot_be_deleted()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var list = await admin.GetFromJsonAsync<JsonObject>("/api/v1/outcome-types");
        var keys = list!["data"]!.AsArray().Select(e => (string)e!["key"]!).Order().ToArray();
        var delete = await admin.DeleteAsync("/api/v1/outcome-types/click");
        var convert = await admin.GetFromJsonAsync<JsonObject>("/api/v1/outcome-types/convert");

        Assert.Equal(["accept", "click", "convert", "delivery", "dismiss", "impression", "open", "reject", "unsubscribed", "view"], keys);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal("conversion", (string)convert!["category"]!);
        Assert.True((bool)convert["isSystemDefault"]!);
    }

    [Fact]
    public async Task Client_ids_are_kept_and_missing_ids_are_generated_with_the_prefix()
    {
        using var admin = await SeededAdminAsync();
        var body = ValidBody("offers");
        var generated = await PostAsync(admin, "offers", body);
        body["id"] = "my-offer_1";
        var given = await PostAsync(admin, "offers", body);
        body["id"] = "Not Valid";
        var invalid = await admin.PostAsJsonAsync("/api/v1/offers", body);

        Assert.StartsWith("offer_", (string)generated["id"]!);
        Assert.Equal("my-offer_1", (string)given["id"]!);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }
}
