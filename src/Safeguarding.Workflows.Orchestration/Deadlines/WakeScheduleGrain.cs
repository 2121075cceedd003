using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>When one partnership's processes next want waking, and the waking. Keyed by partnership id.</summary>
public interface IWakeScheduleGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the schedule is running (activation does the work; this call just causes it).</summary>
    Task EnsureRunningAsync();

    /// <summary>A process saved <paramref name="at"/> as its next wake.</summary>
    [OneWay]
    Task ScheduleAsync(string processKey, DateTimeOffset at);
}

/// <summary>
/// One per partnership, so in a cluster exactly one host wakes each partnership's processes. It keeps the wakes in
/// memory, loaded from the process rows when it starts and every <see cref="EngineOptions.WakeReloadInterval"/>, and
/// told of each new one by the process that saved it. Every <see cref="EngineOptions.WakeScanInterval"/> it takes the
/// wakes due within <see cref="EngineOptions.ActivateAhead"/>, activates each process then (a process at rest reads
/// its row) and wakes it at its own instant. A wake that fails is tried again
/// later; a stale or repeated one is harmless, since waking only does what the rules say is due. Every host calls
/// every partnership's schedule every few seconds (<see cref="WakeScheduleKeeper"/>), which starts it again on a
/// surviving host when its host dies; it then reloads the saved wakes, so none is lost.
/// </summary>
public sealed partial class WakeScheduleGrain(
    ProcessStore store,
    ProcessGrains grains,
    WorkflowClock clock,
    ProcessEngine engine,
    WakesInProgress wakesInProgress,
    ILogger<WakeScheduleGrain> logger) : Grain, IWakeScheduleGrain
{
    // A wake that threw, or left the process due at the same instant, is not tried again before this.
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly SortedSet<(DateTimeOffset At, string Process)> schedule = new();

    // Wakes found by a reload or handed back by a failed wake (both run off the grain's scheduler), merged in at the next look.
    private readonly ConcurrentQueue<(DateTimeOffset At, string Process)> arrivals = new();
    private readonly ConcurrentDictionary<(DateTimeOffset At, string Process), byte> inFlight = new();
    private DateTimeOffset nextReload = DateTimeOffset.MinValue;
    private Task<bool> reloading = Task.FromResult(true);

    private string PartnershipId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(LookAsync, new GrainTimerCreationOptions(TimeSpan.Zero, engine.Options.WakeScanInterval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task EnsureRunningAsync() => Task.CompletedTask;

    public Task ScheduleAsync(string processKey, DateTimeOffset at)
    {
        schedule.Add((at, processKey));
        return Task.CompletedTask;
    }

    private Task LookAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        while (arrivals.TryDequeue(out var arrival))
        {
            schedule.Add(arrival);
        }

        // In the background, so what is already known keeps firing on time while a large partnership loads.
        if (reloading.IsCompleted && !reloading.Result)
        {
            // Storage was unreachable: try again soon.
            nextReload = DateTimeOffset.UtcNow + RetryAfterFailure;
            reloading = Task.FromResult(true);
        }

        if (DateTimeOffset.UtcNow >= nextReload && reloading.IsCompleted)
        {
            nextReload = DateTimeOffset.UtcNow + engine.Options.WakeReloadInterval;
            reloading = Task.Run(ReloadAsync, CancellationToken.None);
        }

        // At least two intervals ahead, so a late tick still finds a wake before it is due, and far enough for its
        // process to be activated before its instant (EngineOptions.ActivateAhead). A simulated clock only moves when
        // told to (ClockAdvancer), so there only what is already due can be acted on.
        var ahead = TimeSpan.FromTicks(Math.Max(2 * engine.Options.WakeScanInterval.Ticks, engine.Options.ActivateAhead.Ticks));
        var horizon = clock.IsSimulated ? now : now + ahead;
        var due = new List<(DateTimeOffset At, string Process)>();
        foreach (var wake in schedule)
        {
            if (wake.At > horizon)
            {
                break;
            }

            due.Add(wake);
        }

        if (due.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var wake in due)
        {
            schedule.Remove(wake);
        }

        // Not awaited, so the next look is on time. Each wake waits for its own instant, so one held up by slow storage
        // never delays those behind it; the calls under way are bounded host-wide (WakesInProgress).
        foreach (var wake in due)
        {
            _ = Task.Run(() => WakeAtItsInstantAsync(wake), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Queues every saved wake of the partnership; false when storage could not be read (what is known still fires).</summary>
    private async Task<bool> ReloadAsync()
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var count = 0;
            await foreach (var wake in store.DueWakesAsync(PartnershipId, DateTimeOffset.MaxValue, CancellationToken.None))
            {
                arrivals.Enqueue((wake.At, wake.Process.ToString()));
                count++;
            }

            LogReloaded(count, PartnershipId, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return true;
        }
        catch (Exception e)
        {
            LogReloadFailed(e, PartnershipId);
            return false;
        }
    }

    private async Task WakeAtItsInstantAsync((DateTimeOffset At, string Process) wake)
    {
        if (!inFlight.TryAdd(wake, 0))
        {
            // Loaded again while already waiting for its instant.
            return;
        }

        try
        {
            if (grains.Find(ProcessKey.Parse(wake.Process)) is not { } grain)
            {
                LogUnknownKind(wake.Process);
                return;
            }

            if (engine.Options.ActivateAhead > TimeSpan.Zero && wake.At > clock.GetUtcNow())
            {
                await ActivateAsync(grain, wake.Process);
            }

            // Task.Delay counts whole milliseconds and may end a little early; a wake before its instant does nothing.
            for (var wait = wake.At - clock.GetUtcNow(); wait > TimeSpan.Zero; wait = wake.At - clock.GetUtcNow())
            {
                await Task.Delay(wait + TimeSpan.FromMilliseconds(1));
            }

            if (await wakesInProgress.RunAsync(grain.WakeAsync) == wake.At)
            {
                // The rules asked again for an instant that has passed: don't spin on it.
                arrivals.Enqueue((clock.GetUtcNow() + RetryAfterFailure, wake.Process));
            }
        }
        catch (Exception e)
        {
            LogWakeFailed(e, wake.Process, wake.At);
            arrivals.Enqueue((clock.GetUtcNow() + RetryAfterFailure, wake.Process));
        }
        finally
        {
            inFlight.TryRemove(wake, out _);
        }
    }

    /// <summary>
    /// Activates the process before its instant (any call does; this one reads nothing more), so that a process at rest
    /// has read its row by then. A failure here only costs the head start: the wake at the instant tries again.
    /// </summary>
    private async Task ActivateAsync(IProcessGrain grain, string processKey)
    {
        try
        {
            await wakesInProgress.RunAsync(grain.GetStatusAsync);
        }
        catch (Exception e)
        {
            LogActivateAheadFailed(e, processKey);
        }
    }

    [LoggerMessage(EventId = 1015, Level = LogLevel.Debug, Message = "Could not activate process {ProcessKey} ahead of its wake; it is activated at the instant instead")]
    private partial void LogActivateAheadFailed(Exception exception, string processKey);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Could not load the saved wakes of partnership {PartnershipId}; trying again at the next look")]
    private partial void LogReloadFailed(Exception exception, string partnershipId);

    // How long a partnership's wakes take to load shows how long a new host needs before it has the whole schedule.
    [LoggerMessage(EventId = 1014, Level = LogLevel.Information, Message = "Loaded {Count} saved wakes of partnership {PartnershipId} in {ElapsedMs} ms")]
    private partial void LogReloaded(int count, string partnershipId, long elapsedMs);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Waking process {ProcessKey} (due {WakeAt}) failed; it is tried again later")]
    private partial void LogWakeFailed(Exception exception, string processKey, DateTimeOffset wakeAt);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Process {ProcessKey} asked to be woken but its kind is not registered on this host")]
    private partial void LogUnknownKind(string processKey);
}
