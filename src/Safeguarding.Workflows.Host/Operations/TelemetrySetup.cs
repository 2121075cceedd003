using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Safeguarding.Workflows.Orchestration.Telemetry;

namespace Safeguarding.Workflows.Host.Operations;

/// <summary>
/// OpenTelemetry traces and metrics: ASP.NET Core, Orleans, and the service's own meter (processes started, deadlines
/// met/missed, emails sent/failed, queue depth). Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and
/// to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set. With neither set nothing is
/// collected: spans and metric points made for no exporter are work (and metric-point arrays per instrument, of which
/// Orleans has many) that nobody reads.
/// </summary>
public static class TelemetrySetup
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var appInsights = builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (!otlp && string.IsNullOrWhiteSpace(appInsights))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("safeguarding-workflows"))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.RecordException = true)
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", WorkflowMetrics.MeterName);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }

                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddMeter(WorkflowMetrics.MeterName, "Microsoft.Orleans");
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = appInsights);
                }
            });
        return builder;
    }
}
