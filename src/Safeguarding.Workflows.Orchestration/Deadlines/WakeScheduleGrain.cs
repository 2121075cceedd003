using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>Reads one partnership's wake rows and wakes each process at its instant. Keyed by partnership id.</summary>
public interface IWakeScheduleGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the schedule is being read (activation does the work; this call just causes it).</summary>
    Task EnsureRunningAsync();
}

/// <summary>
/// One per partnership, so in a cluster exactly one host reads each partnership's schedule. Every
/// <see cref="EngineOptions.WakeScanInterval"/> it reads the wake rows due before the next read and wakes each process
/// at its own instant; a wake that fails leaves its row, so the next read tries again. Every host calls every
/// partnership's reader every few seconds (<see cref="WakeScheduleKeeper"/>), which starts it again on a surviving
/// host when its host dies.
/// </summary>
public sealed partial class WakeScheduleGrain(
    ProcessStore store,
    ProcessGrains grains,
    WorkflowClock clock,
    ProcessEngine engine,
    ILogger<WakeScheduleGrain> logger) : Grain, IWakeScheduleGrain
{
    private const int MaxConcurrentWakes = 32;

    // A wake that threw, or left the process due at the same instant, is not retried before this.
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<DueWake, byte> inFlight = new();
    private readonly ConcurrentDictionary<DueWake, DateTimeOffset> notBefore = new();

    private string PartnershipId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = engine.Options.WakeScanInterval;
        this.RegisterGrainTimer(ReadAsync, new GrainTimerCreationOptions(TimeSpan.Zero, interval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task EnsureRunningAsync() => Task.CompletedTask;

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        // Two intervals ahead, so a late timer tick still finds a row before it is due. A simulated clock only moves
        // when told to (ClockAdvancer), so there only what is already due can be acted on.
        var horizon = clock.IsSimulated ? now : now + 2 * engine.Options.WakeScanInterval;
        var due = new List<DueWake>();
        try
        {
            await foreach (var wake in store.DueWakesAsync(PartnershipId, horizon, cancellationToken))
            {
                if (!inFlight.ContainsKey(wake) && (!notBefore.TryGetValue(wake, out var retryAt) || retryAt <= now))
                {
                    due.Add(wake);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage unreachable: nothing is lost, the rows are read again next time.
            LogReadFailed(e, PartnershipId);
            return;
        }

        foreach (var wake in due)
        {
            inFlight.TryAdd(wake, 0);
        }

        // Off the grain's own scheduler and not awaited, so the next read is on time: wakes run in parallel, each at
        // its instant, earliest first; those still in flight are skipped by later reads.
        _ = Task.Run(() => Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentWakes }, WakeAtItsInstantAsync), CancellationToken.None);
    }

    private async ValueTask WakeAtItsInstantAsync(DueWake wake, CancellationToken cancellationToken)
    {
        try
        {
            var wait = wake.At - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            if (grains.Find(wake.Process) is not { } grain)
            {
                LogUnknownKind(wake.Process.ToString());
                notBefore[wake] = DateTimeOffset.MaxValue;
                return;
            }

            var next = await grain.WakeAsync();
            if (next == wake.At)
            {
                // The rules asked again for an instant that has passed: don't spin on it.
                notBefore[wake] = clock.GetUtcNow() + RetryAfterFailure;
            }
            else
            {
                notBefore.TryRemove(wake, out _);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWakeFailed(e, wake.Process.ToString(), wake.At);
            notBefore[wake] = clock.GetUtcNow() + RetryAfterFailure;
        }
        finally
        {
            inFlight.TryRemove(wake, out _);
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Could not read the wake schedule of partnership {PartnershipId}; trying again at the next read")]
    private partial void LogReadFailed(Exception exception, string partnershipId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Waking process {ProcessKey} (due {WakeAt}) failed; it stays scheduled and is tried again")]
    private partial void LogWakeFailed(Exception exception, string processKey, DateTimeOffset wakeAt);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Process {ProcessKey} is scheduled but its kind is not registered on this host")]
    private partial void LogUnknownKind(string processKey);
}
