using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kaireon.Functions.Hosting;

/// <summary>Documents the two ways to send a key (X-API-Key, Authorization: Bearer) in the OpenAPI document.</summary>
public sealed class ApiKeySecurityScheme : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-Key",
            Description = "A Kaireon API key (krn_...). Authorization: Bearer <key> works too.",
        };
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The same API key as a bearer token.",
        };
        document.Info.Title = "Kaireon";
        document.Info.Description = "Next-Best-Action decisioning: catalog, rules, Recommend and Respond.";
        return Task.CompletedTask;
    }
}
