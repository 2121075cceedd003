using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Escalations;

/// <summary>
/// One escalation under the partnership's dispute resolution protocol (docs/design/statutory-rules.md §4): it climbs the stage
/// ladder until someone resolves it, then (if nobody does) leads to a formal notice to the organisation, whose required
/// changes are tracked, chased and, if unmet, end in the partners' recorded decision on referral to the Secretary of State.
/// </summary>
/// <remarks>
/// Every date is planned when something happens (raising, a manual escalation, serving the notice) with the
/// partnership's calendar, so <see cref="Wake"/> needs nothing but the state. Every time-driven action is a planned step
/// with a stable id recorded in <see cref="DoneSteps"/> once done.
/// </remarks>
public sealed record Escalation : IDurableProcess<Escalation>
{
    public required ProcessKey Key { get; init; }

    public ProcessStatus Status { get; init; } = ProcessStatus.Open;

    public required EscalationRequest Request { get; init; }

    /// <summary>
    /// The short reference people use, <c>ESC-2027-014</c> (see <see cref="EscalationReference"/>); null for an
    /// escalation raised before references were given, which goes by its id (<see cref="ShownReference"/>).
    /// </summary>
    public string? Reference { get; init; }

    public required string PartnershipName { get; init; }

    /// <summary>The London time at which automatic sends go out (the partnership's <c>sendTime</c>).</summary>
    public required TimeOnly SendTime { get; init; }

    public required EmailRecipient BusinessManager { get; init; }

    /// <summary>The business manager, the delegated safeguarding partners and the independent scrutineer.</summary>
    public required ImmutableList<EmailRecipient> Partnership { get; init; }

    /// <summary>Who a formal notice is served on (see <see cref="EscalationPeople.Organisation"/>).</summary>
    public required ImmutableList<EmailRecipient> Organisation { get; init; }

    /// <summary>The partnership's ladder as it stood when the concern was raised, with each stage's people and dates.</summary>
    public required ImmutableList<StagePlan> Stages { get; init; }

    /// <summary>1-based number of the stage the concern is at (or was at when it left the ladder).</summary>
    public int CurrentStage { get; init; } = 1;

    public EscalationPhase Phase { get; init; } = EscalationPhase.AtStage;

    /// <summary>When the formal notice falls due if the last stage passes unresolved.</summary>
    public required FormalNoticePlan FormalNoticeDue { get; init; }

    public FormalNotice? Notice { get; init; }

    public Resolution? Resolution { get; init; }

    public ReferralDecisionRecord? Referral { get; init; }

    public ImmutableList<EscalationResponse> Responses { get; init; } = [];

    /// <summary>Ids of the planned steps already carried out.</summary>
    public ImmutableList<string> DoneSteps { get; init; } = [];

    public ImmutableList<Deadline> Deadlines { get; init; } = [];

    public ImmutableList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>How pages and emails name the escalation: its reference, or its id when it was raised without one.</summary>
    [JsonIgnore]
    public string ShownReference => Reference ?? Key.Id;

    [JsonIgnore]
    public string Title => $"Escalation {ShownReference}";

    [JsonIgnore]
    public StagePlan Stage => Stages[CurrentStage - 1];

    [JsonIgnore]
    public bool AtLastStage => CurrentStage == Stages.Count;

    IReadOnlyList<Deadline> IDurableProcess<Escalation>.Deadlines => Deadlines;

    IReadOnlyList<TimelineEntry> IDurableProcess<Escalation>.Timeline => Timeline;

    /// <summary>
    /// At a stage, its people owe a resolution by the stage's deadline; once a formal notice is served, the organisation
    /// owes its response and each required change not yet met. Each is owed while its deadline is open.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<OwedItem> Owed
    {
        get
        {
            if (Status != ProcessStatus.Open)
            {
                return [];
            }

            var owed = new List<OwedItem>();
            if (Phase == EscalationPhase.AtStage && IsOpen(Stage.DeadlineName))
            {
                owed.AddRange(Stage.People.Select(p => new OwedItem(p.Email, Stage.DeadlineName, $"Resolve at stage {Stage.Number} ({Stage.Name})", Stage.DueOn)));
            }

            if (Phase == EscalationPhase.FormalNoticeServed && Notice is { } notice)
            {
                if (IsOpen(EscalationDeadlines.NoticeResponse))
                {
                    owed.AddRange(Organisation.Select(p => new OwedItem(p.Email, EscalationDeadlines.NoticeResponse, "Response to the formal notice", notice.RespondBy)));
                }

                foreach (var requirement in notice.Requirements.Where(r => !r.IsMet))
                {
                    owed.AddRange(Organisation.Select(p => new OwedItem(p.Email, requirement.DeadlineName, $"Required change {requirement.Id}", requirement.DueOn)));
                }
            }

            return owed;

            bool IsOpen(string deadline) => Deadlines.FirstOrDefault(d => d.Name == deadline) is { IsOpen: true };
        }
    }

    [JsonIgnore]
    public DateTimeOffset? NextWakeAt => Status != ProcessStatus.Open
        ? null
        : PendingSteps().Select(s => (DateTimeOffset?)s.At).Append(DeadlineChecks.NextCheck(Deadlines)).Min();

    /// <summary>
    /// Raises an escalation: stage 1 starts on <c>raisedOn</c> and its two practitioners are told at once; with
    /// <c>immediateRisk</c>, every level of the ladder is told at once instead (the stage clocks run as usual).
    /// </summary>
    public static Decision<Escalation> Raise(
        ProcessKey key,
        EscalationRequest request,
        PartnershipArrangements arrangements,
        StatutoryCalendar calendar,
        EscalationPolicy policy,
        string actor,
        DateTimeOffset now,
        string? reference = null)
    {
        var today = LondonTime.LocalDate(now);
        if (request.RaisedOn > today)
        {
            return Decision<Escalation>.Invalid("raisedOn", $"{Format(request.RaisedOn)} is in the future; an escalation is recorded once it has been raised.");
        }

        var stages = EscalationSchedule.Ladder(arrangements.Timescales.EscalationStages, arrangements, request, calendar, policy);
        var first = stages[0];
        var escalation = new Escalation
        {
            Key = key,
            Reference = reference,
            Request = request,
            PartnershipName = arrangements.Name,
            SendTime = arrangements.Timescales.SendTime,
            BusinessManager = EscalationPeople.Recipient(arrangements.BusinessManager),
            Partnership = EscalationPeople.Partnership(arrangements),
            Organisation = EscalationPeople.Organisation(arrangements, request),
            Stages = stages,
            FormalNoticeDue = EscalationSchedule.FormalNoticeAfter(stages[^1], calendar, policy),
            Deadlines = [StageDeadline(first)],
        };

        var timeline = ImmutableList.Create(new TimelineEntry(
            now, "raised", actor, $"Raised by {request.RaisedBy.Agency} about {request.Concerning.Agency}; {first.Label} to resolve by {Format(first.DueOn)}"));
        OutgoingEmail email;
        if (request.ImmediateRisk)
        {
            var everyone = stages.SelectMany(s => s.People).Concat(escalation.Partnership).DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase).ToList();
            timeline = timeline.Add(new TimelineEntry(now, "immediate-risk-notified", Actors.System, $"Immediate risk: all {stages.Count} levels told at once ({everyone.Count} people)"));
            email = EscalationEmails.Create(escalation, EscalationTemplates.ImmediateRisk, "immediate-risk", "all-levels", request.RaisedOn, everyone, now, EscalationEmails.StageValues(first));
        }
        else
        {
            email = EscalationEmails.Create(escalation, EscalationTemplates.Raised, "raised", first.DeadlineName, request.RaisedOn, first.People, now, EscalationEmails.StageValues(first));
        }

        return new Transition<Escalation>(escalation with { Timeline = timeline }, [email]);
    }

    /// <summary>Applies an event of docs/design/api.md (<c>responded</c>, <c>resolved</c>, <c>escalated</c>, <c>requirement-met</c>, <c>secretary-of-state-referral</c>).</summary>
    /// <returns>Unchanged for an event already recorded; Invalid (400) or a refusal (409) when it does not fit the state.</returns>
    public Decision<Escalation> Handle(EscalationEvent e, StatutoryCalendar calendar, EscalationPolicy policy, string actor, DateTimeOffset now)
    {
        if (Status == ProcessStatus.Cancelled)
        {
            return Decision<Escalation>.NotOpen($"Escalation '{ShownReference}' was cancelled; it takes no more events.");
        }

        var today = LondonTime.LocalDate(now);
        if (e.On > today)
        {
            return Decision<Escalation>.Invalid("on", $"{Format(e.On)} is in the future; record events once they have happened.");
        }

        if (e.On < Request.RaisedOn)
        {
            return Decision<Escalation>.Invalid("on", $"{Format(e.On)} is before the escalation was raised ({Format(Request.RaisedOn)}).");
        }

        return e.Type switch
        {
            EscalationEventTypes.Responded => Respond(e, actor, now),
            EscalationEventTypes.Resolved => e.Outcome is { } outcome
                ? Resolve(e.On, outcome, actor, now)
                : Decision<Escalation>.Invalid("outcome", "Say how the escalation was resolved."),
            EscalationEventTypes.Escalated => EscalateByHand(e.On, e.Stage, calendar, policy, actor, now),
            EscalationEventTypes.RequirementMet => e.RequirementId is { } requirementId
                ? MeetRequirement(requirementId, e.On, actor, now)
                : Decision<Escalation>.Invalid("requirementId", "Name the requirement that was met."),
            EscalationEventTypes.SecretaryOfStateReferral => e.Decision is { } decision
                ? DecideReferral(decision, e.On, e.Reason, actor, now)
                : Decision<Escalation>.Invalid("decision", "Use refer or do-not-refer."),
            _ => Decision<Escalation>.Invalid("type", $"Unknown event type '{e.Type}'. Use one of: {string.Join(", ", EscalationEventTypes.All)}."),
        };
    }

    /// <summary>
    /// Whether a formal notice may be served now, so that a page can ask before offering the form: while the escalation
    /// is open, at the last stage or once it has passed (never before), and once only. Unchanged when it may; otherwise
    /// the refusal <see cref="ServeFormalNotice"/> would give.
    /// </summary>
    public Decision<Escalation> CanServeFormalNotice()
    {
        if (Notice is { } served)
        {
            return Decision<Escalation>.Conflict($"A formal notice was already served on {Format(served.ServedOn)}.");
        }

        if (NotOpen("serve a formal notice") is { } closed)
        {
            return closed;
        }

        return Phase == EscalationPhase.AtStage && !AtLastStage
            ? Decision<Escalation>.Conflict($"A formal notice follows the last stage. Escalation '{ShownReference}' is at {Stage.Label} of {Stages.Count}; escalate it first.")
            : Decision<Escalation>.Unchanged;
    }

    /// <summary>Whether a response can be recorded now (while the escalation is open); otherwise the refusal.</summary>
    public Decision<Escalation> CanRespond() => NotOpen("record a response") ?? Decision<Escalation>.Unchanged;

    /// <summary>Whether the escalation can be recorded as resolved now: open and not resolved yet; otherwise the refusal.</summary>
    public Decision<Escalation> CanResolve() =>
        Resolution is { } resolved
            ? Decision<Escalation>.Conflict($"Escalation '{ShownReference}' was already resolved on {Format(resolved.On)}.")
            : NotOpen("resolve it") ?? Decision<Escalation>.Unchanged;

    /// <summary>Whether the escalation can be moved up by hand now: open, at a stage, and not the last one; otherwise the refusal.</summary>
    public Decision<Escalation> CanEscalate()
    {
        if (NotOpen("escalate it") is { } closed)
        {
            return closed;
        }

        if (Phase != EscalationPhase.AtStage || AtLastStage)
        {
            var where = Phase == EscalationPhase.AtStage ? $"at {Stage.Label}, the last stage" : "past the last stage";
            return Decision<Escalation>.Conflict(
                $"Escalation '{ShownReference}' is {where}: there is no further stage. Serve a formal notice instead (POST .../escalations/{Key.Id}/formal-notice).");
        }

        return Decision<Escalation>.Unchanged;
    }

    /// <summary>
    /// Whether a required change of the formal notice can be recorded as made now: a notice was served, the escalation
    /// is open and a change is still unmet. Unchanged when one can; otherwise the refusal.
    /// </summary>
    public Decision<Escalation> CanMeetRequirement()
    {
        if (Notice is not { } notice)
        {
            return NoNoticeToMeet();
        }

        return NotOpen("record a requirement as met")
            ?? (notice.Requirements.All(r => r.IsMet)
                ? Decision<Escalation>.Conflict($"Every requirement of the formal notice on escalation '{ShownReference}' is already met.")
                : Decision<Escalation>.Unchanged);
    }

    /// <summary>
    /// Whether the partners' decision on referral to the Secretary of State can be recorded now: a notice was served,
    /// the escalation is open, the partners have been asked (<see cref="ReferralDecisionDue"/>: after the final date,
    /// docs/design/statutory-rules.md §4) and no decision is recorded. Unchanged when it can; otherwise the refusal
    /// <see cref="Handle"/> would give, so pages and the API follow one rule.
    /// </summary>
    public Decision<Escalation> CanDecideReferral()
    {
        if (Referral is { } decided)
        {
            return Decision<Escalation>.Conflict($"The referral decision was already recorded on {Format(decided.On)}.");
        }

        if (Notice is not { } notice)
        {
            return Decision<Escalation>.Conflict($"Escalation '{ShownReference}' has no formal notice: a referral to the Secretary of State follows a formal notice that was not complied with.");
        }

        if (NotOpen("record a referral decision") is { } closed)
        {
            return closed;
        }

        return ReferralDecisionDue
            ? Decision<Escalation>.Unchanged
            : Decision<Escalation>.Conflict(
                $"The partners have not been asked to decide on referral yet. They are asked once a required change is still unmet after its last due date, on {Format(notice.ReferralPromptOn)}.");
    }

    /// <summary>
    /// The partners have been asked to decide on referral (a change was still unmet after the last due date) and have
    /// not recorded their decision yet.
    /// </summary>
    [JsonIgnore]
    public bool ReferralDecisionDue => Referral is null && Deadlines.Any(d => d.Name == EscalationDeadlines.ReferralDecision);

    /// <summary>
    /// Serves the formal notice when <see cref="CanServeFormalNotice"/> allows it. Each required change becomes a
    /// deadline (<c>requirement:{id}</c>) and the organisation's reply another (<c>notice-response</c>). Serving the
    /// same notice again changes nothing; a different one is refused.
    /// </summary>
    public Decision<Escalation> ServeFormalNotice(FormalNoticeRequest request, StatutoryCalendar calendar, EscalationPolicy policy, string actor, DateTimeOffset now)
    {
        if (Notice is { } served)
        {
            return served.Request.SameAs(request)
                ? Decision<Escalation>.Unchanged
                : Decision<Escalation>.Conflict($"A different formal notice was already served on {Format(served.ServedOn)}.");
        }

        if (CanServeFormalNotice() is { IsRefusal: true } refused)
        {
            return refused;
        }

        if (request.Requirements.Count == 0)
        {
            return Decision<Escalation>.Invalid("requirements", "A formal notice needs at least one required change.");
        }

        var today = LondonTime.LocalDate(now);
        for (var i = 0; i < request.Requirements.Count; i++)
        {
            if (request.Requirements[i].DueOn <= today)
            {
                return Decision<Escalation>.Invalid($"requirements[{i}].dueOn", $"{Format(request.Requirements[i].DueOn)} must be after the day the notice is served ({Format(today)}).");
            }
        }

        if (request.RespondBy is { } respondBy && respondBy <= today)
        {
            return Decision<Escalation>.Invalid("respondBy", $"{Format(respondBy)} must be after the day the notice is served ({Format(today)}).");
        }

        var finalDueOn = request.Requirements.Max(r => r.DueOn);
        var promptOn = calendar.AddWorkingDays(finalDueOn, 1);
        var notice = new FormalNotice(
            request,
            today,
            now,
            PartnershipName,
            Request.Concerning.Agency,
            request.Requirements.Select(r => new NoticeRequirement(r.Id, r.Change, r.DueOn, EscalationSchedule.ChaseDates(r.DueOn, promptOn, calendar, policy))).ToImmutableList(),
            request.Consequences,
            request.RespondBy ?? calendar.AddWorkingDays(today, policy.NoticeResponseWithinWorkingDays),
            promptOn,
            calendar.AddWorkingDays(promptOn, policy.ReferralDecisionWithinWorkingDays));

        var deadlines = Deadlines
            .Update(Stage.DeadlineName, d => d.PassedOn(now))
            .Update(EscalationDeadlines.FormalNotice, d => d.CompletedAt(now))
            .Add(NewDeadline(EscalationDeadlines.NoticeResponse, notice.RespondBy))
            .AddRange(notice.Requirements.Select(r => NewDeadline(r.DeadlineName, r.DueOn)));
        var withNotice = this with
        {
            Phase = EscalationPhase.FormalNoticeServed,
            Notice = notice,
            Deadlines = deadlines,
            Timeline = Timeline.Add(new TimelineEntry(
                now,
                "formal-notice-served",
                actor,
                $"Formal notice served on {notice.Organisation}: {notice.Requirements.Count} required changes, the last due {Format(finalDueOn)}; reply due {Format(notice.RespondBy)}")),
        };
        var email = EscalationEmails.Create(withNotice, EscalationTemplates.FormalNoticeServed, "formal-notice-served", "organisation", today, Organisation.Concat(Partnership), now, new Dictionary<string, string>
        {
            ["organisation"] = notice.Organisation,
            ["servedOn"] = Format(today),
            ["respondBy"] = Format(notice.RespondBy),
            ["requirementCount"] = notice.Requirements.Count.ToString(CultureInfo.InvariantCulture),
            ["finalDueOn"] = Format(finalDueOn),
            ["htmlLink"] = FormalNotice.DocumentPage(Key, FormalNotice.HtmlDocument),
            ["docxLink"] = FormalNotice.DocumentPage(Key, FormalNotice.DocxDocument),
        });
        return new Transition<Escalation>(withNotice, [email]);
    }

    public Transition<Escalation> Cancel(string reason, string actor, DateTimeOffset now)
    {
        if (Status != ProcessStatus.Open)
        {
            return this;
        }

        var cancelled = Closed(ProcessStatus.Cancelled) with { Timeline = Timeline.Add(new TimelineEntry(now, "cancelled", actor, reason)) };
        var email = EscalationEmails.Create(cancelled, EscalationTemplates.Cancelled, "cancelled", "everyone", LondonTime.LocalDate(now), Involved(), now, new Dictionary<string, string>
        {
            ["processName"] = "escalation",
            ["cancelledOn"] = Format(LondonTime.LocalDate(now)),
        });
        return new(cancelled, [email]);
    }

    /// <summary>Does every planned step due as of <paramref name="now"/>, in due order, noticing missed deadlines on the way.</summary>
    public Transition<Escalation> Wake(DateTimeOffset now)
    {
        if (Status != ProcessStatus.Open)
        {
            return this;
        }

        var state = this;
        var emails = new List<OutgoingEmail>();
        while (state.Status == ProcessStatus.Open && state.PendingSteps().Where(s => s.At <= now).OrderBy(s => s.At).FirstOrDefault() is { } step)
        {
            // A deadline that passed before the step is recorded missed first, so the timeline reads in the order things happened.
            state = state.CheckDeadlines(step.At);
            var done = state.Perform(step, now);
            state = done.State with { DoneSteps = done.State.DoneSteps.Add(step.Id) };
            emails.AddRange(done.Emails);
        }

        state = state.CheckDeadlines(now);
        return ReferenceEquals(state, this) ? this : new Transition<Escalation>(state, emails);
    }

    /// <summary>A time-driven action: <see cref="Id"/> is stable, so recording it as done makes waking idempotent.</summary>
    internal sealed record PlannedStep(string Id, DateTimeOffset At, StepAction Action, DateOnly On, string? RequirementId = null);

    internal enum StepAction
    {
        StageReminder,
        Escalate,
        PromptFormalNotice,
        FormalNoticeReminder,
        ChaseRequirement,
        PromptReferral,
    }

    /// <summary>Every step the current phase plans that has not been done yet.</summary>
    internal IEnumerable<PlannedStep> PendingSteps() => Status != ProcessStatus.Open ? [] : PlannedSteps().Where(s => !DoneSteps.Contains(s.Id));

    private IEnumerable<PlannedStep> PlannedSteps()
    {
        switch (Phase)
        {
            case EscalationPhase.AtStage:
                var stage = Stage;
                if (stage.ReminderOn is { } reminderOn)
                {
                    yield return Step($"{stage.DeadlineName}/reminder", reminderOn, StepAction.StageReminder);
                }

                yield return AtLastStage
                    ? Step($"{EscalationDeadlines.FormalNotice}/prompt", stage.EscalatesOn, StepAction.PromptFormalNotice)
                    : Step($"{stage.DeadlineName}/escalate", stage.EscalatesOn, StepAction.Escalate);
                break;

            case EscalationPhase.FormalNoticeDue:
                if (FormalNoticeDue.ReminderOn is { } noticeReminderOn)
                {
                    yield return Step($"{EscalationDeadlines.FormalNotice}/reminder", noticeReminderOn, StepAction.FormalNoticeReminder);
                }

                break;

            case EscalationPhase.FormalNoticeServed when Notice is { } notice:
                var unmet = notice.Requirements.Where(r => !r.IsMet).ToList();
                foreach (var requirement in unmet)
                {
                    foreach (var chaseOn in requirement.ChaseOn)
                    {
                        yield return Step($"{requirement.DeadlineName}/chase/{Format(chaseOn)}", chaseOn, StepAction.ChaseRequirement, requirement.Id);
                    }
                }

                if (unmet.Count > 0 && Referral is null)
                {
                    yield return Step("referral/prompt", notice.ReferralPromptOn, StepAction.PromptReferral);
                }

                break;
        }
    }

    private PlannedStep Step(string id, DateOnly on, StepAction action, string? requirementId = null) =>
        new(id, LondonTime.At(on, SendTime), action, on, requirementId);

    private Transition<Escalation> Perform(PlannedStep step, DateTimeOffset now) => step.Action switch
    {
        StepAction.StageReminder => RemindStage(step, now),
        StepAction.Escalate => EscalateAutomatically(step, now),
        StepAction.PromptFormalNotice => PromptFormalNotice(step, now),
        StepAction.FormalNoticeReminder => RemindFormalNotice(step, now),
        StepAction.ChaseRequirement => ChaseRequirement(step, now),
        StepAction.PromptReferral => PromptReferral(step, now),
        _ => throw new InvalidOperationException($"Unknown step {step.Action}."),
    };

    private Transition<Escalation> RemindStage(PlannedStep step, DateTimeOffset now)
    {
        var stage = Stage;
        var state = this with { Timeline = Timeline.Add(new TimelineEntry(now, "reminder-sent", Actors.System, $"{Capital(stage.Label)} reminded: resolve by {Format(stage.DueOn)}")) };
        return new(state, [EscalationEmails.Create(state, EscalationTemplates.StageReminder, "stage-reminder", stage.DeadlineName, step.On, stage.People, now, EscalationEmails.StageValues(stage))]);
    }

    private Transition<Escalation> EscalateAutomatically(PlannedStep step, DateTimeOffset now)
    {
        var from = Stage;
        var to = Stages[CurrentStage];
        var state = this with
        {
            CurrentStage = CurrentStage + 1,
            Deadlines = Deadlines.Update(from.DeadlineName, d => d.PassedOn(step.At)).Add(StageDeadline(to)),
            Timeline = Timeline.Add(new TimelineEntry(
                now, "escalated", Actors.System, $"Unresolved at {from.Label} by {Format(from.DueOn)}: escalated to {to.Label}, to resolve by {Format(to.DueOn)}")),
        };
        return new(state, [EscalatedEmail(state, from, to, step.On, automatic: true, now)]);
    }

    private Transition<Escalation> PromptFormalNotice(PlannedStep step, DateTimeOffset now)
    {
        var last = Stage;
        var state = this with
        {
            Phase = EscalationPhase.FormalNoticeDue,
            Deadlines = Deadlines.Update(last.DeadlineName, d => d.PassedOn(step.At)).Add(NewDeadline(EscalationDeadlines.FormalNotice, FormalNoticeDue.DueOn)),
            Timeline = Timeline.Add(new TimelineEntry(
                now,
                "formal-notice-prompted",
                Actors.System,
                $"Unresolved after the last stage ({last.Label}, due {Format(last.DueOn)}): business manager prompted to serve a formal notice by {Format(FormalNoticeDue.DueOn)}")),
        };
        return new(state, [EscalationEmails.Create(state, EscalationTemplates.FormalNoticePrompt, "formal-notice-prompt", "business-manager", step.On, [BusinessManager], now, new Dictionary<string, string>
        {
            ["stage"] = last.Number.ToString(CultureInfo.InvariantCulture),
            ["stageName"] = last.Name,
            ["noticeDueOn"] = Format(FormalNoticeDue.DueOn),
            ["organisation"] = Request.Concerning.Agency,
        })]);
    }

    private Transition<Escalation> RemindFormalNotice(PlannedStep step, DateTimeOffset now)
    {
        var state = this with { Timeline = Timeline.Add(new TimelineEntry(now, "reminder-sent", Actors.System, $"Business manager reminded: formal notice due {Format(FormalNoticeDue.DueOn)}")) };
        return new(state, [EscalationEmails.Create(state, EscalationTemplates.FormalNoticeReminder, "formal-notice-reminder", "business-manager", step.On, [BusinessManager], now, new Dictionary<string, string>
        {
            ["noticeDueOn"] = Format(FormalNoticeDue.DueOn),
            ["organisation"] = Request.Concerning.Agency,
        })]);
    }

    private Transition<Escalation> ChaseRequirement(PlannedStep step, DateTimeOffset now)
    {
        var requirement = Notice!.Requirements.Single(r => r.Id == step.RequirementId);
        var state = this with
        {
            Timeline = Timeline.Add(new TimelineEntry(now, "requirement-chased", Actors.System, $"Requirement {requirement.Id} (due {Format(requirement.DueOn)}) is not met: {Notice.Organisation} chased")),
        };
        return new(state, [EscalationEmails.Create(state, EscalationTemplates.RequirementChase, "requirement-chase", requirement.Id, step.On, Organisation.Append(BusinessManager), now, new Dictionary<string, string>
        {
            ["organisation"] = Notice.Organisation,
            ["requirementId"] = requirement.Id,
            ["dueOn"] = Format(requirement.DueOn),
            ["htmlLink"] = FormalNotice.DocumentPage(Key, FormalNotice.HtmlDocument),
        })]);
    }

    private Transition<Escalation> PromptReferral(PlannedStep step, DateTimeOffset now)
    {
        var notice = Notice!;
        var unmet = notice.Requirements.Where(r => !r.IsMet).Select(r => r.Id).ToList();
        var state = this with
        {
            Deadlines = Deadlines.Add(NewDeadline(EscalationDeadlines.ReferralDecision, notice.ReferralDecisionDueOn)),
            Timeline = Timeline.Add(new TimelineEntry(
                now,
                "referral-prompted",
                Actors.System,
                $"Requirements still unmet after the last due date: {string.Join(", ", unmet)}. Partners asked to decide on referral to the Secretary of State by {Format(notice.ReferralDecisionDueOn)}")),
        };
        return new(state, [EscalationEmails.Create(state, EscalationTemplates.ReferralPrompt, "referral-prompt", "partnership", step.On, Partnership, now, new Dictionary<string, string>
        {
            ["organisation"] = notice.Organisation,
            ["unmetRequirements"] = string.Join(", ", unmet),
            ["unmetCount"] = unmet.Count.ToString(CultureInfo.InvariantCulture),
            ["decisionDueOn"] = Format(notice.ReferralDecisionDueOn),
            ["htmlLink"] = FormalNotice.DocumentPage(Key, FormalNotice.HtmlDocument),
        })]);
    }

    private Decision<Escalation> Respond(EscalationEvent e, string actor, DateTimeOffset now)
    {
        int? stage = Phase == EscalationPhase.AtStage ? CurrentStage : null;
        var response = new EscalationResponse(e.On, stage, Blank(e.By?.Agency), Blank(e.By?.Name), Blank(e.Note), now, actor);
        if (Responses.Any(r => r.On == response.On && r.Stage == response.Stage && r.Agency == response.Agency && r.Name == response.Name && r.Note == response.Note))
        {
            return Decision<Escalation>.Unchanged; // the same response posted again
        }

        if (CanRespond() is { IsRefusal: true } refused)
        {
            return refused;
        }

        var to = stage is { } n ? Capital(Stages[n - 1].Label) : Phase == EscalationPhase.FormalNoticeServed ? "Formal notice" : "Formal notice due";
        var from = response.Agency ?? response.Name;
        var deadlines = Phase == EscalationPhase.FormalNoticeServed ? Deadlines.Update(EscalationDeadlines.NoticeResponse, d => d.CompletedAt(When(e.On, now))) : Deadlines;
        return Decision<Escalation>.Changed(this with
        {
            Responses = Responses.Add(response),
            Deadlines = deadlines,
            Timeline = Timeline.Add(new TimelineEntry(now, "responded", actor, from is null ? $"{to}: response on {Format(e.On)}" : $"{to}: response from {from} on {Format(e.On)}")),
        });
    }

    private Decision<Escalation> Resolve(DateOnly on, string outcome, string actor, DateTimeOffset now)
    {
        if (Resolution is { } resolved)
        {
            return resolved.On == on && resolved.Outcome == outcome
                ? Decision<Escalation>.Unchanged
                : Decision<Escalation>.Conflict($"Escalation '{ShownReference}' was already resolved on {Format(resolved.On)} with a different outcome.");
        }

        if (CanResolve() is { IsRefusal: true } refused)
        {
            return refused;
        }

        int? atStage = Phase == EscalationPhase.AtStage ? CurrentStage : null;
        var when = When(on, now);
        var deadlines = atStage is null ? Deadlines : Deadlines.Update(Stage.DeadlineName, d => d.CompletedAt(when));
        var where = atStage is null ? (Phase == EscalationPhase.FormalNoticeDue ? "after the last stage" : "after the formal notice") : $"at {Stage.Label}";
        var state = (this with { Deadlines = deadlines }).Closed(ProcessStatus.Completed) with
        {
            Resolution = new Resolution(on, outcome, atStage, now, actor),
            Timeline = Timeline.Add(new TimelineEntry(now, "resolved", actor, $"Resolved {where} on {Format(on)}: {outcome}")),
        };
        return new Transition<Escalation>(state, [EscalationEmails.Create(state, EscalationTemplates.Resolved, "resolved", "everyone", on, Involved(), now, new Dictionary<string, string>
        {
            ["resolvedOn"] = Format(on),
            ["where"] = where,
        })]);
    }

    private Decision<Escalation> EscalateByHand(DateOnly on, int? toStage, StatutoryCalendar calendar, EscalationPolicy policy, string actor, DateTimeOffset now)
    {
        if (toStage is { } already && Phase == EscalationPhase.AtStage && already == CurrentStage && CurrentStage > 1 && Stage.StartsOn == on)
        {
            return Decision<Escalation>.Unchanged; // the same escalation posted again
        }

        if (CanEscalate() is { IsRefusal: true } refused)
        {
            return refused;
        }

        if (toStage is { } wanted && wanted != CurrentStage + 1)
        {
            return Decision<Escalation>.Conflict($"Escalation '{ShownReference}' is at {Stage.Label}; it can only move to stage {CurrentStage + 1}, not {wanted}.");
        }

        if (on < Stage.StartsOn)
        {
            return Decision<Escalation>.Invalid("on", $"{Format(on)} is before the escalation reached {Stage.Label} ({Format(Stage.StartsOn)}).");
        }

        var from = Stage;
        var stages = EscalationSchedule.Replan(Stages, CurrentStage, on, calendar, policy);
        var to = stages[CurrentStage];
        var state = this with
        {
            Stages = stages,
            CurrentStage = CurrentStage + 1,
            FormalNoticeDue = EscalationSchedule.FormalNoticeAfter(stages[^1], calendar, policy),
            Deadlines = Deadlines
                .Update(from.DeadlineName, d => d.PassedOn(now))
                .Add(StageDeadline(to)),
            Timeline = Timeline.Add(new TimelineEntry(now, "escalated", actor, $"Escalated by hand from {from.Label} to {to.Label} on {Format(on)}, to resolve by {Format(to.DueOn)}")),
        };
        return new Transition<Escalation>(state, [EscalatedEmail(state, from, to, on, automatic: false, now)]);
    }

    private Decision<Escalation> MeetRequirement(string requirementId, DateOnly on, string actor, DateTimeOffset now)
    {
        if (Notice is not { } notice)
        {
            return NoNoticeToMeet();
        }

        if (notice.Requirements.FirstOrDefault(r => string.Equals(r.Id, requirementId, StringComparison.Ordinal)) is not { } requirement)
        {
            return Decision<Escalation>.Invalid("requirementId", $"The formal notice has no requirement '{requirementId}'. Its requirements are: {string.Join(", ", notice.Requirements.Select(r => r.Id))}.");
        }

        if (requirement.MetOn is { } metOn)
        {
            return metOn == on ? Decision<Escalation>.Unchanged : Decision<Escalation>.Conflict($"Requirement '{requirementId}' was already recorded as met on {Format(metOn)}.");
        }

        if (NotOpen("record a requirement as met") is { } closed)
        {
            return closed;
        }

        if (on < notice.ServedOn)
        {
            return Decision<Escalation>.Invalid("on", $"{Format(on)} is before the formal notice was served ({Format(notice.ServedOn)}).");
        }

        var requirements = notice.Requirements.Replace(requirement, requirement with { MetOn = on });
        var state = this with
        {
            Notice = notice with { Requirements = requirements },
            Deadlines = Deadlines.Update(requirement.DeadlineName, d => d.CompletedAt(When(on, now))),
            Timeline = Timeline.Add(new TimelineEntry(now, "requirement-met", actor, $"Requirement {requirement.Id} (due {Format(requirement.DueOn)}) met on {Format(on)}")),
        };
        if (requirements.Any(r => !r.IsMet))
        {
            return Decision<Escalation>.Changed(state);
        }

        var complied = state.Closed(ProcessStatus.Completed) with
        {
            Timeline = state.Timeline.Add(new TimelineEntry(now, "notice-complied-with", Actors.System, $"Every requirement of the formal notice is met: {notice.Organisation} has complied")),
        };
        return new Transition<Escalation>(complied, [EscalationEmails.Create(complied, EscalationTemplates.NoticeCompliedWith, "notice-complied-with", "organisation", on, Organisation.Concat(Partnership), now, new Dictionary<string, string>
        {
            ["organisation"] = notice.Organisation,
            ["compliedOn"] = Format(on),
        })]);
    }

    private Decision<Escalation> DecideReferral(ReferralDecision decision, DateOnly on, string? reason, string actor, DateTimeOffset now)
    {
        if (Referral is { } decided)
        {
            return decided.Decision == decision && decided.On == on && decided.Reason == Blank(reason)
                ? Decision<Escalation>.Unchanged
                : Decision<Escalation>.Conflict($"The referral decision was already recorded on {Format(decided.On)}.");
        }

        if (CanDecideReferral() is { IsRefusal: true } refused)
        {
            return refused;
        }

        var notice = Notice!;
        if (on < notice.ServedOn)
        {
            return Decision<Escalation>.Invalid("on", $"{Format(on)} is before the formal notice was served ({Format(notice.ServedOn)}).");
        }

        var what = decision == ReferralDecision.Refer ? "refer" : "not to refer";
        var state = (this with { Deadlines = Deadlines.Update(EscalationDeadlines.ReferralDecision, d => d.CompletedAt(When(on, now))) }).Closed(ProcessStatus.Completed) with
        {
            Referral = new ReferralDecisionRecord(on, decision, Blank(reason), now, actor),
            Timeline = Timeline.Add(new TimelineEntry(
                now, "secretary-of-state-referral", actor, $"Partners decided on {Format(on)} {what} {notice.Organisation} to the Secretary of State{(Blank(reason) is { } r ? $": {r}" : "")}")),
        };
        return Decision<Escalation>.Changed(state);
    }

    private OutgoingEmail EscalatedEmail(Escalation state, StagePlan from, StagePlan to, DateOnly on, bool automatic, DateTimeOffset now) =>
        EscalationEmails.Create(state, EscalationTemplates.Escalated, "escalated", to.DeadlineName, on, from.People.Concat(to.People), now, new Dictionary<string, string>
        {
            ["fromStage"] = from.Number.ToString(CultureInfo.InvariantCulture),
            ["fromStageName"] = from.Name,
            ["fromResolveBy"] = Format(from.DueOn),
            ["stage"] = to.Number.ToString(CultureInfo.InvariantCulture),
            ["stageName"] = to.Name,
            ["resolveBy"] = Format(to.DueOn),
            ["automatic"] = automatic ? "yes" : "no",
        });

    /// <summary>Everyone the concern has reached so far (and, once there is a notice, the organisation and the partnership).</summary>
    private IEnumerable<EmailRecipient> Involved() =>
        Stages.Take(CurrentStage).SelectMany(s => s.People)
            .Concat(Phase == EscalationPhase.AtStage ? [] : Phase == EscalationPhase.FormalNoticeDue ? [BusinessManager] : Organisation.Concat(Partnership))
            .Concat(Request.ImmediateRisk ? Stages.SelectMany(s => s.People).Concat(Partnership) : [])
            .DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase);

    /// <summary>This escalation, closed: every deadline still pending is waived, so nothing is left to chase.</summary>
    private Escalation Closed(ProcessStatus status) => this with
    {
        Status = status,
        Deadlines = Deadlines.Select(d => d.State == DeadlineState.Pending ? d with { State = DeadlineState.Waived } : d).ToImmutableList(),
    };

    private Escalation CheckDeadlines(DateTimeOffset at)
    {
        var (deadlines, missed) = DeadlineChecks.CheckAt(Deadlines, at);
        return missed.Count == 0 ? this : this with { Deadlines = deadlines, Timeline = Timeline.AddRange(missed) };
    }

    private Decision<Escalation> NoNoticeToMeet() =>
        Decision<Escalation>.Conflict($"Escalation '{ShownReference}' has no formal notice, so it has no requirements to meet.");

    /// <summary>The refusal when the escalation is closed or cancelled; null while it is open.</summary>
    private Decision<Escalation>? NotOpen(string what) => Status == ProcessStatus.Open
        ? null
        : Decision<Escalation>.NotOpen($"Escalation '{ShownReference}' {(Status == ProcessStatus.Cancelled ? "was cancelled" : "is closed")}: cannot {what}.");

    private static Deadline StageDeadline(StagePlan stage) => NewDeadline(stage.DeadlineName, stage.DueOn);

    private static Deadline NewDeadline(string name, DateOnly dueOn) => new(name, dueOn, LondonTime.EndOfDay(dueOn));

    /// <summary>The instant an event dated <paramref name="on"/> counts as done: now, or the end of that day if it is recorded later.</summary>
    private static DateTimeOffset When(DateOnly on, DateTimeOffset now)
    {
        var endOfDay = LondonTime.EndOfDay(on);
        return now < endOfDay ? now : endOfDay;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Format(DateOnly date) => EscalationEmails.Date(date);
}
