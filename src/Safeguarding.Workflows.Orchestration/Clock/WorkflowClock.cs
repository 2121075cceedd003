using Microsoft.Extensions.Options;

namespace Safeguarding.Workflows.Orchestration.Clock;

public enum ClockMode
{
    /// <summary>The machine's clock. The default, and the only mode outside development and tests.</summary>
    System,

    /// <summary>A clock that stands still until an operator or a test moves it forward through <c>POST /api/dev/clock</c>.</summary>
    Simulated,
}

public sealed class ClockOptions
{
    public const string Section = "Clock";

    public ClockMode Mode { get; set; } = ClockMode.System;

    /// <summary>Where a simulated clock starts; the machine's time at start-up when not set.</summary>
    public DateTimeOffset? SimulatedStart { get; set; }
}

/// <summary>
/// The clock every process reads. It is deliberately a separate service from the host's <see cref="TimeProvider"/>:
/// Orleans uses that one for membership and timers, and moving it thirty days forward would break the cluster.
/// </summary>
public sealed class WorkflowClock : TimeProvider
{
    private readonly TimeProvider system;
    private readonly Lock gate = new();
    private DateTimeOffset simulatedNow;

    public WorkflowClock(IOptions<ClockOptions> options, TimeProvider system)
    {
        this.system = system;
        Mode = options.Value.Mode;
        simulatedNow = options.Value.SimulatedStart ?? system.GetUtcNow();
    }

    public ClockMode Mode { get; }

    public bool IsSimulated => Mode == ClockMode.Simulated;

    public override DateTimeOffset GetUtcNow()
    {
        if (!IsSimulated)
        {
            return system.GetUtcNow();
        }

        lock (gate)
        {
            return simulatedNow;
        }
    }

    public override TimeZoneInfo LocalTimeZone => system.LocalTimeZone;

    /// <summary>Moves a simulated clock forward to <paramref name="instant"/>; never backwards.</summary>
    public void MoveTo(DateTimeOffset instant)
    {
        if (!IsSimulated)
        {
            throw new InvalidOperationException("Only a simulated clock can be moved.");
        }

        lock (gate)
        {
            if (instant < simulatedNow)
            {
                throw new ArgumentOutOfRangeException(nameof(instant), "A simulated clock never moves backwards.");
            }

            simulatedNow = instant;
        }
    }
}
