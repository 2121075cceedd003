using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Reviews;

namespace Safeguarding.Workflows.Domain.PracticeReviews;

/// <summary>What a practice review does on its own, at a planned instant.</summary>
public enum PracticeReviewAction
{
    /// <summary>Tell the business manager the review is commissioned, with its dates.</summary>
    AnnounceCommissioned,

    /// <summary>Remind the business manager of a checkpoint, or warn that a publication deadline is at risk, 2 working days before.</summary>
    RemindDeadline,

    /// <summary>Tell an action's owner about it, when the recommendation is added.</summary>
    AssignAction,

    /// <summary>Remind an action's owner before it is due.</summary>
    RemindAction,

    /// <summary>Chase an overdue action.</summary>
    ChaseAction,

    /// <summary>Remind the partners that the published report must stay available until the end of its year.</summary>
    RemindPublicationPeriod,

    /// <summary>The year is over: the report may now be taken down.</summary>
    EndPublicationPeriod,
}

/// <summary>
/// A local child safeguarding practice review (docs/design/statutory-rules.md §3): the pure rules. Immutable; commands return the
/// new state and the emails to send; <see cref="Wake"/> does every planned step that has fallen due.
/// </summary>
public sealed record PracticeReview : IDurableProcess<PracticeReview>
{
    public required ProcessKey Key { get; init; }

    public ProcessStatus Status { get; init; } = ProcessStatus.Open;

    public required PracticeReviewCase Case { get; init; }

    public required ReviewContacts Contacts { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The partnership's <c>practiceReviewCheckpointIntervalMonths</c> when the review was opened.</summary>
    public required int CheckpointIntervalMonths { get; init; }

    public DateOnly? ReviewerAppointedOn { get; init; }

    public ImmutableList<CheckpointHeld> CheckpointsHeld { get; init; } = [];

    /// <summary>Every publication plan in the order made; the last one stands.</summary>
    public ImmutableList<PublicationPlan> Plans { get; init; } = [];

    public DateOnly? SentOn { get; init; }

    public DateOnly? PublishedOn { get; init; }

    public string? Url { get; init; }

    public DateOnly? WithdrawnOn { get; init; }

    public ImmutableList<TrackedAction> Actions { get; init; } = [];

    public ImmutableList<DelayReason> DelayReasons { get; init; } = [];

    public ImmutableList<ScheduledStep<PracticeReviewAction>> Steps { get; init; } = [];

    public ImmutableList<Deadline> Deadlines { get; init; } = [];

    public ImmutableList<TimelineEntry> Timeline { get; init; } = [];

    [JsonIgnore]
    public string Title => Case.CaseReference;

    IReadOnlyList<Deadline> IDurableProcess<PracticeReview>.Deadlines => Deadlines;

    IReadOnlyList<TimelineEntry> IDurableProcess<PracticeReview>.Timeline => Timeline;

    /// <summary>Actions from the review's recommendations not yet done, owed by their owners.</summary>
    [JsonIgnore]
    public IReadOnlyList<OwedItem> Owed => Status != ProcessStatus.Open
        ? []
        : [.. Actions.Where(a => a.CompletedOn is null).Select(a => new OwedItem(a.Owner.Email, $"action:{a.Id}", $"Action “{a.Title}”", a.DueOn))];

    [JsonIgnore]
    public PublicationPlan? Plan => Plans.LastOrDefault();

    /// <summary>False when the partners decided to publish information about the improvements instead of the full report.</summary>
    [JsonIgnore]
    public bool FullReport => Plan?.FullReport ?? true;

    [JsonIgnore]
    public DateOnly PublicationTarget => PracticeReviewDates.PublicationDue(Case.DecidedOn);

    /// <summary>Missed deadlines still waiting for a recorded delay reason (overdue actions are chased instead).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> DelayReasonsNeeded => Reviews.DelayReasons.Missing(Deadlines, DelayReasons, NeedsDelayReason);

    [JsonIgnore]
    public DateTimeOffset? NextWakeAt =>
        Status != ProcessStatus.Open ? null : Min(Steps.NextAt(), DeadlineChecks.NextCheck(Deadlines));

    [JsonIgnore]
    private string Link => $"/partnerships/{Key.PartnershipId}/practice-reviews/{Key.Id}";

    private static bool NeedsDelayReason(string deadline) => !PracticeReviewDeadlines.IsAction(deadline);

    /// <summary>Opens a practice review: the publication target and the monitoring checkpoints, counted from the decision.</summary>
    public static Decision<PracticeReview> Open(ProcessKey key, PracticeReviewCase request, ReviewContext context, DateTimeOffset now)
    {
        var today = LondonTime.LocalDate(now);
        if (request.DecidedOn > today)
        {
            return Decision<PracticeReview>.Invalid("decidedOn", $"{request.DecidedOn:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}).");
        }

        var review = new PracticeReview
        {
            Key = key,
            Case = request,
            Contacts = context.Contacts,
            OpenedAt = now,
            CheckpointIntervalMonths = context.Timescales.PracticeReviewCheckpointIntervalMonths,
            Deadlines = [Completion.Due(PracticeReviewDeadlines.Publication, PracticeReviewDates.PublicationDue(request.DecidedOn))],
            Timeline = [new TimelineEntry(now, "opened", Actors.System, request.RapidReviewId is { } rr
                ? $"{request.CaseReference}: decided on {request.DecidedOn:yyyy-MM-dd} after rapid review {rr}"
                : $"{request.CaseReference}: decided on {request.DecidedOn:yyyy-MM-dd}")],
        };
        return Decision<PracticeReview>.Changed(review.WithCheckpoints().Replanned(context, now));
    }

    /// <summary>Records an event (docs/design/api.md <c>POST .../events</c>). A repeat that agrees is a no-op; one that contradicts is a conflict.</summary>
    public Decision<PracticeReview> Record(PracticeReviewEvent e, ReviewContext context, string actor, DateTimeOffset now)
    {
        var today = LondonTime.LocalDate(now);
        if (e.On > today)
        {
            return Decision<PracticeReview>.Invalid("on", $"{e.On:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}).");
        }

        if (e.On < Case.DecidedOn)
        {
            return Decision<PracticeReview>.Invalid("on", $"{e.On:yyyy-MM-dd} is before the review was commissioned ({Case.DecidedOn:yyyy-MM-dd}).");
        }

        var entry = new TimelineEntry(now, PracticeReviewNames.Of(e.Type), actor, $"on {e.On:yyyy-MM-dd}");
        var decided = e.Type switch
        {
            PracticeReviewEventType.ReviewerAppointed => Once(ReviewerAppointedOn, e.On, "The reviewer's appointment", () => this with { ReviewerAppointedOn = e.On }),
            PracticeReviewEventType.SentToPanelAndSecretaryOfState => Once(SentOn, e.On, "Sending to the Panel and the Secretary of State", () => this with
            {
                SentOn = e.On,
                Deadlines = Deadlines.Update(PracticeReviewDeadlines.PrePublicationSending, d => d.CompleteOn(e.On, now)),
            }),
            PracticeReviewEventType.CheckpointHeld => Checkpoint(e, now, ref entry),
            PracticeReviewEventType.PublicationPlanned => Planned(e, context, ref entry),
            PracticeReviewEventType.Published => Published(e, actor, now, ref entry),
            PracticeReviewEventType.Withdrawn => Withdrawn(e, now),
            PracticeReviewEventType.RecommendationAdded => RecommendationAdded(e, now, ref entry),
            PracticeReviewEventType.ActionCompleted => ActionCompleted(e, now, ref entry),
            PracticeReviewEventType.DelayReason => DelayReasonGiven(e, actor, ref entry),
            _ => Decision<PracticeReview>.Invalid("type", $"Unknown event type '{e.Type}'."),
        };

        if (decided.Outcome != DecisionOutcome.Changed)
        {
            return decided;
        }

        var recorded = decided.Transition!.State;
        recorded = (recorded with { Timeline = recorded.Timeline.Add(entry) }).Replanned(context, now).CompletedIfDone(now);
        return Decision<PracticeReview>.Changed(new Transition<PracticeReview>(recorded, decided.Transition.Emails));
    }

    /// <summary>
    /// The plan carried on as time passes: the engine calls this before each wake (<see cref="Wake"/> has no calendar),
    /// so an overdue action is chased for as long as it is overdue. The same instance when nothing changes.
    /// </summary>
    public PracticeReview PlannedAhead(ReviewContext context, DateTimeOffset now)
    {
        if (Status != ProcessStatus.Open)
        {
            return this; // closed: its plan is history
        }

        var steps = Replanned(context, now).Steps;
        return steps.SequenceEqual(Steps) ? this : this with { Steps = steps };
    }

    public Transition<PracticeReview> Wake(DateTimeOffset now)
    {
        if (Status != ProcessStatus.Open)
        {
            return this;
        }

        var (state, emails) = Schedule.DoEverythingDue(this, now, r => r.Steps, r => r.Deadlines, (r, step) => r.Do(step, now), (r, deadline) => r.Missed(deadline, now));

        state = state.CompletedIfDone(now);
        return ReferenceEquals(state, this) ? this : new Transition<PracticeReview>(state, emails);
    }

    public Transition<PracticeReview> Cancel(string reason, string actor, DateTimeOffset now)
    {
        if (Status != ProcessStatus.Open)
        {
            return this;
        }

        var (deadlines, waived) = Completion.WaivePending(Deadlines, _ => true, now, actor);
        var today = LondonTime.LocalDate(now);
        var told = Actions.Where(a => a.CompletedOn is null)
            .Select(a => new EmailRecipient(a.Owner.Name, a.Owner.Email))
            .Prepend(Contacts.BusinessManager)
            .DistinctBy(r => r.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var email = Email($"cancelled/all/{today:yyyy-MM-dd}", "practice-reviews/cancelled", told, now, new()
        {
            ["cancelledOn"] = $"{today:yyyy-MM-dd}",
            ["link"] = Link,
        });
        var state = this with
        {
            Status = ProcessStatus.Cancelled,
            Deadlines = deadlines,
            Timeline = Timeline.AddRange(waived).Add(new TimelineEntry(now, "cancelled", actor, reason)),
        };
        return new Transition<PracticeReview>(state, [email]);
    }

    private Decision<PracticeReview> Once(DateOnly? recorded, DateOnly on, string what, Func<PracticeReview> apply)
    {
        if (recorded == on)
        {
            return Decision<PracticeReview>.Unchanged;
        }

        if (recorded is not null)
        {
            return Decision<PracticeReview>.Conflict($"{what} is already recorded on {recorded:yyyy-MM-dd}.");
        }

        return Status != ProcessStatus.Open ? NotOpen() : Decision<PracticeReview>.Changed(apply());
    }

    private Decision<PracticeReview> NotOpen() =>
        Decision<PracticeReview>.NotOpen($"The practice review '{Key.Id}' is {Status.ToString().ToLowerInvariant()}.");

    private Decision<PracticeReview> Checkpoint(PracticeReviewEvent e, DateTimeOffset now, ref TimelineEntry entry)
    {
        CheckpointHeld? held;
        if (e.Checkpoint is { } number)
        {
            held = CheckpointsHeld.FirstOrDefault(c => c.Number == number);
            if (held is not null)
            {
                return held.On == e.On
                    ? Decision<PracticeReview>.Unchanged
                    : Decision<PracticeReview>.Conflict($"Checkpoint {number} is already recorded as held on {held.On:yyyy-MM-dd}.");
            }

            if (!Deadlines.Any(d => d.Name == PracticeReviewDeadlines.Checkpoint(number)))
            {
                return Decision<PracticeReview>.Invalid("checkpoint", $"This review has no checkpoint {number}.");
            }
        }
        else
        {
            if (CheckpointsHeld.Any(c => c.On == e.On))
            {
                return Decision<PracticeReview>.Unchanged;
            }

            var next = Deadlines
                .Where(d => PracticeReviewDeadlines.IsCheckpoint(d.Name) && d.State != DeadlineState.Waived && !CheckpointsHeld.Any(c => PracticeReviewDeadlines.Checkpoint(c.Number) == d.Name))
                .MinBy(d => d.DueOn);
            if (next is null)
            {
                return Decision<PracticeReview>.Conflict("No checkpoint is waiting to be held.");
            }

            number = int.Parse(next.Name[PracticeReviewDeadlines.CheckpointPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        entry = entry with { Detail = $"checkpoint {number} on {e.On:yyyy-MM-dd}" };
        return Decision<PracticeReview>.Changed(this with
        {
            CheckpointsHeld = CheckpointsHeld.Add(new CheckpointHeld(number, e.On)),
            Deadlines = Deadlines.Update(PracticeReviewDeadlines.Checkpoint(number), d => d.CompleteOn(e.On, now)),
        });
    }

    private Decision<PracticeReview> Planned(PracticeReviewEvent e, ReviewContext context, ref TimelineEntry entry)
    {
        if (e.PlannedOn is not { } plannedOn)
        {
            return Decision<PracticeReview>.Invalid("plannedOn", "Give the planned publication date.");
        }

        if (plannedOn <= e.On)
        {
            return Decision<PracticeReview>.Invalid("plannedOn", "The planned publication date must be after the day the plan was made.");
        }

        var plan = new PublicationPlan(e.On, plannedOn, e.FullReport ?? true);
        if (Plans.FirstOrDefault(p => p.On == e.On) is { } sameDay)
        {
            return sameDay == plan
                ? Decision<PracticeReview>.Unchanged
                : Decision<PracticeReview>.Conflict($"A different publication plan is already recorded on {e.On:yyyy-MM-dd}.");
        }

        if (Plan is { } current && current.PlannedOn == plan.PlannedOn && current.FullReport == plan.FullReport)
        {
            return Decision<PracticeReview>.Unchanged;
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        if (PublishedOn is not null)
        {
            return Decision<PracticeReview>.Conflict($"The review was already published on {PublishedOn:yyyy-MM-dd}.");
        }

        entry = entry with { Detail = $"{(plan.FullReport ? "report" : "improvement information")} on {plannedOn:yyyy-MM-dd}" };
        var sendingDue = PracticeReviewDates.PrePublicationSendingDue(plannedOn, context.Calendar);
        var sending = Completion.Due(PracticeReviewDeadlines.PrePublicationSending, sendingDue);
        if (SentOn is { } sent)
        {
            sending = sending.CompleteOn(sent, LondonTime.EndOfDay(sent));
        }

        // A new date recounts the sending deadline (pending again, or met or late by the recorded sending date).
        var deadlines = Deadlines.Any(d => d.Name == PracticeReviewDeadlines.PrePublicationSending)
            ? Deadlines.Update(PracticeReviewDeadlines.PrePublicationSending, d => d.DueOn == sendingDue ? d : sending)
            : Deadlines.Add(sending);
        return Decision<PracticeReview>.Changed((this with { Plans = Plans.Add(plan), Deadlines = deadlines }).WithCheckpoints());
    }

    private Decision<PracticeReview> Published(PracticeReviewEvent e, string actor, DateTimeOffset now, ref TimelineEntry entry)
    {
        if (string.IsNullOrWhiteSpace(e.Url))
        {
            return Decision<PracticeReview>.Invalid("url", "Give the address where it is published.");
        }

        if (PublishedOn is { } published)
        {
            return published == e.On && Url == e.Url
                ? Decision<PracticeReview>.Unchanged
                : Decision<PracticeReview>.Conflict($"The review is already recorded as published on {published:yyyy-MM-dd}.");
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        entry = entry with { Detail = $"{(FullReport ? "report" : "improvement information")} on {e.On:yyyy-MM-dd}" };
        var deadlines = Deadlines.Update(PracticeReviewDeadlines.Publication, d => d.CompleteOn(e.On, now));

        // Monitoring ends with publication: checkpoints still to come are waived.
        var (remaining, waived) = Completion.WaivePending(deadlines, d => PracticeReviewDeadlines.IsCheckpoint(d.Name), now, actor);
        var period = Completion.Due(PracticeReviewDeadlines.PublicationPeriod, PracticeReviewDates.PublicationPeriodEnds(e.On));
        return Decision<PracticeReview>.Changed(this with
        {
            PublishedOn = e.On,
            Url = e.Url,
            Deadlines = remaining.Add(period),
            Timeline = Timeline.AddRange(waived),
        });
    }

    private Decision<PracticeReview> Withdrawn(PracticeReviewEvent e, DateTimeOffset now)
    {
        if (WithdrawnOn is { } withdrawn)
        {
            return withdrawn == e.On
                ? Decision<PracticeReview>.Unchanged
                : Decision<PracticeReview>.Conflict($"The publication is already recorded as withdrawn on {withdrawn:yyyy-MM-dd}.");
        }

        if (PublishedOn is not { } published)
        {
            return Status != ProcessStatus.Open ? NotOpen() : Decision<PracticeReview>.Conflict("Nothing is published yet, so nothing can be withdrawn.");
        }

        if (e.On < published)
        {
            return Decision<PracticeReview>.Invalid("on", $"{e.On:yyyy-MM-dd} is before the publication ({published:yyyy-MM-dd}).");
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        // Taking it down before the year is over misses the publication period; on or after its last day meets it.
        return Decision<PracticeReview>.Changed(this with
        {
            WithdrawnOn = e.On,
            Deadlines = Deadlines.Update(PracticeReviewDeadlines.PublicationPeriod, d => d.State != DeadlineState.Pending
                ? d
                : e.On >= d.DueOn
                    ? d with { State = DeadlineState.Met, MetAt = Earlier(LondonTime.EndOfDay(e.On), now) }
                    : d with { State = DeadlineState.Missed, MetAt = Earlier(LondonTime.EndOfDay(e.On), now) }),
        });
    }

    private Decision<PracticeReview> RecommendationAdded(PracticeReviewEvent e, DateTimeOffset now, ref TimelineEntry entry)
    {
        if (e.Recommendation is not { } r)
        {
            return Decision<PracticeReview>.Invalid("id", "Give the recommendation: id, title, owner and dueOn.");
        }

        if (Actions.FirstOrDefault(a => a.Id == r.Id) is { } existing)
        {
            return existing.Matches(r)
                ? Decision<PracticeReview>.Unchanged
                : Decision<PracticeReview>.Conflict($"A different recommendation '{r.Id}' is already recorded.");
        }

        if (r.DueOn < e.On)
        {
            return Decision<PracticeReview>.Invalid("dueOn", "The action cannot be due before the recommendation was added.");
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        entry = entry with { Detail = $"{r.Id} due {r.DueOn:yyyy-MM-dd}" };
        return Decision<PracticeReview>.Changed(this with
        {
            Actions = Actions.Add(new TrackedAction(r.Id, r.Title, r.Owner, r.DueOn, e.On, now)),
            Deadlines = Deadlines.Add(Completion.Due(PracticeReviewDeadlines.Action(r.Id), r.DueOn)),
        });
    }

    private Decision<PracticeReview> ActionCompleted(PracticeReviewEvent e, DateTimeOffset now, ref TimelineEntry entry)
    {
        var action = Actions.FirstOrDefault(a => a.Id == e.ActionId);
        if (action is null)
        {
            return Decision<PracticeReview>.Invalid("actionId", $"This review has no action '{e.ActionId}'.");
        }

        if (action.CompletedOn is { } completed)
        {
            return completed == e.On
                ? Decision<PracticeReview>.Unchanged
                : Decision<PracticeReview>.Conflict($"Action '{action.Id}' is already recorded as completed on {completed:yyyy-MM-dd}.");
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        entry = entry with { Detail = $"{action.Id} on {e.On:yyyy-MM-dd}" };
        return Decision<PracticeReview>.Changed(this with
        {
            Actions = Actions.Replace(action, action with { CompletedOn = e.On }),
            Deadlines = Deadlines.Update(PracticeReviewDeadlines.Action(action.Id), d => d.CompleteOn(e.On, now)),
        });
    }

    private Decision<PracticeReview> DelayReasonGiven(PracticeReviewEvent e, string actor, ref TimelineEntry entry)
    {
        if (string.IsNullOrWhiteSpace(e.Reason))
        {
            return Decision<PracticeReview>.Invalid("reason", "Give the reason for the delay.");
        }

        var reason = e.Reason.Trim();
        var decision = Reviews.DelayReasons.Decide(Deadlines, DelayReasons, NeedsDelayReason, e.Deadline, reason);
        if (decision.Outcome != DecisionOutcome.Changed)
        {
            return new Decision<PracticeReview>(decision.Outcome, Field: decision.Field, Message: decision.Message);
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        entry = entry with { Detail = $"{string.Join(", ", decision.Explains)}: {reason}" };
        return Decision<PracticeReview>.Changed(this with
        {
            DelayReasons = DelayReasons.AddRange(decision.Explains.Select(n => new DelayReason(n, reason, e.On, actor))),
        });
    }

    /// <summary>
    /// Checkpoint deadlines every interval from the decision until the publication target, or the planned publication
    /// date when later. Pending checkpoints beyond a plan brought forward go; held or missed ones stay as history.
    /// </summary>
    private PracticeReview WithCheckpoints()
    {
        if (PublishedOn is not null)
        {
            return this;
        }

        var horizon = Plan is { } plan && plan.PlannedOn > PublicationTarget ? plan.PlannedOn : PublicationTarget;
        var wanted = PracticeReviewDates.Checkpoints(Case.DecidedOn, CheckpointIntervalMonths, horizon)
            .Select(c => Completion.Due(PracticeReviewDeadlines.Checkpoint(c.Number), c.On))
            .ToList();
        var wantedNames = wanted.Select(d => d.Name).ToHashSet();
        var kept = Deadlines.Where(d => !PracticeReviewDeadlines.IsCheckpoint(d.Name) || wantedNames.Contains(d.Name) || d.State != DeadlineState.Pending);
        var added = wanted.Where(w => !Deadlines.Any(d => d.Name == w.Name));
        return this with { Deadlines = [.. kept.Concat(added).OrderBy(d => d.DueAt)] };
    }

    private PracticeReview Replanned(ReviewContext context, DateTimeOffset now)
    {
        var calendar = context.Calendar;
        var wanted = new List<ScheduledStep<PracticeReviewAction>>();
        if (Status == ProcessStatus.Open)
        {
            wanted.Add(new(PracticeReviewAction.AnnounceCommissioned, "business-manager", LondonTime.LocalDate(OpenedAt), OpenedAt));
            foreach (var deadline in Deadlines.Where(d => d.State == DeadlineState.Pending))
            {
                if (deadline.Name is PracticeReviewDeadlines.Publication or PracticeReviewDeadlines.PrePublicationSending || PracticeReviewDeadlines.IsCheckpoint(deadline.Name))
                {
                    var remindOn = calendar.AddWorkingDays(deadline.DueOn, -PracticeReviewDates.ReminderWorkingDaysBefore);
                    wanted.Add(new(PracticeReviewAction.RemindDeadline, deadline.Name, remindOn, context.SendTimeOn(remindOn)));
                }
            }

            foreach (var action in Actions.Where(a => a.CompletedOn is null))
            {
                wanted.Add(new(PracticeReviewAction.AssignAction, action.Id, action.AddedOn, action.AddedAt));
                var remindOn = calendar.AddWorkingDays(action.DueOn, -context.Timescales.ActionReminderWorkingDaysBefore);
                if (context.SendTimeOn(remindOn) > action.AddedAt)
                {
                    wanted.Add(new(PracticeReviewAction.RemindAction, action.Id, remindOn, context.SendTimeOn(remindOn)));
                }

                foreach (var chaseOn in Schedule.ChaseDays(calendar, action.DueOn, PracticeReviewDates.ActionChaseEveryWorkingDays, PracticeReviewDates.ActionChasesPlannedAhead, LondonTime.LocalDate(now)))
                {
                    wanted.Add(new(PracticeReviewAction.ChaseAction, action.Id, chaseOn, context.SendTimeOn(chaseOn)));
                }
            }

            if (Deadlines.FirstOrDefault(d => d.Name == PracticeReviewDeadlines.PublicationPeriod) is { State: DeadlineState.Pending } period)
            {
                var remindOn = calendar.AddWorkingDays(period.DueOn, -PracticeReviewDates.PublicationPeriodReminderWorkingDaysBefore);
                wanted.Add(new(PracticeReviewAction.RemindPublicationPeriod, period.Name, remindOn, context.SendTimeOn(remindOn)));
                wanted.Add(new(PracticeReviewAction.EndPublicationPeriod, period.Name, period.DueOn, LondonTime.At(period.DueOn, TimeOnly.MinValue)));
            }
        }

        return this with
        {
            Contacts = context.Contacts,
            Steps = Schedule.Replan(Steps, wanted, now, s => s.Action is PracticeReviewAction.AnnounceCommissioned
                or PracticeReviewAction.RemindDeadline or PracticeReviewAction.AssignAction or PracticeReviewAction.EndPublicationPeriod),
        };
    }

    /// <summary>Published, its year over (or taken down), every action done and every missed deadline explained: the review is complete.</summary>
    private PracticeReview CompletedIfDone(DateTimeOffset now) =>
        Status == ProcessStatus.Open
        && PublishedOn is not null
        && Deadlines.All(d => d.State != DeadlineState.Pending)
        && Actions.All(a => a.CompletedOn is not null)
        && DelayReasonsNeeded.Count == 0
            ? this with { Status = ProcessStatus.Completed, Timeline = Timeline.Add(new TimelineEntry(now, "completed", Actors.System, Case.CaseReference)) }
            : this;

    private Transition<PracticeReview> Do(ScheduledStep<PracticeReviewAction> step, DateTimeOffset now)
    {
        var state = this with { Steps = Steps.MarkDone(step, now) };
        return step.Action switch
        {
            PracticeReviewAction.AnnounceCommissioned => state.Announce(now),
            PracticeReviewAction.RemindDeadline => state.RemindDeadline(step, now),
            PracticeReviewAction.AssignAction or PracticeReviewAction.RemindAction or PracticeReviewAction.ChaseAction => state.ActionEmail(step, now),
            PracticeReviewAction.RemindPublicationPeriod => state.RemindPublicationPeriod(now),
            PracticeReviewAction.EndPublicationPeriod => state.EndPublicationPeriod(now),
            _ => state,
        };
    }

    private Transition<PracticeReview> Announce(DateTimeOffset now)
    {
        var firstCheckpoint = Deadlines.Where(d => PracticeReviewDeadlines.IsCheckpoint(d.Name)).MinBy(d => d.DueOn);
        var email = Email("commissioned/business-manager/" + $"{Case.DecidedOn:yyyy-MM-dd}", "practice-reviews/commissioned", [Contacts.BusinessManager], now, new()
        {
            ["decidedOn"] = $"{Case.DecidedOn:yyyy-MM-dd}",
            ["publicationDueOn"] = $"{PublicationTarget:yyyy-MM-dd}",
            ["firstCheckpointOn"] = firstCheckpoint is null ? "" : $"{firstCheckpoint.DueOn:yyyy-MM-dd}",
            ["checkpointIntervalMonths"] = $"{CheckpointIntervalMonths}",
            ["rapidReview"] = Case.RapidReviewId ?? "",
            ["link"] = Link,
        });
        return new Transition<PracticeReview>(this with { Timeline = Timeline.Add(new TimelineEntry(now, "commissioning-announced", Actors.System, Case.CaseReference)) }, [email]);
    }

    private Transition<PracticeReview> RemindDeadline(ScheduledStep<PracticeReviewAction> step, DateTimeOffset now)
    {
        var deadline = Deadlines.FirstOrDefault(d => d.Name == step.Target);
        if (deadline is not { State: DeadlineState.Pending } || step.At > deadline.DueAt)
        {
            return this;
        }

        var checkpoint = PracticeReviewDeadlines.IsCheckpoint(deadline.Name);
        var email = Email($"{(checkpoint ? "checkpoint-reminder" : "deadline-at-risk")}/{deadline.Name}/{deadline.DueOn:yyyy-MM-dd}",
            checkpoint ? "practice-reviews/checkpoint-reminder" : "practice-reviews/deadline-at-risk",
            [Contacts.BusinessManager], now, new()
            {
                ["deadline"] = deadline.Name,
                ["deadlineName"] = PracticeReviewDeadlines.Label(deadline.Name, FullReport),
                ["dueOn"] = $"{deadline.DueOn:yyyy-MM-dd}",
                ["plannedOn"] = Plan is { } plan ? $"{plan.PlannedOn:yyyy-MM-dd}" : "",
                ["link"] = Link,
            });
        var type = checkpoint ? "checkpoint-reminded" : "deadline-at-risk";
        return new Transition<PracticeReview>(this with { Timeline = Timeline.Add(new TimelineEntry(now, type, Actors.System, deadline.Name)) }, [email]);
    }

    private Transition<PracticeReview> ActionEmail(ScheduledStep<PracticeReviewAction> step, DateTimeOffset now)
    {
        var action = Actions.FirstOrDefault(a => a.Id == step.Target);
        if (action is null || action.CompletedOn is not null)
        {
            return this;
        }

        var (template, type) = step.Action switch
        {
            PracticeReviewAction.AssignAction => ("practice-reviews/action-assigned", "action-assigned"),
            PracticeReviewAction.RemindAction => ("practice-reviews/action-reminder", "action-reminded"),
            _ => ("practice-reviews/action-chase", "action-chased"),
        };
        var email = Email($"{type}/{action.Id}/{step.On:yyyy-MM-dd}", template, [new EmailRecipient(action.Owner.Name, action.Owner.Email)], now, new()
        {
            ["actionId"] = action.Id,
            ["actionTitle"] = action.Title,
            ["ownerName"] = action.Owner.Name,
            ["agency"] = action.Owner.Agency,
            ["dueOn"] = $"{action.DueOn:yyyy-MM-dd}",
            ["link"] = $"{Link}/actions/{action.Id}",
        });
        return new Transition<PracticeReview>(this with { Timeline = Timeline.Add(new TimelineEntry(now, type, Actors.System, action.Id)) }, [email]);
    }

    private Transition<PracticeReview> RemindPublicationPeriod(DateTimeOffset now)
    {
        var period = Deadlines.FirstOrDefault(d => d.Name == PracticeReviewDeadlines.PublicationPeriod);
        if (period is not { State: DeadlineState.Pending } || PublishedOn is null)
        {
            return this;
        }

        var email = Email($"publication-period-reminder/{period.Name}/{period.DueOn:yyyy-MM-dd}", "practice-reviews/publication-period-reminder",
            Contacts.PartnersAndBusinessManager, now, new()
            {
                ["publishedOn"] = $"{PublishedOn:yyyy-MM-dd}",
                ["availableUntil"] = $"{period.DueOn:yyyy-MM-dd}",
                ["publication"] = FullReport ? "report" : "information about the improvements",
                ["url"] = Url ?? "",
                ["link"] = Link,
            });
        return new Transition<PracticeReview>(this with { Timeline = Timeline.Add(new TimelineEntry(now, "publication-period-reminded", Actors.System, period.Name)) }, [email]);
    }

    private Transition<PracticeReview> EndPublicationPeriod(DateTimeOffset now)
    {
        var period = Deadlines.FirstOrDefault(d => d.Name == PracticeReviewDeadlines.PublicationPeriod);
        if (period is not { State: DeadlineState.Pending })
        {
            return this;
        }

        return this with
        {
            Deadlines = Deadlines.Update(period.Name, d => d with { State = DeadlineState.Met, MetAt = now }),
            Timeline = Timeline.Add(new TimelineEntry(now, "publication-period-ended", Actors.System, period.Name)),
        };
    }

    /// <summary>
    /// A deadline passed unmet. Publication deadlines go to the delegated safeguarding partners on the day; a missed
    /// checkpoint to the business manager; both ask for a delay reason. An overdue action is only chased.
    /// </summary>
    private Transition<PracticeReview> Missed(Deadline deadline, DateTimeOffset now)
    {
        var missedAt = deadline.DueAt.AddSeconds(1);
        var timeline = Timeline.Add(new TimelineEntry(missedAt, "deadline-missed", Actors.System, deadline.Name));
        var state = this with { Deadlines = Deadlines.Update(deadline.Name, d => d.CheckedAt(now)) };
        if (!NeedsDelayReason(deadline.Name))
        {
            return state with { Timeline = timeline };
        }

        IReadOnlyList<EmailRecipient> to = PracticeReviewDeadlines.IsCheckpoint(deadline.Name) ? [Contacts.BusinessManager] : Contacts.PartnersAndBusinessManager;
        var email = Email($"deadline-missed/{deadline.Name}/{deadline.DueOn:yyyy-MM-dd}", "practice-reviews/deadline-missed", to, now, new()
        {
            ["deadline"] = deadline.Name,
            ["deadlineName"] = PracticeReviewDeadlines.Label(deadline.Name, FullReport),
            ["dueOn"] = $"{deadline.DueOn:yyyy-MM-dd}",
            ["link"] = Link,
            ["delayReasonLink"] = $"{Link}#delay-reason",
        });
        return new Transition<PracticeReview>(
            state with { Timeline = timeline.Add(new TimelineEntry(missedAt, "delay-reason-requested", Actors.System, deadline.Name)) },
            [email]);
    }

    private OutgoingEmail Email(string action, string template, IReadOnlyList<EmailRecipient> to, DateTimeOffset now, Dictionary<string, string> values)
    {
        values["partnershipName"] = Contacts.PartnershipName;
        values["reference"] = Case.CaseReference;
        values["processName"] = "practice review";
        return new OutgoingEmail($"{Key}/{action}", Key.PartnershipId, Key.ToString(), template, to, values, now);
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
