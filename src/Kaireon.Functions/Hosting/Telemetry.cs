using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kaireon.Functions.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics for ASP.NET Core and outgoing HTTP, exported to Azure Monitor
/// when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set and over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is; with neither, nothing leaves the process. With
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>Authorization=AAD;ClientId=…</c>, as the
/// Functions host reads it) the exporter authenticates with that managed identity, which an
/// Application Insights resource with local authentication off requires.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "kaireon";

    public static IServiceCollection AddKaireonTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var appInsights = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var otlp = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var credential = EntraCredential(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health"))
                 .AddHttpClientInstrumentation()
                 .AddSource(ServiceName);
                if (!string.IsNullOrEmpty(appInsights)) t.AddAzureMonitorTraceExporter(o => { o.ConnectionString = appInsights; o.Credential = credential; });
                if (!string.IsNullOrEmpty(otlp)) t.AddOtlpExporter();
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(ServiceName);
                if (!string.IsNullOrEmpty(appInsights)) m.AddAzureMonitorMetricExporter(o => { o.ConnectionString = appInsights; o.Credential = credential; });
                if (!string.IsNullOrEmpty(otlp)) m.AddOtlpExporter();
            });
        return services;
    }

    /// <summary>The managed identity an authentication string names (user-assigned by ClientId, else system-assigned); null without Entra authorization.</summary>
    internal static TokenCredential? EntraCredential(string? authentication)
    {
        var parts = (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase)) return null;
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
