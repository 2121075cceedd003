using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.AnnualReports.AnnualReportFixture;

namespace Safeguarding.Workflows.Domain.Tests.AnnualReports;

public sealed class AnnualReportWakeTests
{
    [Fact]
    public void Waking_before_anything_is_due_changes_nothing()
    {
        var report = Open().State;
        Assert.Same(report, report.Wake(OpenedAt.AddDays(10)).State);
        Assert.Same(report, report.Wake(At("2026-07-24", 8, 59)).State);
    }

    [Fact]
    public void Waking_is_idempotent_each_step_happens_once()
    {
        var report = Open().State;
        var first = report.Wake(At("2026-07-24"));
        Assert.NotEmpty(first.Emails);

        var again = first.State.Wake(At("2026-07-24"));
        Assert.Same(first.State, again.State);
        Assert.Empty(again.Emails);
        var later = first.State.Wake(At("2026-07-24", 15));
        Assert.Same(first.State, later.State);
    }

    [Fact]
    public void The_reminder_goes_five_working_days_before_to_owners_of_sections_not_yet_received()
    {
        var report = Open().State.ContributeAll(At("2026-06-01"), except: [3, 13]);

        var (woken, emails) = report.Wake(At("2026-07-24"));

        // One email per owner: the three partners' officers for section 3, the business manager for section 13.
        Assert.Equal(4, emails.Count);
        Assert.All(emails, e => Assert.Equal(AnnualReportTemplates.ContributionsReminder, e.Template));
        var manager = Assert.Single(emails, e => e.To.Single().Email == BusinessManager);
        Assert.Equal([13], Sections(manager));
        Assert.Equal($"warwickshire/annual-report/2025-26/contributions-reminder/{ManagerTarget}/2026-07-24", manager.Id);
        Assert.All(emails.Where(e => e != manager), e => Assert.Equal([3], Sections(e)));
        var entry = woken.Timeline[^1];
        Assert.Equal(AnnualReportEvents.ContributionsReminded, entry.Type);
        Assert.Contains("3, 13", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_missing_after_the_contributions_date_are_late_and_chased_weekly_until_received()
    {
        var report = Open().State.ContributeAll(At("2026-07-20"), except: [13]);
        var (afterDue, _) = report.RunUntil(At("2026-08-01", 0, 30));

        Assert.Equal(DeadlineState.Missed, afterDue.Deadline(AnnualReportDeadlines.Contributions).State);
        Assert.Equal(SectionStatus.Late, afterDue.StatusOf(afterDue.Section(13)!));
        Assert.Equal(SectionStatus.Received, afterDue.StatusOf(afterDue.Section(1)!));
        var missed = afterDue.Timeline.Single(t => t.Type == "deadline-missed");
        Assert.Equal(At("2026-08-01", 0), missed.At);

        var (chased, chases) = afterDue.RunUntil(At("2026-08-14", 12));
        Assert.Equal(["2026-08-07", "2026-08-14"], chases.Select(e => e.Id.Split('/')[^1]));
        Assert.All(chases, e => Assert.Equal([13], Sections(e)));

        var received = chased.Contribute(13, At("2026-08-17", 11));
        Assert.Equal(SectionStatus.Received, received.StatusOf(received.Section(13)!));
        Assert.True(received.Section(13)!.ReceivedLate);
        var contributions = received.Deadline(AnnualReportDeadlines.Contributions);
        Assert.Equal(At("2026-08-17", 11), contributions.MetAt);
        Assert.False(contributions.IsOverdue);

        // No more chases: everything is in.
        var (_, later) = received.RunUntil(At("2026-09-29"));
        Assert.DoesNotContain(later, e => e.Template == AnnualReportTemplates.ContributionChase);
    }

    [Fact]
    public void After_downtime_only_the_latest_due_chase_is_sent()
    {
        var report = Open().State.ContributeAll(At("2026-07-20"), except: [5]);
        var (woken, emails) = report.Wake(At("2026-08-22"));

        var chase = Assert.Single(emails);
        Assert.Equal($"warwickshire/annual-report/2025-26/contribution-chase/{ManagerTarget}/2026-08-21", chase.Id);
        Assert.Equal([5], Sections(chase));
        Assert.Equal(At("2026-08-22"), chase.CreatedAt);
        Assert.Equal(3, woken.Steps.Count(s => s.Action == AnnualReportAction.ContributionsChase && s.DoneAt is not null));
        Assert.True(woken.Steps.Single(s => s.Action == AnnualReportAction.ContributionsReminder).IsDone); // superseded by the chase
        Assert.Single(woken.Timeline, t => t.Type == AnnualReportEvents.ContributionsChased);
        Assert.DoesNotContain(woken.Timeline, t => t.Type == AnnualReportEvents.ContributionsReminded);
    }

    [Fact]
    public void The_business_manager_is_warned_on_the_draft_date_when_the_draft_is_incomplete()
    {
        var report = Open().State.ContributeAll(At("2026-07-20"), except: [1]);
        var (woken, emails) = report.RunUntil(At("2026-08-28", 12));

        var warning = Assert.Single(emails, e => e.Template == AnnualReportTemplates.DraftIncomplete);
        Assert.Equal("warwickshire/annual-report/2025-26/draft-incomplete/business-manager/2026-08-28", warning.Id); // 31 August 2026 is a bank holiday
        Assert.Equal(At("2026-08-28"), warning.CreatedAt);
        Assert.Equal(["business-manager@warwickshire.example.org"], warning.To.Select(t => t.Email));
        Assert.Equal("1", warning.Values["missingMandatorySections"]);
        Assert.Equal("no", warning.Values["compiled"]);
        Assert.Equal("/partnerships/warwickshire/annual-reports/2025-26", warning.Values["reportLink"]); // the business unit's page, not the contributors' form
        Assert.Equal(AnnualReportEvents.DraftIncomplete, woken.Timeline.Single(t => t.Type == AnnualReportEvents.DraftIncomplete).Type);
    }

    [Fact]
    public void No_warning_when_the_draft_is_compiled()
    {
        var report = Open().State.ContributeAll(At("2026-07-20"));
        report = report.RecordCompilation(1, 1, At("2026-08-10"), "local-user").Changed().State;

        var (woken, emails) = report.RunUntil(At("2026-08-31", 23));

        Assert.DoesNotContain(emails, e => e.Template == AnnualReportTemplates.DraftIncomplete);
        Assert.Equal(DeadlineState.Met, woken.Deadline(AnnualReportDeadlines.Draft).State);
        Assert.True(woken.Steps.Single(s => s.Action == AnnualReportAction.DraftCheck).DoneAt is not null);
    }

    [Fact]
    public void Not_published_by_30_September_the_lead_partners_are_told_on_1_October()
    {
        var report = Open().State.ContributeAll(At("2026-07-20"));
        var (woken, emails) = report.RunUntil(At("2026-10-31"));

        var notice = Assert.Single(emails, e => e.Template == AnnualReportTemplates.PublicationOverdue);
        Assert.Equal(At("2026-10-01"), notice.CreatedAt);
        Assert.Equal(
            ["council.dsp@warwickshire.example.org", "police.dsp@warwickshire.example.org", "icb.dsp@warwickshire.example.org", "business-manager@warwickshire.example.org"],
            notice.To.Select(t => t.Email));
        Assert.Contains("Chief Constable, Warwickshire Police", notice.Values["leadPartners"], StringComparison.Ordinal);
        Assert.Equal("/partnerships/warwickshire/annual-reports/2025-26", notice.Values["reportLink"]);
        var publication = woken.Deadline(AnnualReportDeadlines.Publication);
        Assert.True(publication.IsOverdue);
        Assert.Equal(DeadlineState.Pending, woken.Deadline(AnnualReportDeadlines.Submission).State); // its clock starts at publication
        Assert.Null(woken.NextWakeAt);
        Assert.Equal(ProcessStatus.Open, woken.Status);
    }

    [Fact]
    public void Cancelling_stops_everything()
    {
        var report = Open().State.Cancel("Merged into a joint report", "local-user", At("2026-06-01")).State;

        Assert.Equal(ProcessStatus.Cancelled, report.Status);
        Assert.Null(report.NextWakeAt);
        Assert.Same(report, report.Wake(At("2026-10-31")).State);
        Assert.All(report.Deadlines, d => Assert.Equal(DeadlineState.Waived, d.State));
        Assert.Equal(DecisionOutcome.NotOpen, report.RecordContribution(1, Contributor(), 1, Sha("Text"), 4, At("2026-06-02"), "local-user").Outcome);
    }
}
