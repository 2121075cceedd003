using Microsoft.Extensions.Diagnostics.HealthChecks;
using Safeguarding.Workflows.Storage;

namespace Safeguarding.Workflows.Host.Health;

/// <summary><c>GET /health</c>: 200 when Azure Storage answers, 503 otherwise.</summary>
public static class HealthApi
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health").AllowAnonymous(); // probes of the hosting platform carry no credentials
        return app;
    }

    private sealed class StorageHealthCheck(StorageClients storage) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await storage.IsReachableAsync(cancellationToken)
                ? HealthCheckResult.Healthy("Azure Storage is reachable.")
                : HealthCheckResult.Unhealthy("Azure Storage is not reachable.");
    }
}
