using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Randomness;
using Kaireon.Functions.Hosting.Invocations;
using Kaireon.Functions.Hosting.Scheduling;
using Kaireon.Functions.Tenancy;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Kaireon.Functions.Hosting;

/// <summary>What the host adds around the API: URLs, JSON, problem details, limits, OpenAPI, telemetry.</summary>
public static class KaireonHosting
{
    public static WebApplicationBuilder AddKaireonHosting(this WebApplicationBuilder builder)
    {
        HostingMode.ConfigureUrls(builder);
        var services = builder.Services;

        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InteractionOptions>().BindConfiguration(InteractionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // One random source for all decisioning draws; a configured seed makes runs repeatable.
        services.AddOptions<RandomnessOptions>().BindConfiguration(RandomnessOptions.Section);
        services.AddSingleton<IRandomSource>(sp => SeededRandomSource.FromOptions(sp.GetRequiredService<IOptions<RandomnessOptions>>().Value));
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, KaireonJson.Default);
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.MaxDepth = 64;
        });
        // Binding failures throw so BadRequestExceptionHandler can name the field and position.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("code", ErrorCodes.For(c.ProblemDetails.Status));
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecurityScheme>());
        services.AddKaireonTelemetry(builder.Configuration);
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        if (!HostingMode.IsCustomHandler(builder.Configuration))
        {
            // Standalone, timers are ours to run; under Functions the host's Timer trigger runs them.
            foreach (var schedule in FunctionSchedule.ReadAll(AppContext.BaseDirectory)) services.AddSingleton(schedule);
            services.AddHostedService<StandaloneScheduler>();
        }
        return builder;
    }

    public static WebApplication UseKaireonHosting(this WebApplication app)
    {
        // First: an enveloped HTTP request (POST /Api from a host that neither proxies nor forwards)
        // then runs through everything below exactly like a direct request, error pages included.
        app.UseFunctionEnvelope();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseMiddleware<RequestBodyLimit>());
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantHeaderCheck>();
        app.UseAuthorization();
        return app;
    }
}
