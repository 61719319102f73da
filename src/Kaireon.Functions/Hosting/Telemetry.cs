using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kaireon.Functions.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics for ASP.NET Core and outgoing HTTP, exported to Azure Monitor
/// when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set and over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is; with neither, nothing leaves the process.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "kaireon";

    public static IServiceCollection AddKaireonTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var appInsights = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var otlp = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health"))
                 .AddHttpClientInstrumentation()
                 .AddSource(ServiceName);
                if (!string.IsNullOrEmpty(appInsights)) t.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights);
                if (!string.IsNullOrEmpty(otlp)) t.AddOtlpExporter();
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(ServiceName);
                if (!string.IsNullOrEmpty(appInsights)) m.AddAzureMonitorMetricExporter(o => o.ConnectionString = appInsights);
                if (!string.IsNullOrEmpty(otlp)) m.AddOtlpExporter();
            });
        return services;
    }
}
