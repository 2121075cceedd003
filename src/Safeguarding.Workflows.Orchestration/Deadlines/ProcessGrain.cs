using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>
/// The durable-deadline engine every process grain is built on (docs/design/architecture.md, rules 1–5). A process kind's grain
/// derives from this and calls <see cref="StartAsync"/> and <see cref="UpdateAsync"/> with pure transitions; this
/// class does the rest:
/// <list type="bullet">
/// <item>after every change it wakes the process at once, so anything already due happens now;</item>
/// <item>it saves the state, its timeline (the audit log), its index columns and its next wake in one write
/// (<see cref="ProcessStore"/>), before any side effect, then hands emails to the queue; the row's list of emails to
/// hand over is cleared by the process's next save, or when the grain is put away (<see cref="OnDeactivateAsync"/>),
/// so a wake that sends email costs one save, not two, when it is due;</item>
/// <item>it tells the partnership's <see cref="WakeScheduleGrain"/> when the next wake moves, which wakes it at that instant;</item>
/// <item>a wake, however late or repeated, just wakes the process: the pure rules say what is due, so nothing is lost or done twice.</item>
/// </list>
/// </summary>
public abstract class ProcessGrain<TProcess>(ProcessEngine engine) : Grain, IProcessGrain
    where TProcess : class, IDurableProcess<TProcess>
{
    // What is saved, and the ETag a save must match (null: nothing saved yet, so a save only inserts).
    private ProcessRecord<TProcess> record = new();
    private string? etag;

    // The saved row still lists emails that this activation has since handed over (see CommitAsync).
    private bool handedOverNotSaved;

    protected TProcess? Process => record.Process;

    protected ProcessEngine Engine => engine;

    protected DateTimeOffset Now => engine.Clock.GetUtcNow();

    protected ProcessKey Key => ProcessKey.Parse(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await engine.ReadAsync<TProcess>(Key) is { } stored)
        {
            (record, etag) = stored;
        }

        // Reconcile (rule 4): catch up on anything that fell due while the process was not active.
        if (Process is not null)
        {
            await CommitAsync(Process, byTimer: true);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Also when the host shuts down, so a restart does not hand the same emails over again. Should this fail, or
        // the host die first, the row's wake brings the process back and it hands them over again (sent once).
        if (handedOverNotSaved)
        {
            try
            {
                await SaveAsync(record, cancellationToken);
            }
            catch (Exception e)
            {
                engine.LogNotTidied(e, Key.ToString());
            }
        }
    }

    public async Task<DateTimeOffset?> WakeAsync()
    {
        if (Process is null)
        {
            return null;
        }

        await CommitAsync(Process, byTimer: true);
        return ScheduledWake();
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

        await engine.Store.DeleteAsync(Key, CancellationToken.None);
        (record, etag, handedOverNotSaved) = (new ProcessRecord<TProcess>(), null, false);
        DeactivateOnIdle();
        return true;
    }

    public Task<ProcessOverview?> GetOverviewAsync() =>
        Task.FromResult(Process is null ? null : new ProcessOverview(Process.Title, Process.Status, Process.Deadlines, Process.Timeline));

    public async Task<bool> SaveIndexAgainAsync()
    {
        if (Process is null)
        {
            return false;
        }

        // The same record (its history unchanged, so the audit check passes): only the index columns are worked out afresh.
        await SaveAsync(record);
        return true;
    }

    public Task<ProcessStatusView?> GetStatusAsync() =>
        Task.FromResult(Process is null ? null : new ProcessStatusView(Process.Status, ScheduledWake()));

    /// <summary>
    /// Opens the process once: the same request again answers it unchanged, a different one is a conflict; otherwise
    /// the kind's pure decision opens it. Every kind's creation goes through here.
    /// </summary>
    /// <param name="isSameRequest">Whether the existing process was opened by the same request.</param>
    protected async Task<Reply<TProcess>> OpenOnceAsync(Func<TProcess, bool> isSameRequest, Func<Decision<TProcess>> open)
    {
        if (Process is { } existing)
        {
            return isSameRequest(existing)
                ? new(DecisionOutcome.Unchanged, existing)
                : new(DecisionOutcome.Conflict, existing, Message: $"{KindInWords(capital: true)} '{Key.Id}' already exists with different details.");
        }

        var decision = open();
        return decision.Outcome == DecisionOutcome.Changed
            ? new(DecisionOutcome.Changed, await StartAsync(decision.Transition!))
            : new(decision.Outcome, null, decision.Field, decision.Message);
    }

    /// <summary>
    /// Applies the kind's pure decision on the existing process: saves its transition when it changed anything, and
    /// answers the outcome with the process as it now stands. Every kind's change goes through here.
    /// </summary>
    protected async Task<Reply<TProcess>> DecideAsync(Func<TProcess, Decision<TProcess>> decide)
    {
        if (Process is not { } current)
        {
            return Reply<TProcess>.NotFound(NoSuchProcess);
        }

        var decision = decide(current);
        if (decision.Outcome == DecisionOutcome.Changed)
        {
            await UpdateAsync(_ => decision.Transition!);
        }

        return new(decision.Outcome, Process, decision.Field, decision.Message);
    }

    /// <summary>The decision when the partnership's settings are gone (a process outlived its partnership's configuration).</summary>
    protected Decision<TProcess> NoSuchPartnership => Decision<TProcess>.NotFound($"No partnership has the id '{Key.PartnershipId}'.");

    /// <summary>"There is no rapid review 'x' in partnership 'p'."</summary>
    protected string NoSuchProcess => $"There is no {Key.Kind.Replace('-', ' ')} '{Key.Id}' in partnership '{Key.PartnershipId}'.";

    /// <summary>"A rapid review", "An escalation".</summary>
    private string KindInWords(bool capital)
    {
        var words = Key.Kind.Replace('-', ' ');
        var article = "aeiou".Contains(words[0]) ? "an" : "a";
        return $"{(capital ? char.ToUpperInvariant(article[0]) + article[1..] : article)} {words}";
    }

    /// <summary>Saves a new process. The caller checks that none exists yet (idempotent creation is the kind's decision).</summary>
    protected async Task<TProcess> StartAsync(Transition<TProcess> initial)
    {
        record.CreatedAt ??= Now;
        await CommitAsync(initial);
        return Process!;
    }

    /// <summary>Applies a pure transition to the existing process and saves it.</summary>
    protected async Task<TProcess> UpdateAsync(Func<TProcess, Transition<TProcess>> change)
    {
        var current = Process ?? throw new InvalidOperationException($"Process {Key} does not exist.");
        await CommitAsync(change(current));
        return Process!;
    }

    /// <summary>
    /// Before each wake, a kind whose plan needs the partnership's calendar (which <c>Wake</c> does not have) carries it
    /// on here, so a series that lasts until someone acts (a chase) never runs out. Returns the same instance when the
    /// plan is unchanged, so a wake with nothing due saves nothing.
    /// </summary>
    protected virtual TProcess PlannedAhead(TProcess process) => process;

    /// <param name="byTimer">A wake nobody asked for: its emails are automatic and wait for the partnership's send time.</param>
    private async Task CommitAsync(Transition<TProcess> transition, bool byTimer = false)
    {
        var before = Process;
        var woken = PlannedAhead(transition.State).Wake(Now);
        var (emails, held) = Release(transition.Emails, woken.Emails, byTimer);
        var saved = !ReferenceEquals(woken.State, before) || emails.Count > 0 || held.Count != record.HeldEmails.Count;
        if (saved)
        {
            var next = new ProcessRecord<TProcess>
            {
                Process = woken.State,
                UnsentEmails = [.. record.UnsentEmails, .. emails],
                HeldEmails = held,
                CreatedAt = record.CreatedAt,
                UpdatedAt = Now,
            };
            next.WakeAt = WakeFor(next);

            // Not saved, not done: the record stays as it was, so the next wake decides (and saves) the same actions again.
            await SaveAsync(next);
            engine.Metrics.Record(before, woken.State);
        }

        // Side effects only after the state that decided them is saved; each is safe to repeat.
        bool handedOverAny;
        try
        {
            handedOverAny = await engine.HandOverEmailsAsync(record);
        }
        catch when (record.WakeAt is { } retryAt)
        {
            await ScheduleWakeAsync(retryAt);
            throw;
        }

        if (handedOverAny)
        {
            var handedOver = new ProcessRecord<TProcess>
            {
                Process = record.Process,
                HeldEmails = record.HeldEmails,
                CreatedAt = record.CreatedAt,
                UpdatedAt = record.UpdatedAt,
            };
            handedOver.WakeAt = WakeFor(handedOver);
            if (saved)
            {
                // Not saved again now: that would double the writes at the moment deadlines fall due. Until the next
                // save the row lists emails already queued, and its wake (now) brings the process back should this
                // activation be lost; handing them over again then is a no-op for the recipients.
                record = handedOver;
                handedOverNotSaved = true;
                if (handedOver.WakeAt is { } at)
                {
                    await ScheduleWakeAsync(at);
                }
            }
            else
            {
                // Emails left by an earlier activation or a failed hand-over: tidy the row at once, since nothing here
                // will save it soon.
                await SaveAsync(handedOver);
            }
        }

        engine.LogWoke(Key.ToString(), Now, ScheduledWake());
    }

    private async Task SaveAsync(ProcessRecord<TProcess> next, CancellationToken cancellationToken = default)
    {
        try
        {
            etag = await engine.SaveAsync(record, next, etag, cancellationToken);
            var moved = next.WakeAt != record.WakeAt;
            record = next;
            handedOverNotSaved = false;

            // While emails wait for hand-over the saved wake is only a fallback (see WakeFor); the schedule hears of it
            // if the hand-over fails.
            if (moved && next.WakeAt is { } at && next.UnsentEmails.Count == 0)
            {
                await ScheduleWakeAsync(at);
            }
        }
        catch (ProcessChangedException)
        {
            // Another activation saved it (a host presumed dead, say): read it afresh on the next call. The row is
            // no longer this activation's to tidy.
            engine.LogChangedElsewhere(Key.ToString());
            handedOverNotSaved = false;
            DeactivateOnIdle();
            throw;
        }
    }

    private DateTimeOffset? ScheduledWake() => record.WakeAt;

    /// <summary>
    /// The emails to hand over now, and those still held: a command's emails go at once; a timer's wait for the next
    /// sending time when it is not one now; held emails whose time has come go with the rest.
    /// </summary>
    private (List<OutgoingEmail> Now, List<HeldEmail> Held) Release(IReadOnlyList<OutgoingEmail> decided, IReadOnlyList<OutgoingEmail> woken, bool byTimer)
    {
        var now = Now;
        var sendAt = byTimer && woken.Count > 0 ? engine.SendingTimes.Next(Key, now) : now;
        var held = sendAt > now ? [.. record.HeldEmails, .. woken.Select(e => new HeldEmail(e, sendAt))] : record.HeldEmails;
        var due = held.Where(h => h.SendAt <= now).Select(h => h.Email);
        return ([.. decided, .. sendAt > now ? [] : woken, .. due], [.. held.Where(h => h.SendAt > now)]);
    }

    // Saved first, so a schedule that misses this (its host just died) still finds the wake when it reloads.
    private Task ScheduleWakeAsync(DateTimeOffset at) =>
        GrainFactory.GetGrain<IWakeScheduleGrain>(Key.PartnershipId).ScheduleAsync(Key.ToString(), at);

    /// <summary>
    /// The wake to save: the process's own, or now while emails are waiting to be handed over, so that a hand-over
    /// that failed (storage down, say) is tried again by the schedule even when the process has nothing else due.
    /// </summary>
    private DateTimeOffset? WakeFor(ProcessRecord<TProcess> next)
    {
        var own = next.Process is { Status: ProcessStatus.Open } p ? p.NextWakeAt : null;
        if (next.HeldEmails.Count > 0 && next.HeldEmails.Min(h => h.SendAt) is var release && (own is null || release < own))
        {
            own = release;
        }

        return next.UnsentEmails.Count == 0 ? own : own is { } at && at < Now ? at : Now;
    }
}
