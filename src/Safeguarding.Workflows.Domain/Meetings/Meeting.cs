using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Timeliness;

namespace Safeguarding.Workflows.Domain.Meetings;

/// <summary>
/// A partnership meeting and its paper circulation (docs/design/statutory-rules.md §1), as pure rules over an immutable state.
/// Scheduling asks every author for their paper and invites the members; time then drives the reminders, chasers and
/// the circulation of the pack (see <see cref="MeetingDates"/>); after the meeting come attendance, quorum, notes and
/// actions. Every time-driven action is a <see cref="MeetingStep"/> with a stable id, recorded as done, so
/// <see cref="Wake"/> is idempotent.
/// </summary>
/// <param name="Request">The creation request as first received (for idempotent PUT).</param>
/// <param name="StartsAt">When the meeting starts now (changed by rescheduling).</param>
/// <param name="Circulation">Members and nominated deputies when the meeting was scheduled: who gets the invitation and the pack.</param>
/// <param name="ShortNotice">Scheduled (or moved) after the time its pack should have gone out, so it circulated at once.</param>
/// <param name="InviteSequence">The iCalendar SEQUENCE of the last invitation sent; every update raises it.</param>
public sealed record Meeting(
    ProcessKey Key,
    ProcessStatus Status,
    MeetingRequest Request,
    DateTimeOffset StartsAt,
    string PartnershipName,
    ImmutableList<EmailRecipient> Circulation,
    EmailRecipient BusinessManager,
    TimeOnly SendTime,
    MeetingDates Dates,
    MeetingChair Chair,
    bool ShortNotice,
    int InviteSequence,
    DateTimeOffset? CirculatedAt,
    ImmutableList<Paper> Papers,
    ImmutableList<MeetingStep> Steps,
    MeetingAttendance? Attendance,
    MeetingNotes? Notes,
    ImmutableList<MeetingAction> Actions,
    ImmutableList<Deadline> Deadlines,
    ImmutableList<TimelineEntry> Timeline) : IDurableProcess<Meeting>
{
    /// <summary>How long the calendar invitation blocks out; the API takes a start only.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromHours(2);

    [JsonIgnore]
    public string Title => Request.Title;

    [JsonIgnore]
    public string? Location => Request.Location;

    [JsonIgnore]
    public DateTimeOffset EndsAt => StartsAt + Length;

    /// <summary>When the pack goes (or went): 09:00 London on the circulation date, or at once for short notice.</summary>
    [JsonIgnore]
    public DateTimeOffset? CirculationDueAt => Steps.FirstOrDefault(s => s.Kind == MeetingStepKind.Circulation)?.DueAt;

    [JsonIgnore]
    public IEnumerable<MeetingStep> PendingSteps => Steps.Where(s => s.IsPending);

    IReadOnlyList<Deadline> IDurableProcess<Meeting>.Deadlines => Deadlines;

    IReadOnlyList<TimelineEntry> IDurableProcess<Meeting>.Timeline => Timeline;

    /// <summary>
    /// Papers still awaited from their authors until the meeting takes place (due on the paper deadline), and actions
    /// not yet done by their owners.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<OwedItem> Owed => Status != ProcessStatus.Open
        ? []
        :
        [
            .. Papers.Where(p => p.Status == PaperStatus.Awaited && Attendance is null)
                .Select(p => new OwedItem(p.Author.Email, $"paper:{p.Id}", $"Paper “{p.Title}”", Dates.PaperDeadlineOn)),
            .. Actions.Where(a => a.CompletedAt is null)
                .Select(a => new OwedItem(a.Owner.Email, $"action:{a.Id}", $"Action “{a.Title}”", a.DueOn)),
        ];

    [JsonIgnore]
    public DateTimeOffset? NextWakeAt =>
        Status != ProcessStatus.Open
            ? null
            : PendingSteps.Select(s => (DateTimeOffset?)s.DueAt).Append(DeadlineChecks.NextCheck(Deadlines)).Min();

    public Paper? Paper(string paperId) => Papers.FirstOrDefault(p => p.Id == paperId);

    public MeetingAction? Action(string actionId) => Actions.FirstOrDefault(a => a.Id == actionId);

    // ---- Scheduling -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Schedules the meeting: fixes its dates and chair, invites the members and nominated deputies, and asks each
    /// author for their paper. A meeting scheduled after the moment its pack should have gone out is short notice:
    /// it circulates at once (the wake that follows this transition sends the pack).
    /// </summary>
    public static Transition<Meeting> Schedule(
        ProcessKey key, MeetingRequest request, PartnershipArrangements arrangements, StatutoryCalendar calendar, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(arrangements);
        ArgumentNullException.ThrowIfNull(calendar);
        var meetingOn = LondonTime.LocalDate(request.StartsAt);
        var sendTime = arrangements.Timescales.SendTime;
        var dates = MeetingDates.For(meetingOn, arrangements.Timescales, calendar);
        var shortNotice = LondonTime.At(dates.CirculationOn, sendTime) <= now;
        if (shortNotice)
        {
            dates = dates.CirculatingAtOnce(LondonTime.LocalDate(now));
        }

        var meeting = new Meeting(
            key,
            ProcessStatus.Open,
            request,
            request.StartsAt,
            arrangements.Name,
            [.. arrangements.MembersAndDeputies.Select(c => new EmailRecipient(c.Name, c.Email))],
            new EmailRecipient(arrangements.BusinessManager.Name, arrangements.BusinessManager.Email),
            sendTime,
            dates,
            ChairRotation.For(arrangements, meetingOn),
            shortNotice,
            InviteSequence: 0,
            CirculatedAt: null,
            [.. request.Papers.Select(p => new Paper(p.Id, p.Title, p.Author))],
            Steps: [],
            Attendance: null,
            Notes: null,
            Actions: [],
            Deadlines: [],
            Timeline: []).Replanned(now);

        var entries = new List<TimelineEntry>
        {
            new(now, MeetingEvents.Scheduled, actor,
                $"Meeting on {Iso(dates.MeetingOn)}; circulation {Iso(dates.CirculationOn)}; paper deadline {Iso(dates.PaperDeadlineOn)}; chair {meeting.Chair.Organisation}"),
        };
        if (shortNotice)
        {
            entries.Add(new(now, MeetingEvents.ShortNotice, actor, "Scheduled with less notice than circulation needs: the pack goes at once"));
        }

        var emails = new List<OutgoingEmail> { MeetingEmails.Invitation(meeting, now) };
        entries.Add(new(now, MeetingEvents.InvitationSent, Actors.System, $"Invitation to {meeting.Circulation.Count} members and deputies"));
        foreach (var paper in meeting.Papers)
        {
            emails.Add(MeetingEmails.PaperRequest(meeting, paper, now));
            entries.Add(new(now, MeetingEvents.PaperRequested, Actors.System, $"{paper.Id}: due {Iso(dates.PaperDeadlineOn)}"));
        }

        return new(meeting with { Timeline = [.. entries] }, emails);
    }

    /// <summary>
    /// Moves the meeting. Every pending date is recomputed from the new date; done steps stay done (a pack already
    /// circulated is not sent again). Members get an updated invitation; authors still awaited get the new deadline.
    /// </summary>
    public Decision<Meeting> Reschedule(DateTimeOffset startsAt, PartnershipArrangements arrangements, StatutoryCalendar calendar, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(arrangements);
        ArgumentNullException.ThrowIfNull(calendar);
        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        if (Attendance is not null)
        {
            return Decision<Meeting>.Conflict("The meeting has taken place (attendance is recorded); it cannot be moved.");
        }

        if (startsAt == StartsAt)
        {
            return Decision<Meeting>.Unchanged;
        }

        var before = Dates;
        var dates = MeetingDates.For(LondonTime.LocalDate(startsAt), arrangements.Timescales, calendar);
        var shortNotice = ShortNotice;
        if (CirculatedAt is not null)
        {
            // What has happened stays as it happened: only the meeting and notes dates move.
            dates = before with { MeetingOn = dates.MeetingOn, NotesDueOn = dates.NotesDueOn };
        }
        else
        {
            shortNotice = LondonTime.At(dates.CirculationOn, SendTime) <= now;
            if (shortNotice)
            {
                dates = dates.CirculatingAtOnce(LondonTime.LocalDate(now));
            }
        }

        var moved = (this with { StartsAt = startsAt, Dates = dates, ShortNotice = shortNotice, InviteSequence = InviteSequence + 1 }).Replanned(now);
        var entries = new List<TimelineEntry>
        {
            new(now, MeetingEvents.Rescheduled, actor,
                $"From {Iso(before.MeetingOn)} to {Iso(dates.MeetingOn)}; circulation {Iso(dates.CirculationOn)}; paper deadline {Iso(dates.PaperDeadlineOn)}"),
        };
        if (shortNotice && !ShortNotice)
        {
            entries.Add(new(now, MeetingEvents.ShortNotice, actor, "Moved to less notice than circulation needs: the pack goes at once"));
        }

        var emails = new List<OutgoingEmail> { MeetingEmails.Rescheduled(moved, before.MeetingOn, now) };
        entries.Add(new(now, MeetingEvents.InvitationSent, Actors.System, $"Updated invitation (sequence {moved.InviteSequence}) to {Circulation.Count} members and deputies"));
        if (CirculatedAt is null && dates.PaperDeadlineOn != before.PaperDeadlineOn)
        {
            foreach (var paper in moved.Papers.Where(p => p.Status == PaperStatus.Awaited))
            {
                emails.Add(MeetingEmails.PaperDeadlineChanged(moved, paper, now));
            }
        }

        return new Transition<Meeting>(moved with { Timeline = Timeline.AddRange(entries) }, emails);
    }

    /// <summary>Stops every pending action and tells the members (with an iCalendar CANCEL) and the authors still awaited.</summary>
    public Transition<Meeting> Cancel(string reason, string actor, DateTimeOffset now)
    {
        if (Status != ProcessStatus.Open)
        {
            return this;
        }

        var beforeStart = now < StartsAt;
        var cancelled = this with
        {
            Status = ProcessStatus.Cancelled,
            Steps = Steps.RemoveAll(s => s.IsPending),
            Deadlines = [.. Deadlines.Select(d => d.State == DeadlineState.Pending ? d with { State = DeadlineState.Waived } : d)],
            InviteSequence = beforeStart ? InviteSequence + 1 : InviteSequence,
        };
        var entries = new List<TimelineEntry> { new(now, MeetingEvents.Cancelled, actor, reason) };
        var emails = new List<OutgoingEmail>();

        // A meeting that has already started is only closed: there is no event left to cancel in anyone's calendar.
        if (beforeStart)
        {
            emails.Add(MeetingEmails.Cancelled(cancelled, now));
            entries.Add(new(now, MeetingEvents.InvitationSent, Actors.System, $"Cancellation (sequence {cancelled.InviteSequence}) to {Circulation.Count} members and deputies"));
            if (CirculatedAt is null)
            {
                emails.AddRange(Papers.Where(p => p.Status == PaperStatus.Awaited).Select(p => MeetingEmails.PaperNotNeeded(cancelled, p, now)));
            }
        }

        return new(cancelled with { Timeline = Timeline.AddRange(entries) }, emails);
    }

    // ---- Papers ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// Records a stored version of a paper. Before circulation it is simply received (and its reminders stop); after
    /// circulation it is a late paper, sent to the members and deputies at once, flagged as late.
    /// </summary>
    public Decision<Meeting> ReceivePaper(string paperId, PaperFile file, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Paper(paperId) is not { } paper)
        {
            return Decision<Meeting>.NotFound($"The meeting has no paper '{paperId}'.");
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        if (!paper.OnAgenda)
        {
            return Decision<Meeting>.Conflict($"The paper '{paperId}' was withdrawn from the agenda.");
        }

        var circulated = CirculatedAt is not null;
        var received = paper with
        {
            Status = paper.Status != PaperStatus.Awaited ? paper.Status : circulated ? PaperStatus.Late : PaperStatus.Received,
            ReceivedAt = paper.ReceivedAt ?? now,
            Version = file.Version,
            FileName = file.FileName,
            ContentType = file.ContentType,
            Length = file.Length,
        };
        var papers = Papers.Replace(paper, received);
        var deadlines = papers.All(p => p.Status != PaperStatus.Awaited) ? Deadlines.Update(MeetingDeadlines.PaperDeadline, d => d.CompletedAt(now)) : Deadlines;
        var updated = this with
        {
            Papers = papers,
            Deadlines = deadlines,
            Steps = Steps.RemoveAll(s => s.IsPending && s.IsAboutPaper && s.Target == paperId),
        };

        var entries = new List<TimelineEntry> { new(now, MeetingEvents.PaperReceived, actor, $"{paperId}: version {file.Version}{(circulated ? " (after circulation)" : "")}") };
        var emails = new List<OutgoingEmail>();
        if (circulated)
        {
            emails.Add(MeetingEmails.LatePaper(updated, received, revised: paper.Status != PaperStatus.Awaited, now));
            entries.Add(new(now, MeetingEvents.LatePaperSent, Actors.System, $"{paperId}: version {file.Version} to {Circulation.Count} members and deputies and the business manager"));
        }

        return new Transition<Meeting>(updated with { Timeline = Timeline.AddRange(entries) }, emails);
    }

    /// <summary>
    /// Adds a paper to the agenda and asks its author for it, as scheduling does. Before circulation it gets the usual
    /// reminders and chasers (past the paper deadline, it is asked for as soon as possible, before circulation); after
    /// it the paper is flagged as added late (it can only go out as a late paper) and is not chased. The same paper
    /// again is unchanged; another paper with the same id is a conflict.
    /// </summary>
    public Decision<Meeting> AddPaper(PaperRequest request, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Paper(request.Id) is { } existing)
        {
            return existing.Title == request.Title && existing.Author == request.Author && existing.OnAgenda
                ? Decision<Meeting>.Unchanged
                : Decision<Meeting>.Conflict($"The meeting already has a paper '{request.Id}'{(existing.OnAgenda ? "" : " (withdrawn)")}.");
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        if (Attendance is not null)
        {
            return Decision<Meeting>.Conflict("The meeting has taken place (attendance is recorded): papers can no longer be added.");
        }

        var late = CirculatedAt is not null;
        var paper = new Paper(request.Id, request.Title, request.Author, AddedLate: late);
        var added = this with { Papers = Papers.Add(paper) };

        // Planned again so that the new paper gets its reminders and chasers (none once the pack has gone).
        added = added.Replanned(now);
        var entries = new List<TimelineEntry>
        {
            new(now, MeetingEvents.PaperAdded, actor, $"{paper.Id}: by {paper.Author.Name} ({paper.Author.Agency}){(late ? "; after circulation, so a late paper" : "")}"),
            new(now, MeetingEvents.PaperRequested, Actors.System,
                late ? $"{paper.Id}: as a late paper"
                : added.PaperDeadlinePassed(now) ? $"{paper.Id}: after the paper deadline, so as soon as possible, before circulation on {Iso(Dates.CirculationOn)}"
                : $"{paper.Id}: due {Iso(Dates.PaperDeadlineOn)}"),
        };
        return new Transition<Meeting>(added with { Timeline = Timeline.AddRange(entries) }, [MeetingEmails.PaperRequest(added, paper, now)]);
    }

    /// <summary>
    /// Takes a paper off the agenda: it is no longer asked for or chased, and it leaves the pack; its author is told by
    /// email. Its stored versions stay. Allowed until attendance is recorded; a paper already withdrawn is unchanged.
    /// </summary>
    public Decision<Meeting> WithdrawPaper(string paperId, string reason, string actor, DateTimeOffset now)
    {
        if (Paper(paperId) is not { } paper)
        {
            return Decision<Meeting>.NotFound($"The meeting has no paper '{paperId}'.");
        }

        if (!paper.OnAgenda)
        {
            return Decision<Meeting>.Unchanged;
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        if (Attendance is not null)
        {
            return Decision<Meeting>.Conflict("The meeting has taken place (attendance is recorded): its papers can no longer be withdrawn.");
        }

        var papers = Papers.Replace(paper, paper with { Status = PaperStatus.Withdrawn });
        var deadlines = papers.All(p => p.Status != PaperStatus.Awaited) ? Deadlines.Update(MeetingDeadlines.PaperDeadline, d => d.CompletedAt(now)) : Deadlines;
        var updated = this with
        {
            Papers = papers,
            Deadlines = deadlines,
            Steps = Steps.RemoveAll(s => s.IsPending && s.IsAboutPaper && s.Target == paperId),
            Timeline = Timeline.Add(new TimelineEntry(now, MeetingEvents.PaperWithdrawn, actor, $"{paperId}: {reason}")),
        };
        return new Transition<Meeting>(updated, [MeetingEmails.PaperWithdrawn(updated, paper, now)]);
    }

    /// <summary>
    /// The paper deadline is behind <paramref name="now"/> (a London date after it) while the pack has not gone: a paper
    /// asked for now is wanted as soon as possible, before circulation. A short-notice meeting's deadline is today.
    /// </summary>
    public bool PaperDeadlinePassed(DateTimeOffset now) => CirculatedAt is null && LondonTime.LocalDate(now) > Dates.PaperDeadlineOn;

    // ---- After the meeting ----------------------------------------------------------------------------------------

    /// <summary>
    /// Records who attended, the declarations of interest and the quorum. An inquorate meeting still proceeds; its
    /// decisions are pending ratification at the next meeting. Allowed from the meeting's date. Given the partnership's
    /// <paramref name="otherMeetings"/> (all, or the latest back to each agency's last attendance:
    /// <see cref="AttendanceRules.RunsEndWithin"/>), an agency whose absences in a row reach the partnership's limit
    /// with this meeting is reported to the independent chair (once per run: attendance is recorded once per meeting).
    /// </summary>
    public Decision<Meeting> RecordAttendance(
        AttendanceReport report, PartnershipArrangements arrangements, string actor, DateTimeOffset now, IReadOnlyList<AttendedMeeting>? otherMeetings = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(arrangements);
        for (var i = 0; i < report.Declarations.Count; i++)
        {
            if (report.Declarations[i].PaperId is { } paperId && Paper(paperId) is null)
            {
                return Decision<Meeting>.Invalid($"declarations[{i}].paperId", $"The meeting has no paper '{paperId}'.");
            }
        }

        if (Attendance is { } recorded)
        {
            return recorded.Report.Matches(report) ? Decision<Meeting>.Unchanged : Decision<Meeting>.Conflict("Attendance is already recorded for this meeting, and differs.");
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        if (LondonTime.LocalDate(now) < Dates.MeetingOn)
        {
            return Decision<Meeting>.Conflict($"The meeting has not taken place yet: attendance can be recorded from {Iso(Dates.MeetingOn)}.");
        }

        var quorum = Quorum.Assess(arrangements, report.Present);
        var attendance = new MeetingAttendance(report, quorum, now, actor);
        var entries = new List<TimelineEntry>
        {
            new(now, MeetingEvents.AttendanceRecorded, actor,
                $"{report.Present.Count} present; {(quorum.Quorate ? "quorate" : "inquorate: not represented " + string.Join(", ", quorum.Missing.Select(PartnerName)))}"),
            new(now, MeetingEvents.DeclarationsRecorded, actor, $"{report.Declarations.Count} declarations of interest"),
        };
        if (!quorum.Quorate)
        {
            entries.Add(new(now, MeetingEvents.PendingRatification, actor, "Decisions are pending ratification at the next meeting"));
        }

        var held = this with { Attendance = attendance };
        var emails = new List<OutgoingEmail>();
        var reached = AttendanceRules.JustReached(
            arrangements, otherMeetings ?? [], new AttendedMeeting(LondonTime.LocalDate(StartsAt), report.Present), arrangements.Meetings.TellChairAfterMissedMeetings);
        foreach (var agency in reached)
        {
            var missed = $"{agency.Agency} has missed {agency.AbsentInARow} meetings in a row, since {Iso(agency.AbsentSince!.Value)}";
            if (arrangements.IndependentScrutineer is { } chair)
            {
                emails.Add(MeetingEmails.AbsencesToChair(held, agency, chair, now));
                entries.Add(new(now, MeetingEvents.AbsencesInARow, actor, $"{missed}; {chair.Name} was emailed"));
            }
            else
            {
                entries.Add(new(now, MeetingEvents.AbsencesInARow, actor, $"{missed}; no independent chair is named in the settings, so nobody was emailed"));
            }
        }

        return new Transition<Meeting>(held with { Timeline = Timeline.AddRange(entries) }, emails);
    }

    /// <summary>
    /// Records the notes and actions and circulates them: the members are told, each owner is given their action,
    /// and every action gets a deadline, a reminder before it and a chase when overdue. With no actions the meeting
    /// is complete.
    /// </summary>
    public Decision<Meeting> RecordNotes(NotesReport report, PartnershipArrangements arrangements, StatutoryCalendar calendar, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(arrangements);
        ArgumentNullException.ThrowIfNull(calendar);
        if (Notes is { } recorded)
        {
            return recorded.Report.Matches(report) ? Decision<Meeting>.Unchanged : Decision<Meeting>.Conflict("Notes are already recorded for this meeting, and differ.");
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        if (Attendance is null)
        {
            return Decision<Meeting>.Conflict("Record attendance (and quorum) before the notes.");
        }

        var actions = report.Actions.Select(a => new MeetingAction(a.Id, a.Title, a.Owner, a.DueOn)).ToImmutableList();
        var steps = Steps.ToBuilder();
        var deadlines = Deadlines.Update(MeetingDeadlines.Notes, d => d.CompletedAt(now)).ToBuilder();
        foreach (var action in actions)
        {
            deadlines.Add(new Deadline(MeetingDeadlines.Action(action.Id), action.DueOn, LondonTime.EndOfDay(action.DueOn)));
            var reminderOn = calendar.AddWorkingDays(action.DueOn, -arrangements.Timescales.ActionReminderWorkingDaysBefore);
            var reminder = new MeetingStep($"action-reminder:{action.Id}", MeetingStepKind.ActionReminder, action.Id, reminderOn, LondonTime.At(reminderOn, SendTime));
            if (reminder.DueAt > now)
            {
                steps.Add(reminder);
            }

            var chaseOn = calendar.AddWorkingDays(action.DueOn, 1);
            steps.Add(new MeetingStep($"action-chase:{action.Id}", MeetingStepKind.ActionChase, action.Id, chaseOn, LondonTime.At(chaseOn, SendTime)));
        }

        var updated = this with
        {
            Notes = new MeetingNotes(report, now, actor),
            Actions = actions,
            Steps = steps.ToImmutable(),
            Deadlines = deadlines.ToImmutable(),
        };
        var entries = new List<TimelineEntry> { new(now, MeetingEvents.NotesRecorded, actor, $"{actions.Count} actions{(Attendance.PendingRatification ? "; decisions pending ratification" : "")}") };
        var emails = new List<OutgoingEmail> { MeetingEmails.Notes(updated, now) };
        foreach (var action in actions)
        {
            emails.Add(MeetingEmails.ActionAssigned(updated, action, now));
            entries.Add(new(now, MeetingEvents.ActionAssigned, actor, $"{action.Id}: due {Iso(action.DueOn)}"));
        }

        return new Transition<Meeting>((updated with { Timeline = Timeline.AddRange(entries) }).CompletedIfDone(now), emails);
    }

    /// <summary>Records an action as done; its reminder and chase stop. When every action is done the meeting is complete.</summary>
    public Decision<Meeting> CompleteAction(string actionId, string actor, DateTimeOffset now)
    {
        if (Action(actionId) is not { } action)
        {
            return Decision<Meeting>.NotFound($"The meeting has no action '{actionId}'.");
        }

        if (action.CompletedAt is not null)
        {
            return Decision<Meeting>.Unchanged;
        }

        if (Status != ProcessStatus.Open)
        {
            return NotOpen();
        }

        var updated = this with
        {
            Actions = Actions.Replace(action, action with { CompletedAt = now }),
            Deadlines = Deadlines.Update(MeetingDeadlines.Action(actionId), d => d.CompletedAt(now)),
            Steps = Steps.RemoveAll(s => s.IsPending && s.IsAboutAction && s.Target == actionId),
            Timeline = Timeline.Add(new TimelineEntry(now, MeetingEvents.ActionCompleted, actor, actionId)),
        };
        return new Transition<Meeting>(updated.CompletedIfDone(now), []);
    }

    // ---- Time -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Does every step due as of <paramref name="now"/> in due order, then notices missed deadlines. When a wake
    /// catches up on several steps for the same paper, only the latest is sent (and none once the pack itself is
    /// due): a pile of stale reminders helps nobody.
    /// </summary>
    public Transition<Meeting> Wake(DateTimeOffset now)
    {
        if (Status != ProcessStatus.Open)
        {
            return this;
        }

        var due = PendingSteps.Where(s => s.DueAt <= now).OrderBy(s => s.DueAt).ThenBy(s => s.Kind).ToList();
        if (due.Count == 0 && !(DeadlineChecks.NextCheck(Deadlines) <= now))
        {
            return this;
        }

        var meeting = this;
        var emails = new List<OutgoingEmail>();
        var entries = new List<TimelineEntry>();
        var circulationDue = due.Any(s => s.Kind == MeetingStepKind.Circulation);
        foreach (var step in due)
        {
            meeting = meeting with { Steps = meeting.Steps.Replace(step, step with { DoneAt = now }) };
            switch (step.Kind)
            {
                case MeetingStepKind.PaperReminder or MeetingStepKind.PaperChase:
                    var superseded = circulationDue || due.Any(o => o.IsAboutPaper && o.Target == step.Target && o.DueAt > step.DueAt);
                    if (!superseded && meeting.Paper(step.Target!) is { Status: PaperStatus.Awaited } paper)
                    {
                        var chase = step.Kind == MeetingStepKind.PaperChase;
                        emails.Add(chase ? MeetingEmails.PaperChase(meeting, paper, step.On, now) : MeetingEmails.PaperReminder(meeting, paper, step.On, now));
                        entries.Add(new(now, chase ? MeetingEvents.PaperChased : MeetingEvents.PaperReminderSent, Actors.System, $"{paper.Id}: due {Iso(Dates.PaperDeadlineOn)}"));
                    }

                    break;
                case MeetingStepKind.Circulation:
                    meeting = meeting.Circulated(now, emails, entries);
                    break;
                case MeetingStepKind.ActionReminder or MeetingStepKind.ActionChase:
                    if (meeting.Action(step.Target!) is { CompletedAt: null } action)
                    {
                        var chase = step.Kind == MeetingStepKind.ActionChase;
                        emails.Add(chase ? MeetingEmails.ActionChase(meeting, action, step.On, now) : MeetingEmails.ActionReminder(meeting, action, step.On, now));
                        entries.Add(new(now, chase ? MeetingEvents.ActionChased : MeetingEvents.ActionReminderSent, Actors.System, $"{action.Id}: due {Iso(action.DueOn)}"));
                    }

                    break;
            }
        }

        var (deadlines, missed) = DeadlineChecks.CheckAt(meeting.Deadlines, now);
        entries.AddRange(missed);
        if (missed.Any(m => m.Detail == MeetingDeadlines.Notes))
        {
            emails.Add(MeetingEmails.NotesOverdue(meeting, now));
            entries.Add(new(now, MeetingEvents.NotesOverdue, Actors.System, $"Business manager told: notes were due {Iso(Dates.NotesDueOn)}"));
        }

        return new(meeting with { Deadlines = deadlines, Timeline = meeting.Timeline.AddRange(entries.OrderBy(e => e.At)) }, emails);
    }

    private Meeting Circulated(DateTimeOffset now, List<OutgoingEmail> emails, List<TimelineEntry> entries)
    {
        var meeting = this with
        {
            CirculatedAt = now,
            Deadlines = Deadlines.Update(MeetingDeadlines.Circulation, d => d.CompletedAt(now)),
            Steps = Steps.RemoveAll(s => s.IsPending && s.IsAboutPaper),
        };
        var agenda = Papers.Where(p => p.OnAgenda).ToList();
        var received = agenda.Count(p => p.Status != PaperStatus.Awaited);
        emails.Add(MeetingEmails.Pack(meeting, now));
        entries.Add(new(now, MeetingEvents.PackCirculated, Actors.System,
            $"{agenda.Count} papers: {received} received, {agenda.Count - received} missing; to {Circulation.Count} members and deputies and the business manager{(ShortNotice ? "; short notice" : "")}"));
        return meeting;
    }

    // ---- Planning -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Replaces the pending reminders, chasers and circulation with those of the current dates, and moves the
    /// deadlines that are still open. Done steps stay; a step whose time has already passed when it is planned is not
    /// planned at all (it would only arrive late), except circulation, which then goes at once.
    /// </summary>
    private Meeting Replanned(DateTimeOffset now)
    {
        var done = Steps.Where(s => !s.IsPending).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var planned = new List<MeetingStep>();
        if (CirculatedAt is null)
        {
            foreach (var paper in Papers.Where(p => p.Status == PaperStatus.Awaited))
            {
                planned.AddRange(Dates.AuthorRemindersOn.Select(on => PaperStep(MeetingStepKind.PaperReminder, paper.Id, on)));
                planned.AddRange(Dates.ChasersOn.Select(on => PaperStep(MeetingStepKind.PaperChase, paper.Id, on)));
            }

            var circulationAt = ShortNotice ? now : LondonTime.At(Dates.CirculationOn, SendTime);
            planned.Add(new MeetingStep("circulation", MeetingStepKind.Circulation, null, Dates.CirculationOn, circulationAt));
        }

        var steps = Steps
            .Where(s => !s.IsPending || s.IsAboutAction)
            .Concat(planned.Where(s => !done.Contains(s.Id) && (s.Kind == MeetingStepKind.Circulation || s.DueAt > now)))
            .OrderBy(s => s.DueAt)
            .ToImmutableList();

        var deadlines = Deadlines;
        if (Papers.Count > 0)
        {
            deadlines = Moved(deadlines, MeetingDeadlines.PaperDeadline, Dates.PaperDeadlineOn, now, waive: ShortNotice);
        }

        deadlines = Moved(deadlines, MeetingDeadlines.Circulation, Dates.CirculationOn, now, waive: false);
        deadlines = Moved(deadlines, MeetingDeadlines.Notes, Dates.NotesDueOn, now, waive: false);
        return this with { Steps = steps, Deadlines = deadlines };

        MeetingStep PaperStep(MeetingStepKind kind, string paperId, DateOnly on) =>
            new($"{(kind == MeetingStepKind.PaperReminder ? "paper-reminder" : "paper-chase")}:{paperId}:{Iso(on)}", kind, paperId, on, LondonTime.At(on, SendTime));
    }

    /// <summary>
    /// Puts deadline <paramref name="name"/> on <paramref name="dueOn"/> unless it is done (met or waived, or missed and
    /// since done). A deadline that would already be past when set is waived (there was not the notice to meet it);
    /// one already missed stays missed unless the new date gives time again.
    /// </summary>
    private static ImmutableList<Deadline> Moved(ImmutableList<Deadline> deadlines, string name, DateOnly dueOn, DateTimeOffset now, bool waive)
    {
        var existing = deadlines.FirstOrDefault(d => d.Name == name);
        if (existing is { State: DeadlineState.Met or DeadlineState.Waived } or { MetAt: not null })
        {
            return deadlines;
        }

        var dueAt = LondonTime.EndOfDay(dueOn);
        if (existing is { State: DeadlineState.Missed } && dueAt < now)
        {
            return deadlines;
        }

        var moved = new Deadline(name, dueOn, dueAt, waive || dueAt < now ? DeadlineState.Waived : DeadlineState.Pending);
        return existing is null ? deadlines.Add(moved) : deadlines.Update(name, _ => moved);
    }

    private Decision<Meeting> NotOpen() => Decision<Meeting>.NotOpen($"The meeting is {Status.ToString().ToLowerInvariant()}.");

    private Meeting CompletedIfDone(DateTimeOffset now) =>
        Status == ProcessStatus.Open && Notes is not null && Actions.All(a => a.CompletedAt is not null)
            ? this with
            {
                Status = ProcessStatus.Completed,
                Steps = Steps.RemoveAll(s => s.IsPending),
                Timeline = Timeline.Add(new TimelineEntry(now, MeetingEvents.Completed, Actors.System, "Notes circulated and every action done")),
            }
            : this;

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string PartnerName(PartnerKind kind) => kind switch
    {
        PartnerKind.LocalAuthority => "local authority",
        PartnerKind.Police => "police",
        PartnerKind.Icb => "integrated care board",
        _ => kind.ToString(),
    };
}
