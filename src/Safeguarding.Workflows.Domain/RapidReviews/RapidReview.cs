using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Reviews;

namespace Safeguarding.Workflows.Domain.RapidReviews;

/// <summary>What a rapid review does on its own, at a planned instant.</summary>
public enum RapidReviewAction
{
    /// <summary>Ask an agency for its summary (on the day the review is opened).</summary>
    RequestSummary,

    /// <summary>Remind an agency 2 working days before its summary is due.</summary>
    RemindSummary,

    /// <summary>Chase a late summary, each working day after it was due.</summary>
    ChaseSummary,

    /// <summary>Warn the business manager 2 working days before a deadline that is still pending.</summary>
    WarnAtRisk,
}

/// <summary>One agency's summary: asked for when the review opens, due with the <c>agency-summaries</c> deadline.</summary>
/// <param name="AddedAt">When an agency added after the review opened was added (its request goes out then); null for the referral's agencies.</param>
public sealed record AgencySummary(string Agency, string Slug, EmailRecipient Contact, DateOnly RequestedOn, DateOnly DueOn, DateOnly? ReceivedOn = null, DateTimeOffset? AddedAt = null)
{
    [JsonIgnore]
    public bool Received => ReceivedOn is not null;
}

/// <summary>
/// A serious incident notification and its rapid review (docs/design/statutory-rules.md §2): the pure rules. Immutable; commands
/// return the new state and the emails to send; <see cref="Wake"/> does every planned step that has fallen due.
/// </summary>
public sealed record RapidReview : IDurableProcess<RapidReview>
{
    public required ProcessKey Key { get; init; }

    public ProcessStatus Status { get; init; } = ProcessStatus.Open;

    public required RapidReviewCase Case { get; init; }

    /// <summary>The partnership's <c>rapidReviewClockStart</c> when the review was opened.</summary>
    public required RapidReviewClockStart ClockStart { get; init; }

    public required ReviewContacts Contacts { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public required ImmutableList<AgencySummary> Agencies { get; init; }

    public DateOnly? NotifiedOn { get; init; }

    public DateOnly? PartnersInformedOn { get; init; }

    public DateOnly? SecretaryOfStateNotifiedOn { get; init; }

    public DateOnly? ReviewMeetingOn { get; init; }

    public DateOnly? SubmittedOn { get; init; }

    public RapidReviewDecision? Decision { get; init; }

    /// <summary>The practice review opened because of an <see cref="RapidReviewDecision.Lcspr"/> decision, once it is open.</summary>
    public string? PracticeReviewId { get; init; }

    public ImmutableList<DelayReason> DelayReasons { get; init; } = [];

    public ImmutableList<ScheduledStep<RapidReviewAction>> Steps { get; init; } = [];

    public ImmutableList<Deadline> Deadlines { get; init; } = [];

    public ImmutableList<TimelineEntry> Timeline { get; init; } = [];

    [JsonIgnore]
    public string Title => Case.CaseReference;

    IReadOnlyList<Deadline> IDurableProcess<RapidReview>.Deadlines => Deadlines;

    IReadOnlyList<TimelineEntry> IDurableProcess<RapidReview>.Timeline => Timeline;

    /// <summary>Agency summaries not yet received, owed by each agency's contact until the review is submitted.</summary>
    [JsonIgnore]
    public IReadOnlyList<OwedItem> Owed => Status != ProcessStatus.Open || SubmittedOn is not null
        ? []
        : [.. Agencies.Where(a => !a.Received).Select(a => new OwedItem(a.Contact.Email, $"agency-summary:{a.Slug}", $"Agency summary ({a.Agency})", a.DueOn))];

    /// <summary>True while the 15 working days are counted from awareness only because the notification is not recorded yet.</summary>
    [JsonIgnore]
    public bool RapidReviewDeadlineProvisional => !Case.NotificationOnly && ClockStart == RapidReviewClockStart.Notification && NotifiedOn is null;

    /// <summary>Missed deadlines still waiting for a recorded delay reason.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> DelayReasonsNeeded => Reviews.DelayReasons.Missing(Deadlines, DelayReasons, _ => true);

    /// <summary>An LCSPR was decided and its practice review is not open yet.</summary>
    [JsonIgnore]
    public bool NeedsPracticeReview => Decision == RapidReviewDecision.Lcspr && PracticeReviewId is null && SubmittedOn is not null;

    /// <summary>The practice review an LCSPR decision opens: derived from this review's id, so opening it twice finds the same one.</summary>
    public static string PracticeReviewIdFor(string rapidReviewId) => $"{rapidReviewId}-lcspr";

    [JsonIgnore]
    public DateTimeOffset? NextWakeAt =>
        Status != ProcessStatus.Open ? null : Min(Steps.NextAt(), DeadlineChecks.NextCheck(Deadlines));

    [JsonIgnore]
    private string Link => $"/partnerships/{Key.PartnershipId}/rapid-reviews/{Key.Id}";

    /// <summary>
    /// Opens a rapid review: every deadline of §2, and a summary request to each agency at once; or, for a
    /// notification-only case, just the Secretary of State and Ofsted notification.
    /// </summary>
    public static Decision<RapidReview> Open(ProcessKey key, RapidReviewCase request, ReviewContext context, DateTimeOffset now)
    {
        var today = LondonTime.LocalDate(now);
        if (request.AwareOn > today)
        {
            return Decision<RapidReview>.Invalid("awareOn", $"{request.AwareOn:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}).");
        }

        if (request.Outcome is null)
        {
            return Decision<RapidReview>.Invalid("outcome", "Say whether the child died or was seriously harmed: died or seriously-harmed.");
        }

        if (request.NotificationOnly && !(request.ChildLookedAfter && request.Outcome == IncidentOutcome.Died))
        {
            return Decision<RapidReview>.Invalid("abuseOrNeglectKnownOrSuspected",
                "Without known or suspected abuse or neglect only a looked-after child's death is notified (to the Secretary of State and Ofsted); this incident needs no notification.");
        }

        if (request.NotificationOnly && request.Agencies.Count > 0)
        {
            return Decision<RapidReview>.Invalid("agencies", "A notification-only case asks no agency for a summary: leave the agencies out.");
        }

        var clockStart = context.Timescales.RapidReviewClockStart;
        var summariesDue = RapidReviewDates.AgencySummariesDue(request.AwareOn, context.Timescales, context.Calendar);
        var review = new RapidReview
        {
            Key = key,
            Case = request,
            ClockStart = clockStart,
            Contacts = context.Contacts,
            OpenedAt = now,
            Agencies = [.. request.Agencies.Select(a => new AgencySummary(a.Agency, AgencyContact.Slug(a.Agency), new EmailRecipient(a.Name, a.Email), today, summariesDue))],
            Deadlines = RapidReviewDates.Initial(request, clockStart, context.Timescales, context.Calendar),
            Timeline = [new TimelineEntry(now, "opened", Actors.System, $"{request.CaseReference}: aware on {request.AwareOn:yyyy-MM-dd}")],
        };
        return Decision<RapidReview>.Changed(review.Replanned(context, now));
    }

    /// <summary>Records an event (docs/design/api.md <c>POST .../events</c>). A repeat that agrees is a no-op; one that contradicts is a conflict.</summary>
    public Decision<RapidReview> Record(RapidReviewEvent e, ReviewContext context, string actor, DateTimeOffset now)
    {
        var today = LondonTime.LocalDate(now);
        if (e.On > today)
        {
            return Decision<RapidReview>.Invalid("on", $"{e.On:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}).");
        }

        if (e.On < Case.AwareOn)
        {
            return Decision<RapidReview>.Invalid("on", $"{e.On:yyyy-MM-dd} is before the local authority became aware ({Case.AwareOn:yyyy-MM-dd}).");
        }

        var entry = new TimelineEntry(now, RapidReviewNames.Of(e.Type), actor, $"on {e.On:yyyy-MM-dd}");
        var decided = e.Type switch
        {
            not (RapidReviewEventType.SecretaryOfStateNotified or RapidReviewEventType.DelayReason or RapidReviewEventType.OutcomeRecorded) when Case.NotificationOnly =>
                Decision<RapidReview>.Invalid("type", "This is a notification-only case: there is no Panel notification, agency summary or rapid review. Record secretary-of-state-notified."),
            RapidReviewEventType.PanelNotified => Once(NotifiedOn, e.On, "The Panel notification", () => (this with
            {
                NotifiedOn = e.On,
                Deadlines = Deadlines.Update(RapidReviewDeadlines.PanelNotification, d => d.CompleteOn(e.On, now)),
            }).WithRapidReviewClock(context)),
            RapidReviewEventType.PartnersInformed => Once(PartnersInformedOn, e.On, "Telling the partners", () => this with
            {
                PartnersInformedOn = e.On,
                Deadlines = Deadlines.Update(RapidReviewDeadlines.PartnersInformed, d => d.CompleteOn(e.On, now)),
            }),
            RapidReviewEventType.SecretaryOfStateNotified when !Case.NotifiesSecretaryOfState =>
                Decision<RapidReview>.Invalid("type", "The Secretary of State and Ofsted are notified only when a looked-after child has died: this review has no such notification."),
            RapidReviewEventType.OutcomeRecorded => OutcomeRecorded(e, actor, now, ref entry),
            RapidReviewEventType.SecretaryOfStateNotified => Once(SecretaryOfStateNotifiedOn, e.On, "The Secretary of State notification", () => this with
            {
                SecretaryOfStateNotifiedOn = e.On,
                Deadlines = Deadlines.Update(RapidReviewDeadlines.SecretaryOfStateNotification, d => d.CompleteOn(e.On, now)),
            }),
            RapidReviewEventType.ReviewMeetingHeld => Once(ReviewMeetingOn, e.On, "The review meeting", () => this with { ReviewMeetingOn = e.On }),
            RapidReviewEventType.AgencySummaryReceived => SummaryReceived(e, now, ref entry),
            RapidReviewEventType.ReviewSubmitted => Submitted(e, actor, now, ref entry),
            RapidReviewEventType.DelayReason => DelayReasonGiven(e, actor, ref entry),
            RapidReviewEventType.AgencyAdded => AgencyAdded(e, context, now, ref entry),
            _ => Decision<RapidReview>.Invalid("type", $"Unknown event type '{e.Type}'."),
        };

        if (decided.Outcome != DecisionOutcome.Changed)
        {
            return decided;
        }

        var recorded = decided.Transition!.State;
        recorded = (recorded with { Timeline = recorded.Timeline.Add(entry) }).Replanned(context, now).CompletedIfDone(now);
        return Decision<RapidReview>.Changed(new Transition<RapidReview>(recorded, decided.Transition.Emails));
    }

    /// <summary>Records that the practice review an LCSPR decision opens is open (or was already).</summary>
    public RapidReview PracticeReviewOpened(string practiceReviewId, DateTimeOffset now, string detail) =>
        PracticeReviewId == practiceReviewId
            ? this
            : this with { PracticeReviewId = practiceReviewId, Timeline = Timeline.Add(new TimelineEntry(now, "practice-review-opened", Actors.System, detail)) };

    /// <summary>
    /// The plan carried on as time passes: the engine calls this before each wake (<see cref="Wake"/> has no calendar),
    /// so a late summary is chased every working day for as long as it is late. The same instance when nothing changes.
    /// </summary>
    public RapidReview PlannedAhead(ReviewContext context, DateTimeOffset now)
    {
        if (Status != ProcessStatus.Open)
        {
            return this; // closed: its plan is history
        }

        var steps = Replanned(context, now).Steps;
        return steps.SequenceEqual(Steps) ? this : this with { Steps = steps };
    }

    public Transition<RapidReview> Wake(DateTimeOffset now)
    {
        if (Status != ProcessStatus.Open)
        {
            return this;
        }

        var (state, emails) = Schedule.DoEverythingDue(this, now, r => r.Steps, r => r.Deadlines, (r, step) => r.Do(step, now), (r, deadline) => r.Missed(deadline, now));

        return ReferenceEquals(state, this) ? this : new Transition<RapidReview>(state, emails);
    }

    public Transition<RapidReview> Cancel(string reason, string actor, DateTimeOffset now)
    {
        if (Status != ProcessStatus.Open)
        {
            return this;
        }

        var (deadlines, waived) = Completion.WaivePending(Deadlines, _ => true, now, actor);
        var today = LondonTime.LocalDate(now);
        var stillAsked = SubmittedOn is null ? Agencies.Where(a => !a.Received).Select(a => (a.Slug, a.Contact)) : [];
        var emails = stillAsked
            .Append(("business-manager", Contacts.BusinessManager))
            .Select(t => Email($"cancelled/{t.Item1}/{today:yyyy-MM-dd}", "rapid-reviews/cancelled", [t.Item2], now, new()
            {
                ["cancelledOn"] = $"{today:yyyy-MM-dd}",
                ["link"] = Link,
            }))
            .ToList();
        var state = this with
        {
            Status = ProcessStatus.Cancelled,
            Deadlines = deadlines,
            Timeline = Timeline.AddRange(waived).Add(new TimelineEntry(now, "cancelled", actor, reason)),
        };
        return new Transition<RapidReview>(state, emails);
    }

    private Decision<RapidReview> Once(DateOnly? recorded, DateOnly on, string what, Func<RapidReview> apply)
    {
        if (recorded == on)
        {
            return Decision<RapidReview>.Unchanged;
        }

        if (recorded is not null)
        {
            return Decision<RapidReview>.Conflict($"{what} is already recorded on {recorded:yyyy-MM-dd}.");
        }

        return Status != ProcessStatus.Open ? NotOpen() : Decision<RapidReview>.Changed(apply());
    }

    private Decision<RapidReview> NotOpen() =>
        Decision<RapidReview>.NotOpen($"The rapid review '{Key.Id}' is {Status.ToString().ToLowerInvariant()}.");

    private Decision<RapidReview> SummaryReceived(RapidReviewEvent e, DateTimeOffset now, ref TimelineEntry entry)
    {
        var agency = Agencies.FirstOrDefault(a =>
            string.Equals(a.Agency, e.Agency?.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(a.Slug, e.Agency?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (agency is null)
        {
            return Decision<RapidReview>.Invalid("agency", $"Not one of this review's agencies: {string.Join(", ", Agencies.Select(a => a.Agency))}.");
        }

        if (agency.ReceivedOn == e.On)
        {
            return Decision<RapidReview>.Unchanged;
        }

        if (agency.ReceivedOn is { } received)
        {
            return Decision<RapidReview>.Conflict($"The summary from {agency.Agency} is already recorded as received on {received:yyyy-MM-dd}.");
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        entry = entry with { Detail = $"{agency.Agency} on {e.On:yyyy-MM-dd}" };
        var agencies = Agencies.Replace(agency, agency with { ReceivedOn = e.On });
        var deadlines = Deadlines;
        if (agencies.All(a => a.Received))
        {
            var last = agencies.Max(a => a.ReceivedOn!.Value);
            deadlines = deadlines.Update(RapidReviewDeadlines.AgencySummaries, d => d.CompleteOn(last, now));
        }

        return Decision<RapidReview>.Changed(this with { Agencies = agencies, Deadlines = deadlines });
    }

    /// <summary>
    /// Another agency asked for a summary: due with the others, or, when their date has passed, as many working days
    /// from today as the partnership allows. Its request goes out at once. The same agency and contact again is a
    /// no-op; the same agency with anything else is refused on its field, as is an agency once the review has gone to the Panel.
    /// </summary>
    private Decision<RapidReview> AgencyAdded(RapidReviewEvent e, ReviewContext context, DateTimeOffset now, ref TimelineEntry entry)
    {
        if (string.IsNullOrWhiteSpace(e.Agency))
        {
            return Decision<RapidReview>.Invalid("agency", "Give the agency's name.");
        }

        if (e.Contact is not { } contact)
        {
            return Decision<RapidReview>.Invalid("contact", "Give the name and email address of the person asked for the summary.");
        }

        var name = e.Agency.Trim();
        var slug = AgencyContact.Slug(name);
        if (Agencies.FirstOrDefault(a => a.Slug == slug) is { } listed)
        {
            return listed.Agency == name && listed.Contact == contact
                ? Decision<RapidReview>.Unchanged
                : Decision<RapidReview>.Invalid("agency", $"{listed.Agency} is already asked for a summary.");
        }

        if (SubmittedOn is not null)
        {
            return Decision<RapidReview>.Invalid("agency", "The rapid review has been sent to the Panel: it asks no more agencies for summaries.");
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        var today = LondonTime.LocalDate(now);
        var othersDue = Deadlines.FirstOrDefault(d => d.Name == RapidReviewDeadlines.AgencySummaries)?.DueOn;
        var dueOn = othersDue is { } due && due >= today ? due : RapidReviewDates.AgencySummariesDue(today, context.Timescales, context.Calendar);
        entry = entry with { Detail = $"{name}, {contact.Name}, due on {dueOn:yyyy-MM-dd}" };
        return Decision<RapidReview>.Changed(this with
        {
            Agencies = Agencies.Add(new AgencySummary(name, slug, contact, today, dueOn, AddedAt: now)),
        });
    }

    private Decision<RapidReview> Submitted(RapidReviewEvent e, string actor, DateTimeOffset now, ref TimelineEntry entry)
    {
        if (e.Decision is not { } decision)
        {
            return Decision<RapidReview>.Invalid("decision", "Give the decision: lcspr, national-review-recommended or no-further-review.");
        }

        if (SubmittedOn is { } submitted)
        {
            return submitted == e.On && Decision == decision
                ? Decision<RapidReview>.Unchanged
                : Decision<RapidReview>.Conflict($"The rapid review is already recorded as submitted on {submitted:yyyy-MM-dd} with the decision {RapidReviewNames.Of(Decision!.Value)}.");
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        entry = entry with { Detail = $"{RapidReviewNames.Of(decision)} on {e.On:yyyy-MM-dd}" };
        var deadlines = Deadlines.Update(RapidReviewDeadlines.RapidReview, d => d.CompleteOn(e.On, now));

        // Once the review has gone to the Panel, what was still pending can no longer be chased: it is waived.
        var (remaining, waived) = Completion.WaivePending(deadlines, _ => true, now, actor);
        return Decision<RapidReview>.Changed(this with
        {
            SubmittedOn = e.On,
            Decision = decision,
            Deadlines = remaining,
            Timeline = Timeline.AddRange(waived),
        });
    }

    /// <summary>
    /// The outcome for a review saved before the referral asked for it. Also on a closed review: it completes the
    /// record. A serious harm (not a death) needs no Secretary of State notification, so one still open is waived.
    /// </summary>
    private Decision<RapidReview> OutcomeRecorded(RapidReviewEvent e, string actor, DateTimeOffset now, ref TimelineEntry entry)
    {
        if (e.Outcome is not { } outcome)
        {
            return Decision<RapidReview>.Invalid("outcome", "Say whether the child died or was seriously harmed: died or seriously-harmed.");
        }

        if (Case.Outcome == outcome)
        {
            return Decision<RapidReview>.Unchanged;
        }

        if (Case.Outcome is { } recorded)
        {
            return Decision<RapidReview>.Conflict($"The outcome is already recorded: {RapidReviewNames.Of(recorded)}.");
        }

        entry = entry with { Detail = $"{RapidReviewNames.Of(outcome)}, on {e.On:yyyy-MM-dd}" };
        var withOutcome = this with { Case = Case with { Outcome = outcome } };

        // Waived even when already overdue: no delay reason is owed for a notification the law does not ask for.
        var notNeeded = withOutcome.Case.NotifiesSecretaryOfState ? null : Deadlines.FirstOrDefault(d => d.Name == RapidReviewDeadlines.SecretaryOfStateNotification && d.IsOpen);
        return Decision<RapidReview>.Changed(notNeeded is null ? withOutcome : withOutcome with
        {
            Deadlines = Deadlines.Replace(notNeeded, notNeeded with { State = DeadlineState.Waived }),
            Timeline = Timeline.Add(new TimelineEntry(now, "deadline-waived", actor, notNeeded.Name)),
        });
    }

    private Decision<RapidReview> DelayReasonGiven(RapidReviewEvent e, string actor, ref TimelineEntry entry)
    {
        if (string.IsNullOrWhiteSpace(e.Reason))
        {
            return Decision<RapidReview>.Invalid("reason", "Give the reason for the delay.");
        }

        var reason = e.Reason.Trim();
        var decision = Reviews.DelayReasons.Decide(Deadlines, DelayReasons, _ => true, e.Deadline, reason);
        if (decision.Outcome != DecisionOutcome.Changed)
        {
            return new Decision<RapidReview>(decision.Outcome, Field: decision.Field, Message: decision.Message);
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        entry = entry with { Detail = $"{string.Join(", ", decision.Explains)}: {reason}" };
        return Decision<RapidReview>.Changed(this with
        {
            DelayReasons = DelayReasons.AddRange(decision.Explains.Select(n => new DelayReason(n, reason, e.On, actor))),
        });
    }

    /// <summary>Recounts the rapid review deadline once the notification date is known; done or waived deadlines keep their state.</summary>
    private RapidReview WithRapidReviewClock(ReviewContext context)
    {
        var clock = RapidReviewDates.RapidReviewDue(Case.AwareOn, NotifiedOn, ClockStart, context.Calendar);
        return this with
        {
            Deadlines = Deadlines.Update(RapidReviewDeadlines.RapidReview, d => d.DueOn == clock.DueOn || d.State is DeadlineState.Met or DeadlineState.Waived || d.MetAt is not null
                ? d
                // Pending again under the new date; if that has passed too, the next wake records the miss (and says so).
                : Completion.Due(d.Name, clock.DueOn)),
        };
    }

    /// <summary>The steps still wanted given what is recorded, merged with what was already done.</summary>
    private RapidReview Replanned(ReviewContext context, DateTimeOffset now)
    {
        var calendar = context.Calendar;
        var wanted = new List<ScheduledStep<RapidReviewAction>>();
        if (Status == ProcessStatus.Open && SubmittedOn is null)
        {
            var openedOn = LondonTime.LocalDate(OpenedAt);
            foreach (var agency in Agencies.Where(a => !a.Received))
            {
                var askedAt = agency.AddedAt ?? OpenedAt;
                wanted.Add(new(RapidReviewAction.RequestSummary, agency.Slug, agency.AddedAt is null ? openedOn : agency.RequestedOn, askedAt));
                var remindOn = calendar.AddWorkingDays(agency.DueOn, -RapidReviewDates.SummaryReminderWorkingDaysBefore);
                if (context.SendTimeOn(remindOn) > askedAt)
                {
                    wanted.Add(new(RapidReviewAction.RemindSummary, agency.Slug, remindOn, context.SendTimeOn(remindOn)));
                }

                foreach (var chaseOn in Schedule.ChaseDays(calendar, agency.DueOn, 1, RapidReviewDates.SummaryChasesPlannedAhead, LondonTime.LocalDate(now)))
                {
                    wanted.Add(new(RapidReviewAction.ChaseSummary, agency.Slug, chaseOn, context.SendTimeOn(chaseOn)));
                }
            }
        }

        if (Status == ProcessStatus.Open)
        {
            foreach (var deadline in Deadlines.Where(d => d.State == DeadlineState.Pending))
            {
                var warnOn = calendar.AddWorkingDays(deadline.DueOn, -RapidReviewDates.AtRiskWorkingDaysBefore);
                wanted.Add(new(RapidReviewAction.WarnAtRisk, deadline.Name, warnOn, context.SendTimeOn(warnOn)));
            }
        }

        return this with
        {
            Contacts = context.Contacts,
            Steps = Schedule.Replan(Steps, wanted, now, s => s.Action is RapidReviewAction.RequestSummary or RapidReviewAction.WarnAtRisk),
        };
    }

    /// <summary>Submitted (or notification-only), nothing pending and every missed deadline explained: the review is complete.</summary>
    private RapidReview CompletedIfDone(DateTimeOffset now) =>
        Status == ProcessStatus.Open && (SubmittedOn is not null || Case.NotificationOnly) && Deadlines.All(d => d.State != DeadlineState.Pending) && DelayReasonsNeeded.Count == 0
            ? this with { Status = ProcessStatus.Completed, Timeline = Timeline.Add(new TimelineEntry(now, "completed", Actors.System, Case.CaseReference)) }
            : this;

    private Transition<RapidReview> Do(ScheduledStep<RapidReviewAction> step, DateTimeOffset now)
    {
        var state = this with { Steps = Steps.MarkDone(step, now) };
        if (step.Action == RapidReviewAction.WarnAtRisk)
        {
            var deadline = Deadlines.FirstOrDefault(d => d.Name == step.Target);
            if (deadline is not { State: DeadlineState.Pending } || step.At > deadline.DueAt)
            {
                return state;
            }

            var warning = Email($"deadline-at-risk/{deadline.Name}/{deadline.DueOn:yyyy-MM-dd}", "rapid-reviews/deadline-at-risk", [Contacts.BusinessManager], now, new()
            {
                ["deadline"] = deadline.Name,
                ["deadlineName"] = RapidReviewDeadlines.Label(deadline.Name),
                ["dueOn"] = $"{deadline.DueOn:yyyy-MM-dd}",
                ["provisional"] = deadline.Name == RapidReviewDeadlines.RapidReview && RapidReviewDeadlineProvisional ? "true" : "false",
                ["waitingFor"] = deadline.Name == RapidReviewDeadlines.AgencySummaries ? string.Join(", ", Agencies.Where(a => !a.Received).Select(a => a.Agency)) : "",
                ["link"] = Link,
            });
            return new Transition<RapidReview>(
                state with { Timeline = Timeline.Add(new TimelineEntry(now, "deadline-at-risk", Actors.System, deadline.Name)) },
                [warning]);
        }

        var agency = Agencies.FirstOrDefault(a => a.Slug == step.Target);
        if (agency is null || agency.Received || SubmittedOn is not null)
        {
            return state;
        }

        var (template, type) = step.Action switch
        {
            RapidReviewAction.RequestSummary => ("rapid-reviews/summary-request", "summary-requested"),
            RapidReviewAction.RemindSummary => ("rapid-reviews/summary-reminder", "summary-reminded"),
            _ => ("rapid-reviews/summary-chase", "summary-chased"),
        };
        var email = Email($"{type}/{agency.Slug}/{step.On:yyyy-MM-dd}", template, [agency.Contact], now, new()
        {
            ["agency"] = agency.Agency,
            ["contactName"] = agency.Contact.Name,
            ["dueOn"] = $"{agency.DueOn:yyyy-MM-dd}",
            ["link"] = $"/forms/rapid-reviews/{Key.PartnershipId}/{Key.Id}/agency-summary/{agency.Slug}",
        });
        return new Transition<RapidReview>(state with { Timeline = Timeline.Add(new TimelineEntry(now, type, Actors.System, agency.Agency)) }, [email]);
    }

    /// <summary>A deadline passed unmet: the delegated safeguarding partners are told on the day, and a delay reason is asked for.</summary>
    private Transition<RapidReview> Missed(Deadline deadline, DateTimeOffset now)
    {
        var missedAt = deadline.DueAt.AddSeconds(1);
        var state = this with
        {
            Deadlines = Deadlines.Update(deadline.Name, d => d.CheckedAt(now)),
            Timeline = Timeline
                .Add(new TimelineEntry(missedAt, "deadline-missed", Actors.System, deadline.Name))
                .Add(new TimelineEntry(missedAt, "delay-reason-requested", Actors.System, deadline.Name)),
        };
        var email = Email($"deadline-missed/{deadline.Name}/{deadline.DueOn:yyyy-MM-dd}", "rapid-reviews/deadline-missed", Contacts.PartnersAndBusinessManager, now, new()
        {
            ["deadline"] = deadline.Name,
            ["deadlineName"] = RapidReviewDeadlines.Label(deadline.Name),
            ["dueOn"] = $"{deadline.DueOn:yyyy-MM-dd}",
            ["waitingFor"] = deadline.Name == RapidReviewDeadlines.AgencySummaries ? string.Join(", ", Agencies.Where(a => !a.Received).Select(a => a.Agency)) : "",
            ["link"] = Link,
            ["delayReasonLink"] = $"{Link}#delay-reason",
        });
        return new Transition<RapidReview>(state, [email]);
    }

    private OutgoingEmail Email(string action, string template, IReadOnlyList<EmailRecipient> to, DateTimeOffset now, Dictionary<string, string> values)
    {
        values["partnershipName"] = Contacts.PartnershipName;
        values["reference"] = Case.CaseReference;
        values["processName"] = "rapid review";
        return new OutgoingEmail($"{Key}/{action}", Key.PartnershipId, Key.ToString(), template, to, values, now);
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
