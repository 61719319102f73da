using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Kaireon.Functions.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the store answers too.
    /// <c>GET /</c> answers as well, because the Functions host probes it for readiness.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).WithTags("Health");
        app.MapGet("/", () => Results.Ok(new { service = "kaireon", docs = "/scalar", openApi = "/openapi/v1.json" }))
            .ExcludeFromDescription();
        return app;
    }
}
