using System.ComponentModel.DataAnnotations;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>The <c>Engine</c> section of host.json: the Orleans cluster and how often wake rows are read.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    [Required]
    public string ClusterId { get; set; } = "safeguarding-workflows";

    [Required]
    public string ServiceId { get; set; } = "safeguarding-workflows";

    /// <summary>
    /// How often each partnership's wake schedule (<see cref="WakeScheduleGrain"/>, in memory) looks for wakes due
    /// before its next look; each is then timed to its instant.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan WakeScanInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long before its instant a wake is taken from the schedule and its process activated. A process at rest (its
    /// grain put away after Orleans' collection age, 15 minutes) must first read its row; done ahead, a slow read never
    /// holds up the step, and only the save is left for the instant. Zero: activate at the instant.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ActivateAhead { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the schedule reloads every saved wake from the process rows, besides when it starts (after a host
    /// is lost, say): the safety net for a wake it was not told of.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan WakeReloadInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many process wakes one host runs at once (<see cref="WakesInProgress"/>). High enough that a few seconds'
    /// stall of storage at a hundred or so wakes a second does not delay the wakes behind it; low enough that minutes
    /// of stalled storage cannot exhaust memory with calls in progress.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxWakesInProgress { get; set; } = 1000;

    /// <summary>
    /// <c>Localhost</c> (one host, the default) or <c>AzureStorage</c> (several hosts forming one cluster, membership
    /// in the table <c>{Storage:Prefix}silos</c> of the service's own storage account).
    /// </summary>
    public EngineClustering Clustering { get; set; } = EngineClustering.Localhost;

    /// <summary>The address other hosts reach this one on (AzureStorage clustering); the machine's first IPv4 address when not set.</summary>
    public string? AdvertisedAddress { get; set; }

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;
}

public enum EngineClustering
{
    Localhost,
    AzureStorage,
}
