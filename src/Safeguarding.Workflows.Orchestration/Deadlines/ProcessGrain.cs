using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>
/// The durable-deadline engine every process grain is built on (architecture.md, rules 1–5). A process kind's grain
/// derives from this, passes its persisted record, and calls <see cref="StartAsync"/> and <see cref="UpdateAsync"/>
/// with pure transitions; this class does the rest:
/// <list type="bullet">
/// <item>after every change it wakes the process at once, so anything already due happens now;</item>
/// <item>it saves the state before any side effect, then hands emails to the queue, appends the audit log and updates the index;</item>
/// <item>it keeps one Orleans reminder per process at the next wake instant (re-registered on activation, removed when nothing is scheduled);</item>
/// <item>a reminder tick, however late or repeated, just wakes the process: the pure rules say what is due, so nothing is lost or done twice.</item>
/// </list>
/// </summary>
public abstract class ProcessGrain<TProcess>(IPersistentState<ProcessRecord<TProcess>> record, ProcessEngine engine)
    : Grain, IProcessGrain, IRemindable
    where TProcess : class, IDurableProcess<TProcess>
{
    public const string WakeReminder = "wake";

    // The wake instant the Orleans reminder is set for, as far as this activation knows (null: unknown or none).
    private DateTimeOffset? registeredWake;

    protected TProcess? Process => record.State.Process;

    protected ProcessEngine Engine => engine;

    protected DateTimeOffset Now => engine.Clock.GetUtcNow();

    protected ProcessKey Key => ProcessKey.Parse(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Reconcile (rule 4): catch up on anything that fell due while the process was not active, and re-register its wake.
        if (Process is not null)
        {
            await CommitAsync(Process, fromReminder: true);
        }
    }

    public async Task<DateTimeOffset?> WakeAsync()
    {
        if (Process is null)
        {
            return null;
        }

        await CommitAsync(Process, fromReminder: false);
        return ScheduledWake();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WakeReminder)
        {
            return;
        }

        if (Process is null)
        {
            // A stale reminder for a process that no longer exists (rule 4: stale wakes are harmless and removed).
            await RemoveWakeAsync();
            return;
        }

        await CommitAsync(Process, fromReminder: true);
    }

    public async Task<ChangeOutcome> CancelAsync(string reason, string actor)
    {
        if (Process is null)
        {
            return ChangeOutcome.NotFound;
        }

        if (Process.Status != ProcessStatus.Open)
        {
            return ChangeOutcome.NotOpen;
        }

        await UpdateAsync(p => p.Cancel(reason, actor, Now));
        engine.LogCancelled(Key.ToString(), actor);
        return ChangeOutcome.Done;
    }

    public async Task<bool> PurgeAsync()
    {
        if (Process is { Status: ProcessStatus.Open })
        {
            return false;
        }

        await RemoveWakeAsync();
        if (record.RecordExists)
        {
            await record.ClearStateAsync();
        }

        record.State = new ProcessRecord<TProcess>();
        DeactivateOnIdle();
        return true;
    }

    public Task<ProcessStatusView?> GetStatusAsync() =>
        Task.FromResult(Process is null ? null : new ProcessStatusView(Process.Status, ScheduledWake()));

    /// <summary>Saves a new process. The caller checks that none exists yet (idempotent creation is the kind's decision).</summary>
    protected async Task<TProcess> StartAsync(Transition<TProcess> initial)
    {
        record.State.CreatedAt ??= Now;
        await CommitAsync(initial, fromReminder: false);
        return Process!;
    }

    /// <summary>Applies a pure transition to the existing process and saves it.</summary>
    protected async Task<TProcess> UpdateAsync(Func<TProcess, Transition<TProcess>> change)
    {
        var current = Process ?? throw new InvalidOperationException($"Process {Key} does not exist.");
        await CommitAsync(change(current), fromReminder: false);
        return Process!;
    }

    private async Task CommitAsync(Transition<TProcess> transition, bool fromReminder)
    {
        var before = Process;
        var woken = transition.State.Wake(Now);
        var emails = transition.Emails.Concat(woken.Emails).ToList();
        var changed = !ReferenceEquals(woken.State, before) || emails.Count > 0;

        if (changed)
        {
            var unsentBefore = record.State.UnsentEmails.ToList();
            record.State.Process = woken.State;
            record.State.UnsentEmails.AddRange(emails);
            try
            {
                await record.WriteStateAsync();
            }
            catch
            {
                // Not saved, so not done: put the state back, so the next wake decides (and saves) the same actions again.
                record.State.Process = before;
                record.State.UnsentEmails = unsentBefore;
                throw;
            }

            engine.Metrics.Record(before, woken.State);
        }

        // Side effects only after the state that decided them is saved; each is safe to repeat.
        if (await engine.HandOverEmailsAsync(record.State))
        {
            await record.WriteStateAsync();
        }

        await engine.AuditAsync(record.State);
        if (changed || registeredWake is null)
        {
            await engine.IndexAsync(record.State);
        }

        await ScheduleWakeAsync(fromReminder);
        engine.LogWoke(Key.ToString(), Now, ScheduledWake());
    }

    private DateTimeOffset? ScheduledWake() => Process is { Status: ProcessStatus.Open } p ? p.NextWakeAt : null;

    private async Task ScheduleWakeAsync(bool fromReminder)
    {
        var next = ScheduledWake();
        if (next is null)
        {
            if (fromReminder || registeredWake is not null || Process?.Status != ProcessStatus.Open)
            {
                await RemoveWakeAsync();
            }

            return;
        }

        // A reminder that just ticked must be moved on even if the instant is unchanged (its next tick is one period later).
        if (!fromReminder && registeredWake == next)
        {
            return;
        }

        var delay = next.Value - Now;
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > engine.Options.MaxWakeDelay ? engine.Options.MaxWakeDelay : delay;
        await this.RegisterOrUpdateReminder(WakeReminder, delay, engine.Options.WakeRetryPeriod);
        registeredWake = next;
        engine.LogWakeRegistered(Key.ToString(), next.Value, delay);
    }

    private async Task RemoveWakeAsync()
    {
        var reminder = await this.GetReminder(WakeReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
            engine.LogWakeRemoved(this.GetPrimaryKeyString());
        }

        registeredWake = null;
    }
}
