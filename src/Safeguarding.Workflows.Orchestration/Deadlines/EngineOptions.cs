using System.ComponentModel.DataAnnotations;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>The <c>Engine</c> section of host.json: the Orleans cluster and how wakes are retried.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    [Required]
    public string ClusterId { get; set; } = "safeguarding-workflows";

    [Required]
    public string ServiceId { get; set; } = "safeguarding-workflows";

    /// <summary>
    /// How often a wake that did not complete is tried again (the Orleans reminder period). It also bounds how late a
    /// deadline that fell due while every host was down is acted on after recovery.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WakeRetryPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest single reminder delay; a longer wait is made of several wakes (each a harmless no-op).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "40.00:00:00")]
    public TimeSpan MaxWakeDelay { get; set; } = TimeSpan.FromDays(7);

    /// <summary><c>Localhost</c> (one host, the default) or <c>Redis</c> (several hosts forming one cluster).</summary>
    public EngineClustering Clustering { get; set; } = EngineClustering.Localhost;

    /// <summary>The Redis server holding cluster membership, when <see cref="Clustering"/> is <c>Redis</c>. Never logged.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>The address other hosts reach this one on (Redis clustering); the machine's first IPv4 address when not set.</summary>
    public string? AdvertisedAddress { get; set; }

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;
}

public enum EngineClustering
{
    Localhost,
    Redis,
}
