using Kaireon.Core.Tenancy;
using Kaireon.Functions.Hosting;

namespace Kaireon.Functions.Tenancy;

public static class TenantEndpoints
{
    /// <summary>The answer to a new tenant: its id, name and first admin key (shown only here).</summary>
    public sealed record TenantCreated(string Id, string Name, string ApiKey, DateTimeOffset CreatedAt);

    public static RouteGroupBuilder MapTenantEndpoints(this IEndpointRouteBuilder api)
    {
        var tenants = api.MapGroup("/tenants").WithTags("Tenants").RequireScopes(ApiScope.Platform);
        tenants.MapPost("/", CreateTenant)
            .Produces<TenantCreated>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return tenants;
    }

    /// <summary>Creates a tenant with its defaults and answers its first admin key, shown only here.</summary>
    private static async Task<IResult> CreateTenant(Tenant body, Caller caller, TenantProvisioner provisioner, HttpResponse response, CancellationToken ct)
    {
        var result = await provisioner.CreateAsync(body, caller.Actor, ct);
        return HttpResults.From(result, response,
            location: c => $"/api/v1/tenants/{c.Tenant.Id}",
            body: c => new TenantCreated(c.Tenant.Id!, c.Tenant.Name, c.ApiKey, c.Tenant.CreatedAt));
    }
}
