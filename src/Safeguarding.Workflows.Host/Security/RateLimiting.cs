using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
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
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
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
            });
            o.OnRejected = OnRejected;
        });
        return services;
    }

    /// <summary>The partition: the authenticated actor (user, <c>api-key:{name}</c>, <c>link:{id}</c>) or the client's address.</summary>
    public static string ClientOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? "actor:" + name
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask OnRejected(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await SecurityProblems.WriteAsync(
            rejected.HttpContext,
            StatusCodes.Status429TooManyRequests,
            "Too many requests",
            $"Too many requests from this client; try again in {seconds} seconds.");
    }
}
