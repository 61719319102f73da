using Kaireon.Core.QualificationRules;
using Kaireon.Functions.Catalog;

namespace Kaireon.Functions.QualificationRules;

public static class QualificationRuleEndpoints
{
    /// <summary>CRUD through the generic catalog handlers: the typed configs, their validation and references live in <see cref="QualificationRule.Kind"/>.</summary>
    public static RouteGroupBuilder MapQualificationRuleEndpoints(this IEndpointRouteBuilder api) => api.MapCatalogResource(QualificationRule.Kind);
}
