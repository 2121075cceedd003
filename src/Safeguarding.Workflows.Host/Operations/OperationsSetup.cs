using Orleans.Dashboard;

namespace Safeguarding.Workflows.Host.Operations;

/// <summary>What operators need: telemetry, the Orleans dashboard, and retention.</summary>
public static class OperationsSetup
{
    public const string DashboardPath = "/ops/dashboard";

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.AddTelemetry();
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CompletedProcessPurge>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CompletedProcessPurge>());
        return builder;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        // Behind the same authentication as the API: the dashboard shows grain ids, which carry partnership and case references.
        app.MapOrleansDashboard(DashboardPath);
        return app;
    }
}
