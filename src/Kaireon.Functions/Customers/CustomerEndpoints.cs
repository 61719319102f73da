using Kaireon.Core.Catalog;
using Kaireon.Core.Customers;
using Kaireon.Core.Json;
using Kaireon.Core.Tenancy;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.Customers;

public static class CustomerEndpoints
{
    /// <summary>
    /// <c>PUT /customers/{id}</c> (admin or runtime: apps keep profiles current) and
    /// <c>GET /customers/{id}</c> (read, admin or runtime), with ETag / If-Match like the catalog.
    /// Profiles are customer data, not configuration, so they are not in the audit log.
    /// </summary>
    public static RouteGroupBuilder MapCustomerEndpoints(this IEndpointRouteBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapGet("/{id}", GetProfile)
            .RequireScopes(ApiScope.Read, ApiScope.Admin, ApiScope.Runtime)
            .Produces<CustomerProfile>().ProducesProblem(StatusCodes.Status404NotFound);
        customers.MapPut("/{id}", PutProfile)
            .RequireScopes(ApiScope.Admin, ApiScope.Runtime)
            .Accepts<CustomerProfileInput>("application/json")
            .Produces<CustomerProfile>().Produces<CustomerProfile>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return customers;
    }

    private static async Task<IResult> GetProfile(string id, Caller caller, CustomerProfiles profiles, HttpResponse response, CancellationToken ct)
    {
        var profile = await profiles.FindAsync(caller.Tenant, id, ct);
        return HttpResults.From(profile is null ? CatalogResult<CustomerProfile>.NotFound() : new(CatalogOutcome.Ok, profile), response, p => p.Etag);
    }

    private static async Task<IResult> PutProfile(string id, Caller caller, CustomerProfiles profiles, HttpRequest request, CancellationToken ct)
    {
        var input = await JsonBody.ReadAsync(request, KaireonJson.Default.CustomerProfileInput, ct);
        var result = await profiles.SaveAsync(caller.Tenant, id, input, HttpResults.IfMatch(request), ct);
        return HttpResults.From(result, request.HttpContext.Response, p => p.Etag, p => $"{request.PathBase}/api/v1/customers/{Uri.EscapeDataString(p.Id)}");
    }
}
