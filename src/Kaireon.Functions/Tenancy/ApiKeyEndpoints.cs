using Kaireon.Core.Tenancy;
using Kaireon.Functions.Hosting;

namespace Kaireon.Functions.Tenancy;

public static class ApiKeyEndpoints
{
    public sealed record CreateApiKeyRequest(string? Name, List<ApiScope>? Scopes);

    /// <summary>The one answer that holds the secret: <c>key</c> is never shown again.</summary>
    public sealed record ApiKeyCreated(string Id, string Name, List<ApiScope> Scopes, string Key, string Prefix, DateTimeOffset CreatedAt);

    public static RouteGroupBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys").RequireScopes(ApiScope.Admin);
        keys.MapGet("/", ListKeys).Produces<Kaireon.Core.Catalog.Page<ApiKey>>().ProducesValidationProblem();
        keys.MapPost("/", CreateKey).Produces<ApiKeyCreated>(StatusCodes.Status201Created).ProducesValidationProblem();
        keys.MapDelete("/{id}", RevokeKey).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return keys;
    }

    private static async Task<IResult> ListKeys(Caller caller, ApiKeyService keys, string? limit, string? cursor, CancellationToken ct)
    {
        if (!PageQuery.TryParse(limit, cursor, out var page, out var errors)) return HttpResults.Validation(errors);
        return Results.Ok(await keys.ListAsync(caller.Tenant, page.Limit, page.Cursor, ct));
    }

    /// <summary>
    /// Scopes are the caller's to give only within its tenant: <c>platform</c> (creating tenants) is
    /// never granted through this endpoint.
    /// </summary>
    private static async Task<IResult> CreateKey(CreateApiKeyRequest body, Caller caller, ApiKeyService keys, HttpResponse response, CancellationToken ct)
    {
        if (body.Scopes?.Contains(ApiScope.Platform) == true)
        {
            var errors = new Kaireon.Core.Validation.ValidationErrors();
            errors.Add("scopes", "must be admin, runtime or read: platform keys are not issued per tenant.");
            return HttpResults.Validation(errors);
        }
        var result = await keys.CreateAsync(caller.Tenant, body.Name, body.Scopes, caller.Actor, ct);
        return HttpResults.From(result, response,
            location: i => $"/api/v1/api-keys/{i.Key.Id}",
            body: i => new ApiKeyCreated(i.Key.Id!, i.Key.Name, i.Key.Scopes!, i.Secret, i.Key.Prefix!, i.Key.CreatedAt));
    }

    private static async Task<IResult> RevokeKey(string id, Caller caller, ApiKeyService keys, HttpResponse response, CancellationToken ct) =>
        HttpResults.From(await keys.RevokeAsync(caller.Tenant, id, caller.Actor, ct), response);
}
