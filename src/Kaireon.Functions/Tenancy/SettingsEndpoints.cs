using Kaireon.Core.Catalog;
using Kaireon.Core.Tenancy;
using Kaireon.Functions.Hosting;

namespace Kaireon.Functions.Tenancy;

public static class SettingsEndpoints
{
    public static RouteGroupBuilder MapSettingsEndpoints(this IEndpointRouteBuilder api)
    {
        var settings = api.MapGroup("/settings").WithTags("Settings");
        settings.MapGet("/", GetSettings).RequireConfigRead().Produces<TenantSettings>();
        settings.MapPut("/", PutSettings).RequireConfigWrite().Produces<TenantSettings>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return settings;
    }

    private static async Task<IResult> GetSettings(Caller caller, CatalogService catalog, HttpResponse response, CancellationToken ct)
    {
        var settings = await catalog.FindAsync(TenantSettings.Kind, caller.Tenant, TenantSettings.DocumentId, ct)
            ?? new TenantSettings { Id = TenantSettings.DocumentId };
        return HttpResults.From(new CatalogResult<TenantSettings>(CatalogOutcome.Ok, settings), response, s => s.Etag);
    }

    /// <summary>Replaces the settings; omitted fields take their defaults. Creates them for a tenant provisioned before they existed.</summary>
    private static async Task<IResult> PutSettings(TenantSettings body, Caller caller, CatalogService catalog, HttpRequest request, CancellationToken ct)
    {
        var result = await catalog.ReplaceAsync(TenantSettings.Kind, caller.Tenant, TenantSettings.DocumentId, body with { Id = null }, HttpResults.IfMatch(request), caller.Actor, ct);
        if (result.Outcome == CatalogOutcome.NotFound)
        {
            var created = await catalog.CreateAsync(TenantSettings.Kind, caller.Tenant, body with { Id = TenantSettings.DocumentId }, caller.Actor, ct);
            result = created with { Outcome = created.Outcome == CatalogOutcome.Created ? CatalogOutcome.Ok : created.Outcome };
        }
        return HttpResults.From(result, request.HttpContext.Response, s => s.Etag);
    }
}
