using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>Configuration section <c>Security:RateLimit</c>: a token bucket per client.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Security:RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Sustained requests per second per client.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>How many requests a client may make at once after a quiet spell.</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 500;
}

/// <summary>
/// Limits each client — a signed-in user, an API key, a contributor link, or else an IP address — so one caller
/// cannot starve the others. Past the limit: a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class RateLimiting
{
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The container makes and disposes the limiter. (ASP.NET Core's UseRateLimiter never disposes its limiters,
        // whose 100 ms timers kept every stopped host alive: the host tests' process grew to 17 GB.)
        services.AddSingleton(_ => PartitionedRateLimiter.Create<HttpContext, string>(PartitionOf));
        return services;
    }

    /// <summary>Lets a request through when its client has a token left; otherwise answers 429.</summary>
    public static IApplicationBuilder UseClientRateLimits(this IApplicationBuilder app)
    {
        var limiter = app.ApplicationServices.GetRequiredService<PartitionedRateLimiter<HttpContext>>();
        return app.Use(async (context, next) =>
        {
            using var lease = limiter.AttemptAcquire(context);
            if (lease.IsAcquired)
            {
                await next(context);
            }
            else
            {
                await RejectAsync(context, lease);
            }
        });
    }

    private static RateLimitPartition<string> PartitionOf(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        return options.Enabled
            ? RateLimitPartition.GetTokenBucketLimiter(ClientOf(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Burst,
                TokensPerPeriod = options.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter("off");
    }

    /// <summary>The partition: the authenticated actor (user, <c>api-key:{name}</c>, <c>link:{id}</c>) or the client's address.</summary>
    public static string ClientOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? "actor:" + name
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async Task RejectAsync(HttpContext context, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await SecurityProblems.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "Too many requests",
            $"Too many requests from this client; try again in {seconds} seconds.");
    }
}
