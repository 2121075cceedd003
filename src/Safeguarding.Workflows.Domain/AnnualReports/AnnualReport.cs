using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.AnnualReports;

/// <summary>
/// One partnership's yearly report for one financial year (Children Act 2004 s16G; docs/design/statutory-rules.md §5): sections
/// asked of their owners, reminders and chases, a draft compiled by the business manager, publication by 30 September
/// and, at once on publication, submission to the Panel and to Foundations.
/// </summary>
/// <remarks>
/// Everything time-driven is a <see cref="ScheduledStep{TAction}"/> fixed when the report is opened, so <see cref="Wake"/> only
/// needs the state: it does every step due as of <c>now</c> in order and marks it done. The <c>submission</c>
/// deadline is provisional (seven days after 30 September) until publication is recorded, and is never marked missed
/// before then: its clock only starts when the report is published.
/// </remarks>
public sealed record AnnualReport(
    ProcessKey Key,
    ProcessStatus Status,
    ReportingYear Year,
    string PartnershipName,
    Contact BusinessManager,
    ImmutableList<SafeguardingPartner> Partners,
    ImmutableList<ReportSection> Sections,
    [property: JsonConverter(typeof(AnnualReportStepsJson))] ImmutableList<ScheduledStep<AnnualReportAction>> Steps,
    ImmutableList<Deadline> Deadlines,
    ImmutableList<TimelineEntry> Timeline,
    Compilation? Compiled = null,
    Publication? Published = null) : IDurableProcess<AnnualReport>
{
    [JsonIgnore]
    public string Title => $"Annual report {Year.Id}";

    IReadOnlyList<Deadline> IDurableProcess<AnnualReport>.Deadlines => Deadlines;

    IReadOnlyList<TimelineEntry> IDurableProcess<AnnualReport>.Timeline => Timeline;

    /// <summary>Sections not yet received, owed by each of their owners until the report is published.</summary>
    [JsonIgnore]
    public IReadOnlyList<OwedItem> Owed => Status != ProcessStatus.Open || Published is not null
        ? []
        :
        [
            .. Sections.Where(s => !s.IsReceived)
                .SelectMany(s => s.Owners.DistinctBy(o => o.Email, StringComparer.OrdinalIgnoreCase)
                    .Select(o => new OwedItem(o.Email, $"section:{s.Number}", $"Section {s.Number}{(s.Mandatory ? " (required)" : "")}", s.DueOn))),
        ];

    [JsonIgnore]
    public DateTimeOffset? NextWakeAt => Status != ProcessStatus.Open
        ? null
        : new[] { Steps.NextAt(), DeadlineChecks.NextCheck(CheckableDeadlines) }.Min();

    /// <summary>Mandatory sections with no text yet: while there are any the report cannot be compiled (a page can say so before anyone tries).</summary>
    [JsonIgnore]
    public IReadOnlyList<ReportSection> MissingMandatorySections => [.. Sections.Where(s => s.Mandatory && !s.IsReceived)];

    /// <summary>The relative link to the report's page in the forms area (emails carry links, never content).</summary>
    [JsonIgnore]
    public string ReportLink => $"/forms/annual-reports/{Uri.EscapeDataString(Key.PartnershipId)}/{Year.Id}";

    public string ContributionLink(int section) => $"{ReportLink}/sections/{section}";

    /// <summary>
    /// The relative link to the year's staff page (deadlines, sections, actions, history): where the emails to the
    /// business unit and the lead partners lead, rather than to the contributors' form.
    /// </summary>
    [JsonIgnore]
    public string YearPageLink => $"/partnerships/{Uri.EscapeDataString(Key.PartnershipId)}/annual-reports/{Year.Id}";

    public ReportSection? Section(int number) => Sections.FirstOrDefault(s => s.Number == number);

    /// <summary>Late: not received and the <c>contributions</c> deadline has been missed.</summary>
    public SectionStatus StatusOf(ReportSection section) =>
        section.IsReceived ? SectionStatus.Received
        : Deadlines.FirstOrDefault(d => d.Name == AnnualReportDeadlines.Contributions)?.State == DeadlineState.Missed ? SectionStatus.Late
        : SectionStatus.Awaited;

    /// <summary>
    /// Opens the report: asks each section of its owners (one email per section, with its contribution link) and
    /// schedules the reminder, the weekly chases, the draft check and the publication escalation. Reminders and chases
    /// whose time has already passed are skipped (the opening emails stand in for them).
    /// Refused (a conflict) when the partnership's internal dates do not fit (see <see cref="AnnualReportDates.For"/>).
    /// </summary>
    public static Decision<AnnualReport> Open(
        ProcessKey key, ReportingYear year, PartnershipArrangements arrangements, StatutoryCalendar calendar, DateTimeOffset now, string actor)
    {
        ArgumentNullException.ThrowIfNull(arrangements);
        AnnualReportDates dates;
        try
        {
            dates = AnnualReportDates.For(year, arrangements.Timescales, calendar, LondonTime.LocalDate(now));
        }
        catch (ArgumentException e)
        {
            return Decision<AnnualReport>.Conflict(e.Message); // the partnership's settings do not allow this report
        }

        var sections = ReportSections.For(arrangements.HasSecureEstablishment)
            .Select(d =>
            {
                var owner = ReportSections.OwnerIn(d, arrangements);
                return new ReportSection(d.Number, d.Title, d.Mandatory, owner, [.. ReportSections.Contacts(owner, arrangements)], dates.ContributionsDue);
            })
            .ToImmutableList();

        // Reminders and chases already past are not planned (the opening emails stand in for them); the draft check
        // and the escalation still happen, late.
        var steps = Schedule.Replan(
            [],
            [
                StepFor(AnnualReportAction.ContributionsReminder, dates.ReminderAt),
                .. dates.ChasesAt.Select(at => StepFor(AnnualReportAction.ContributionsChase, at)),
                StepFor(AnnualReportAction.DraftCheck, dates.DraftCheckAt),
                StepFor(AnnualReportAction.PublicationEscalation, dates.EscalationAt),
            ],
            now,
            sendLate: s => !IsAsk(s));

        var provisionalSubmission = AnnualReportDates.ProvisionalSubmissionDue(year);
        ImmutableList<Deadline> deadlines =
        [
            DeadlineOn(AnnualReportDeadlines.Contributions, dates.ContributionsDue),
            DeadlineOn(AnnualReportDeadlines.Draft, dates.DraftDue),
            DeadlineOn(AnnualReportDeadlines.Publication, dates.PublicationDue),
            DeadlineOn(AnnualReportDeadlines.Submission, provisionalSubmission),
        ];

        var report = new AnnualReport(
            key,
            ProcessStatus.Open,
            year,
            arrangements.Name,
            arrangements.BusinessManager,
            [.. arrangements.SafeguardingPartners],
            sections,
            steps,
            deadlines,
            [new TimelineEntry(now, AnnualReportEvents.Opened, actor,
                $"Annual report {year.Id} ({year.Period}) opened with {sections.Count} sections; contributions due {DateText(dates.ContributionsDue)}, draft {DateText(dates.DraftDue)}, publication by {DateText(dates.PublicationDue)}.")]);

        var timeline = report.Timeline.AddRange(sections.Select(s => new TimelineEntry(
            now, AnnualReportEvents.SectionOpened, Actors.System, $"Section {s.Number} asked of {Agencies(s.Owners)}.")));
        var emails = report.OwnerEmails(sections, "section-opened", AnnualReportTemplates.SectionOpened, LondonTime.LocalDate(now), now);
        return new Transition<AnnualReport>(report with { Timeline = timeline }, emails);
    }

    /// <inheritdoc />
    public Transition<AnnualReport> Wake(DateTimeOffset now)
    {
        if (Status != ProcessStatus.Open)
        {
            return this;
        }

        var due = Steps.Where(s => s.DoneAt is null && s.At <= now).OrderBy(s => s.At).ToList();
        var (deadlines, missed) = CheckDeadlines(now);
        if (due.Count == 0 && missed.Count == 0)
        {
            return this;
        }

        var state = this with { Deadlines = deadlines, Timeline = Timeline.AddRange(missed) };
        var emails = new List<OutgoingEmail>();
        // After downtime the reminder and several weekly chases can be due at once: only the latest is sent.
        var lastAsk = due.LastOrDefault(IsAsk);
        foreach (var step in due)
        {
            var superseded = IsAsk(step) && step != lastAsk;
            var (next, sent) = superseded ? (state, []) : state.Do(step, now);
            emails.AddRange(sent);
            state = next with { Steps = next.Steps.MarkDone(step, now) };
        }

        return new(state, emails);
    }

    /// <summary>True when the identical text from the same contributor is already the section's current text.</summary>
    public bool HasSameContribution(int number, Contributor by, string sha256) =>
        Section(number)?.Contribution is { } c && c.By == by && string.Equals(c.Sha256, sha256, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The answer to a section's text that needs nothing stored: no such section, the report is no longer open, or the
    /// identical text from the same contributor again (unchanged). Null when the text is to be stored and recorded.
    /// </summary>
    public Decision<AnnualReport>? ContributionRefusalOrRepeat(int number, Contributor by, string sha256) =>
        Section(number) is null ? Decision<AnnualReport>.NotFound(
            $"The {Year.Id} report of '{Key.PartnershipId}' has no section {number} (section 16 is only for areas with a secure establishment).")
        : Status != ProcessStatus.Open ? Decision<AnnualReport>.NotOpen($"The {Year.Id} report is {StatusName}: sections can no longer be sent.")
        : HasSameContribution(number, by, sha256) ? Decision<AnnualReport>.Unchanged
        : null;

    /// <summary>
    /// Records a section's text (stored as document version <paramref name="version"/>). A resubmission replaces the
    /// text and is recorded as such; the identical text from the same contributor changes nothing. When every section
    /// has text the <c>contributions</c> deadline is met (or recorded as done late).
    /// </summary>
    public Decision<AnnualReport> RecordContribution(int number, Contributor by, int version, string sha256, int characters, DateTimeOffset now, string actor)
    {
        if (ContributionRefusalOrRepeat(number, by, sha256) is { } answer)
        {
            return answer;
        }

        var section = Section(number)!;

        var replaced = section.Contribution is not null;
        var contribution = section.Contribution is { } previous
            ? previous with { By = by, Version = version, Sha256 = sha256, Characters = characters, ReceivedAt = now, Revisions = previous.Revisions + 1 }
            : new Contribution(by, version, sha256, characters, now, now, 1);
        var updated = section with { Contribution = contribution };
        var sections = Sections.Replace(section, updated);
        var deadlines = sections.All(s => s.IsReceived)
            ? Deadlines.Update(AnnualReportDeadlines.Contributions, d => d.CompletedAt(now))
            : Deadlines;
        var detail = $"Section {number} {(replaced ? "replaced" : "received")} from {by.Agency} (text version {version}, {characters} characters)"
            + (updated.ReceivedLate && !replaced ? ", after the due date." : ".");
        return (Transition<AnnualReport>)(this with
        {
            Sections = sections,
            Deadlines = deadlines,
            Timeline = Timeline.Add(new TimelineEntry(now, replaced ? AnnualReportEvents.ContributionReplaced : AnnualReportEvents.ContributionReceived, actor, detail)),
        });
    }

    /// <summary>
    /// Staff remind the owners of every section not yet received, now (the business manager's "remind owners"). The
    /// reminders carry today's London date in their ids, like the scheduled reminder, so a second reminder the same
    /// day (or one on the day of the scheduled reminder) sends nothing twice: it changes nothing.
    /// </summary>
    public Decision<AnnualReport> RemindOwners(DateTimeOffset now, string actor)
    {
        var awaited = Sections.Where(s => !s.IsReceived).ToList();
        var today = LondonTime.LocalDate(now);
        if (Status != ProcessStatus.Open)
        {
            return Decision<AnnualReport>.NotOpen($"The {Year.Id} report is {StatusName}: its owners can no longer be reminded.");
        }

        if (awaited.Count == 0)
        {
            return Decision<AnnualReport>.Conflict("Every section has been received: there is nobody to remind.");
        }

        if (Timeline.Any(t => t.Type == AnnualReportEvents.ContributionsReminded && LondonTime.LocalDate(t.At) == today))
        {
            return Decision<AnnualReport>.Unchanged;
        }

        var emails = OwnerEmails(awaited, "contributions-reminder", AnnualReportTemplates.ContributionsReminder, today, now);
        var entry = new TimelineEntry(now, AnnualReportEvents.ContributionsReminded, actor, $"{SectionsText(awaited)} asked of their owners again.");
        return new Transition<AnnualReport>(this with { Timeline = Timeline.Add(entry) }, emails);
    }

    /// <summary>
    /// Why the report cannot be compiled now: it is no longer open, or mandatory sections have no text (a conflict; see
    /// <see cref="MissingMandatorySections"/>). Null when it can, so the documents are rendered only then.
    /// </summary>
    public Decision<AnnualReport>? CompilationRefusal() =>
        Status != ProcessStatus.Open ? Decision<AnnualReport>.NotOpen($"The {Year.Id} report is {StatusName}: it can no longer be compiled.")
        : MissingMandatorySections.Count > 0 ? Decision<AnnualReport>.Conflict(
            $"The report cannot be compiled until mandatory sections {Numbers(MissingMandatorySections)} have text.")
        : null;

    /// <summary>
    /// Records a compilation into documents. The first one meets the <c>draft</c> deadline (or records it done late).
    /// </summary>
    /// <param name="withTimeliness">Whether the appendix holds the year's timeliness and attendance tables (a choice made when compiling).</param>
    public Decision<AnnualReport> RecordCompilation(int htmlVersion, int docxVersion, DateTimeOffset now, string actor, bool withTimeliness = true) =>
        CompilationRefusal() ?? (Transition<AnnualReport>)WithCompilation(htmlVersion, docxVersion, now, actor, withTimeliness);

    /// <summary>Whether recording publication compiles the report once more, stamped as published (it was compiled and still can be).</summary>
    [JsonIgnore]
    public bool RecompilesOnPublication => Compiled is not null && CompilationRefusal() is null;

    private AnnualReport WithCompilation(int htmlVersion, int docxVersion, DateTimeOffset now, string actor, bool withTimeliness)
    {
        var included = Sections.Where(s => s.IsReceived).Select(s => s.Number).ToImmutableList();
        var awaited = Sections.Where(s => !s.IsReceived).ToList();
        var compilation = new Compilation((Compiled?.Number ?? 0) + 1, now, htmlVersion, docxVersion, included, withTimeliness);
        var detail = $"Compilation {compilation.Number}: {included.Count} of {Sections.Count} sections"
            + (awaited.Count > 0 ? $"; still awaited: {Numbers(awaited)}" : "")
            + (withTimeliness ? "; appendix with the timeliness and attendance tables." : "; appendix without the timeliness and attendance tables.");
        return this with
        {
            Compiled = compilation,
            Deadlines = Deadlines.Update(AnnualReportDeadlines.Draft, d => d.CompletedAt(now)),
            Timeline = Timeline.Add(new TimelineEntry(now, AnnualReportEvents.Compiled, actor, detail)),
        };
    }

    /// <summary>How a publication on <paramref name="on"/> at <paramref name="url"/> compares with the one recorded.</summary>
    public PublicationMatch CompareWithRecorded(DateOnly on, string url) =>
        Published is null ? PublicationMatch.NotYetPublished
        : Published.On == on && string.Equals(Published.Url, url, StringComparison.Ordinal) ? PublicationMatch.Same
        : PublicationMatch.Different;

    /// <summary>
    /// Records that the report was published on <paramref name="on"/> at <paramref name="url"/> and, at once, sends it
    /// to the Panel and to Foundations, recording both submissions with their message ids as evidence. The
    /// <c>publication</c> deadline is met if <paramref name="on"/> is by 30 September (even when recorded later); the
    /// <c>submission</c> deadline becomes seven days after <paramref name="on"/> and is met now. Internal deadlines
    /// still pending are waived, and the report is completed. With <paramref name="restamped"/> (the documents compiled
    /// once more, see <see cref="RecompilesOnPublication"/>) that compilation is recorded first.
    /// </summary>
    public Decision<AnnualReport> RecordPublication(
        DateOnly on, string url, SubmissionAddresses to, DateTimeOffset now, string actor, (int HtmlVersion, int DocxVersion)? restamped = null)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (PublicationRefusalOrRepeat(on, url, now) is { } answer)
        {
            return answer;
        }

        var report = restamped is { } documents ? WithCompilation(documents.HtmlVersion, documents.DocxVersion, now, actor, Compiled?.WithTimeliness ?? true) : this;
        return report.WithPublication(on, url, to, now, actor);
    }

    /// <summary>
    /// The answer to a publication that records nothing: a date in the future or within the reporting year (naming
    /// <c>on</c>), the same publication again (unchanged), a different one (a conflict), or a report no longer open.
    /// Null when it is to be recorded.
    /// </summary>
    public Decision<AnnualReport>? PublicationRefusalOrRepeat(DateOnly on, string url, DateTimeOffset now)
    {
        var today = LondonTime.LocalDate(now);
        return on > today ? Decision<AnnualReport>.Invalid("on", $"The publication date cannot be in the future (today is {DateText(today)}).")
            : on <= Year.EndsOn ? Decision<AnnualReport>.Invalid("on", $"A report on {Year.Period} can only be published after the year ends.")
            : CompareWithRecorded(on, url) switch
            {
                PublicationMatch.Same => Decision<AnnualReport>.Unchanged,
                PublicationMatch.Different => Decision<AnnualReport>.Conflict(
                    $"The report was already recorded as published on {DateText(Published!.On)} at {Published.Url}."),
                _ when Status != ProcessStatus.Open => Decision<AnnualReport>.NotOpen($"The {Year.Id} report is {StatusName}."),
                _ => null,
            };
    }

    private Transition<AnnualReport> WithPublication(DateOnly on, string url, SubmissionAddresses to, DateTimeOffset now, string actor)
    {
        // Published on a day earlier than today: take the end of that day, the latest instant the facts allow.
        var publishedAt = on == LondonTime.LocalDate(now) ? now : LondonTime.EndOfDay(on);
        var submissionDue = AnnualReportDates.SubmissionDue(on);
        var deadlines = Deadlines
            .Update(AnnualReportDeadlines.Publication, d => d.State == DeadlineState.Missed && d.MetAt is null && publishedAt <= d.DueAt
                ? d with { State = DeadlineState.Met, MetAt = publishedAt } // missed only because it was recorded late
                : d.CompletedAt(publishedAt))
            .Update(AnnualReportDeadlines.Submission, d => new Deadline(d.Name, submissionDue, LondonTime.EndOfDay(submissionDue)).CompletedAt(now))
            .Select(d => d.State == DeadlineState.Pending ? d with { State = DeadlineState.Waived } : d)
            .ToImmutableList();

        var today = DateText(on);
        var values = new Dictionary<string, string>(CommonValues())
        {
            ["publishedOn"] = DateText(on),
            ["reportUrl"] = url,
        };
        OutgoingEmail Submit(string target, EmailRecipient recipient) => new(
            $"{Key}/submission/{target}/{today}",
            Key.PartnershipId,
            Key.ToString(),
            AnnualReportTemplates.Submission,
            [recipient],
            new Dictionary<string, string>(values) { ["recipientName"] = recipient.Name },
            now);

        var panel = Submit("panel", to.Panel);
        var foundations = Submit("foundations", to.Foundations);
        var timeline = Timeline.AddRange(
        [
            new TimelineEntry(now, AnnualReportEvents.Published, actor, $"Published on {DateText(on)} at {url}."),
            new TimelineEntry(now, AnnualReportEvents.SubmittedToPanel, Actors.System, $"Sent to {to.Panel.Email} as email {panel.Id}."),
            new TimelineEntry(now, AnnualReportEvents.SubmittedToFoundations, Actors.System, $"Sent to {to.Foundations.Email} as email {foundations.Id}."),
        ]);

        var publication = new Publication(on, url, now,
        [
            new Submission("panel", to.Panel.Email, panel.Id, now),
            new Submission("foundations", to.Foundations.Email, foundations.Id, now),
        ]);
        return new(this with { Status = ProcessStatus.Completed, Deadlines = deadlines, Timeline = timeline, Published = publication }, [panel, foundations]);
    }

    /// <inheritdoc />
    public Transition<AnnualReport> Cancel(string reason, string actor, DateTimeOffset now) =>
        this with
        {
            Status = ProcessStatus.Cancelled,
            Deadlines = [.. Deadlines.Select(d => d.State == DeadlineState.Pending ? d with { State = DeadlineState.Waived } : d)],
            Timeline = Timeline.Add(new TimelineEntry(now, AnnualReportEvents.Cancelled, actor, reason)),
        };

    /// <summary>A step of the report, aimed at the deadline it serves, for the London date of <paramref name="at"/>.</summary>
    public static ScheduledStep<AnnualReportAction> StepFor(AnnualReportAction action, DateTimeOffset at) => new(
        action,
        action switch
        {
            AnnualReportAction.ContributionsReminder or AnnualReportAction.ContributionsChase => AnnualReportDeadlines.Contributions,
            AnnualReportAction.DraftCheck => AnnualReportDeadlines.Draft,
            _ => AnnualReportDeadlines.Publication,
        },
        LondonTime.LocalDate(at),
        at);

    private static bool IsAsk(ScheduledStep<AnnualReportAction> step) => step.Action is AnnualReportAction.ContributionsReminder or AnnualReportAction.ContributionsChase;

    private (AnnualReport State, IReadOnlyList<OutgoingEmail> Emails) Do(ScheduledStep<AnnualReportAction> step, DateTimeOffset now)
    {
        // Emails are named by the step's own date, so each action has one stable message id however late it runs.
        var today = step.On;
        var missing = Sections.Where(s => !s.IsReceived).ToList();
        switch (step.Action)
        {
            case AnnualReportAction.ContributionsReminder or AnnualReportAction.ContributionsChase when missing.Count > 0:
            {
                var (action, template, type) = step.Action == AnnualReportAction.ContributionsReminder
                    ? ("contributions-reminder", AnnualReportTemplates.ContributionsReminder, AnnualReportEvents.ContributionsReminded)
                    : ("contribution-chase", AnnualReportTemplates.ContributionChase, AnnualReportEvents.ContributionsChased);
                var emails = OwnerEmails(missing, action, template, today, now);
                return (With(new TimelineEntry(now, type, Actors.System, $"{SectionsText(missing)} asked of their owners again.")), emails);
            }

            case AnnualReportAction.DraftCheck when MissingMandatorySections.Count > 0 || Compiled is null:
            {
                var problems = new List<string>();
                if (MissingMandatorySections.Count > 0)
                {
                    problems.Add($"mandatory {SectionsText(MissingMandatorySections).ToLowerInvariant()} {(MissingMandatorySections.Count == 1 ? "has" : "have")} no text");
                }

                if (Compiled is null)
                {
                    problems.Add("the report has not been compiled");
                }

                var summary = string.Join("; ", problems);
                var draftDue = Deadlines.First(d => d.Name == AnnualReportDeadlines.Draft).DueOn;
                var email = Email("draft-incomplete", "business-manager", today, AnnualReportTemplates.DraftIncomplete, [Recipient(BusinessManager)],
                    new Dictionary<string, string>(CommonValues())
                    {
                        ["draftDueOn"] = DateText(draftDue),
                        ["missingMandatorySections"] = MissingMandatorySections.Count > 0 ? Numbers(MissingMandatorySections) : "none",
                        ["awaitedSections"] = missing.Count > 0 ? Numbers(missing) : "none",
                        ["compiled"] = Compiled is null ? "no" : "yes",
                        ["reportLink"] = YearPageLink,
                    },
                    now);
                return (With(new TimelineEntry(now, AnnualReportEvents.DraftIncomplete, Actors.System, $"Business manager warned: {summary}.")), [email]);
            }

            case AnnualReportAction.PublicationEscalation:
            {
                var publicationDue = Deadlines.First(d => d.Name == AnnualReportDeadlines.Publication).DueOn;
                var recipients = Partners.Select(p => Recipient(p.DelegatedOfficer)).Append(Recipient(BusinessManager))
                    .DistinctBy(r => r.Email, StringComparer.OrdinalIgnoreCase).ToList();
                var email = Email("publication-overdue", "lead-partners", today, AnnualReportTemplates.PublicationOverdue, recipients,
                    new Dictionary<string, string>(CommonValues())
                    {
                        ["publicationDueOn"] = DateText(publicationDue),
                        ["leadPartners"] = string.Join("; ", Partners.Select(p => $"{p.LeadRole}, {p.Organisation}")),
                        ["reportLink"] = YearPageLink,
                    },
                    now);
                return (With(new TimelineEntry(now, AnnualReportEvents.PublicationEscalated, Actors.System,
                    $"Not published by {DateText(publicationDue)}: the lead safeguarding partners were told.")), [email]);
            }

            default:
                return (this, []); // nothing left to do at this step (everything received, or the draft is complete)
        }

        AnnualReport With(TimelineEntry entry) => this with { Timeline = Timeline.Add(entry) };
    }

    // The submission deadline's clock starts only at publication, which completes the report; so it is never checked here.
    private (ImmutableList<Deadline> Deadlines, IReadOnlyList<TimelineEntry> Missed) CheckDeadlines(DateTimeOffset now)
    {
        var (checkedDeadlines, missed) = DeadlineChecks.CheckAt(CheckableDeadlines, now);
        if (missed.Count == 0)
        {
            return (Deadlines, missed);
        }

        var byName = checkedDeadlines.ToDictionary(d => d.Name, StringComparer.Ordinal);
        return ([.. Deadlines.Select(d => byName.GetValueOrDefault(d.Name, d))], missed);
    }

    private ImmutableList<Deadline> CheckableDeadlines => Deadlines.RemoveAll(d => d.Name == AnnualReportDeadlines.Submission);

    /// <summary>
    /// One email per owner listing every one of <paramref name="sections"/> they are asked for, each with its own
    /// contribution link (an owner of nine sections gets one email, not nine). The id names the owner by a digest of
    /// their address and the day, so the same ask of the same owner on the same day is sent once.
    /// </summary>
    private List<OutgoingEmail> OwnerEmails(IReadOnlyList<ReportSection> sections, string action, string template, DateOnly today, DateTimeOffset now) =>
        [.. sections
            .SelectMany(s => s.Owners.Select(o => (Owner: o, Section: s)))
            .GroupBy(x => x.Owner.Email, StringComparer.OrdinalIgnoreCase)
            .Select(owner =>
            {
                var asked = owner.Select(x => x.Section).DistinctBy(s => s.Number).OrderBy(s => s.Number).ToList();
                var values = new Dictionary<string, string>(CommonValues())
                {
                    ["recipientName"] = owner.First().Owner.Name,
                    ["sectionCount"] = asked.Count.ToString(CultureInfo.InvariantCulture),
                    ["mandatoryCount"] = asked.Count(s => s.Mandatory).ToString(CultureInfo.InvariantCulture),
                    ["dueOn"] = DateText(asked.Min(s => s.DueOn)),
                };
                for (var i = 0; i < asked.Count; i++)
                {
                    var n = (i + 1).ToString(CultureInfo.InvariantCulture);
                    values[$"section{n}Number"] = asked[i].Number.ToString(CultureInfo.InvariantCulture);
                    values[$"section{n}Title"] = asked[i].Title;
                    values[$"section{n}Mandatory"] = asked[i].Mandatory ? "yes" : "no";
                    values[$"section{n}Link"] = ContributionLink(asked[i].Number);
                }

                return Email(action, OwnerTarget(owner.Key), today, template, [Recipient(owner.First().Owner)], values, now);
            })];

    /// <summary>An owner in an email id, without their address: <c>owner-</c> and the start of its SHA-256.</summary>
    public static string OwnerTarget(string email) =>
        "owner-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())))[..12].ToLowerInvariant();

    private OutgoingEmail Email(string action, string target, DateOnly date, string template, IReadOnlyList<EmailRecipient> to, IReadOnlyDictionary<string, string> values, DateTimeOffset now) =>
        new($"{Key}/{action}/{target}/{DateText(date)}", Key.PartnershipId, Key.ToString(), template, to, values, now);

    private Dictionary<string, string> CommonValues() => new()
    {
        ["partnershipName"] = PartnershipName,
        ["reference"] = Title,
        ["year"] = Year.Id,
        ["yearPeriod"] = Year.Period,
    };

    // As the API names a status ("completed", "cancelled").
    private string StatusName => Status.ToString().ToLowerInvariant();

    private static Deadline DeadlineOn(string name, DateOnly dueOn) => new(name, dueOn, LondonTime.EndOfDay(dueOn));

    private static EmailRecipient Recipient(Contact contact) => new(contact.Name, contact.Email);

    private static string Agencies(IEnumerable<Contact> owners) => string.Join(", ", owners.Select(o => o.Agency).Distinct(StringComparer.Ordinal));

    private static string Numbers(IEnumerable<ReportSection> sections) => string.Join(", ", sections.Select(s => s.Number.ToString(CultureInfo.InvariantCulture)));

    private static string SectionsText(IReadOnlyCollection<ReportSection> sections) => $"{(sections.Count == 1 ? "Section" : "Sections")} {Numbers(sections)}";

    private static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
