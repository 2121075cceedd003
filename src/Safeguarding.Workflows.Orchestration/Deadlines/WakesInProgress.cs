namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>
/// The host's bound on process wakes under way (<see cref="EngineOptions.MaxWakesInProgress"/>), shared by every
/// partnership's <see cref="WakeScheduleGrain"/>. Only calls to processes count (the activation ahead of a wake, and
/// the wake), not the wait for its instant: a full bound never holds back a wake that storage would answer at once,
/// and while storage is stalled the wakes due queue here, earliest first, instead of piling ever more calls onto it.
/// </summary>
public sealed class WakesInProgress(int limit)
{
    private readonly SemaphoreSlim slots = new(limit, limit);

    /// <summary>Wakes under way now.</summary>
    public int Count => limit - slots.CurrentCount;

    /// <summary>Runs <paramref name="wake"/> once a slot is free; waiters are served in the order they came.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> wake)
    {
        await slots.WaitAsync();
        try
        {
            return await wake();
        }
        finally
        {
            slots.Release();
        }
    }
}
