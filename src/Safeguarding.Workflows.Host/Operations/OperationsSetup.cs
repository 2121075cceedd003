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

    /// <summary>
    /// The Orleans dashboard, for operators only (<see cref="Security.PartnershipAccessMiddleware.OperatorPaths"/>): it
    /// shows every partnership's grain ids, which carry case references. Not part of the API's OpenAPI document.
    /// </summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapOrleansDashboard(DashboardPath)
            .ExcludeFromDescription()
            .AddEndpointFilter(AnswerNotFoundForWhatTheDashboardCannotShow);
        return app;
    }

    /// <summary>
    /// The dashboard throws for an address it cannot parse or a silo or grain type that is not there. That is a 404, not
    /// a 500, and the exception (whose message repeats what was typed into the URL) is not logged.
    /// </summary>
    private static async ValueTask<object?> AnswerNotFoundForWhatTheDashboardCannotShow(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.HttpContext.Response.HasStarted)
        {
            return TypedResults.Problem("The dashboard has nothing at this address.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
    }
}
