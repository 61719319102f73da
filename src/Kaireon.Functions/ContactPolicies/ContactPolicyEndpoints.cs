using Kaireon.Core.ContactPolicies;
using Kaireon.Functions.Catalog;

namespace Kaireon.Functions.ContactPolicies;

public static class ContactPolicyEndpoints
{
    /// <summary>CRUD through the generic catalog handlers: the typed configs, their validation and references live in <see cref="ContactPolicy.Kind"/>.</summary>
    public static RouteGroupBuilder MapContactPolicyEndpoints(this IEndpointRouteBuilder api) => api.MapCatalogResource(ContactPolicy.Kind);
}
