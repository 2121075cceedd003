using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.AnnualReports.AnnualReportFixture;

namespace Safeguarding.Workflows.Domain.Tests.AnnualReports;

public sealed class AnnualReportOpeningTests
{
    [Fact]
    public void Opening_asks_each_owner_once_for_all_their_sections_each_with_its_contribution_link()
    {
        var (report, emails) = Open();

        Assert.Equal(15, report.Sections.Count);
        // The business manager, and the three partners' delegated officers: one email each, not one per section.
        Assert.Equal(4, emails.Count);
        Assert.All(emails, e => Assert.Single(e.To));
        Assert.Equal(report.Sections.Select(s => s.Number), emails.SelectMany(Sections).Distinct().Order());
        var manager = emails.Single(e => e.To[0].Email == BusinessManager);
        Assert.Equal([1, 2, 4, 5, 6, 7, 8, 13, 14, 15], Sections(manager));
        Assert.Equal($"warwickshire/annual-report/2025-26/section-opened/{ManagerTarget}/2026-05-05", manager.Id);
        Assert.DoesNotContain("@", manager.Id.Split('/')[3], StringComparison.Ordinal);
        Assert.Equal(AnnualReportTemplates.SectionOpened, manager.Template);
        Assert.Equal("/forms/annual-reports/warwickshire/2025-26/sections/1", manager.Values["section1Link"]);
        Assert.Equal("yes", manager.Values["section1Mandatory"]);
        Assert.Equal("no", manager.Values["section3Mandatory"]);
        Assert.Equal("2", manager.Values["mandatoryCount"]);
        Assert.Equal("2026-07-31", manager.Values["dueOn"]);
        Assert.Equal("Warwickshire Safeguarding Children Partnership", manager.Values["partnershipName"]);
        Assert.All(emails, e => Assert.Equal(OpenedAt, e.CreatedAt));
        Assert.Equal(3, emails.Count(e => Sections(e).Contains(3)));
    }

    [Theory]
    [InlineData("2026-07-30", "2026-07-31", "2026-08-31")] // before the contributions date: the partnership's dates
    [InlineData("2026-07-31", "2026-08-14", "2026-08-31")] // on it: ten working days from opening
    [InlineData("2026-08-25", "2026-09-09", "2026-09-09")] // after it (31 August a bank holiday): the draft moves too
    [InlineData("2026-12-07", "2026-12-21", "2026-12-21")] // after publication was due: still a date to come
    public void A_report_opened_on_or_after_its_contributions_date_asks_owners_for_a_date_to_come(string openedOn, string dueOn, string draftDue)
    {
        var (report, emails) = Open(at: At(openedOn, 10));

        Assert.All(report.Sections, s => Assert.Equal(DateOnly.Parse(dueOn), s.DueOn));
        Assert.All(emails, e => Assert.Equal(dueOn, e.Values["dueOn"]));
        Assert.Equal(DateOnly.Parse(dueOn), report.Deadline(AnnualReportDeadlines.Contributions).DueOn);
        Assert.Equal(DateOnly.Parse(draftDue), report.Deadline(AnnualReportDeadlines.Draft).DueOn);
        Assert.True(DateOnly.Parse(dueOn) > DateOnly.Parse(openedOn));
    }

    [Fact]
    public void Opening_records_the_sections_owners_and_deadlines()
    {
        var report = Open().State;

        Assert.Equal(ProcessStatus.Open, report.Status);
        Assert.Equal("Annual report 2025-26", report.Title);
        Assert.All(report.Sections, s => Assert.Equal(new DateOnly(2026, 7, 31), s.DueOn));
        Assert.All(report.Sections, s => Assert.Equal(SectionStatus.Awaited, report.StatusOf(s)));
        Assert.Equal(
            [("contributions", "2026-07-31"), ("draft", "2026-08-31"), ("publication", "2026-09-30"), ("submission", "2026-10-07")],
            report.Deadlines.Select(d => (d.Name, d.DueOn.ToString("yyyy-MM-dd"))));
        Assert.All(report.Deadlines, d => Assert.Equal(DeadlineState.Pending, d.State));
        Assert.Equal(AnnualReportEvents.Opened, report.Timeline[0].Type);
        Assert.Equal(15, report.Timeline.Count(t => t.Type == AnnualReportEvents.SectionOpened));
        Assert.Equal(At("2026-07-24"), report.NextWakeAt);
    }

    [Fact]
    public void A_partnership_with_a_secure_establishment_is_asked_about_restraint()
    {
        var staffordshire = TestPartnerships.Staffordshire with { HasSecureEstablishment = true };
        var (report, emails) = Open(staffordshire);

        Assert.Equal(16, report.Sections.Count);
        Assert.Equal(SectionOwner.LocalAuthority, report.Section(16)!.Owner);
        Assert.Equal(SectionOwner.IndependentScrutineer, report.Section(13)!.Owner);
        Assert.Contains(emails, e => Sections(e).Contains(16));
    }

    [Fact]
    public void A_report_opened_after_its_contributions_date_plans_its_reminder_and_chases_from_the_date_it_gives()
    {
        var (report, emails) = Open(at: At("2026-08-10", 12));

        Assert.Equal(4, emails.Count); // one per owner
        Assert.DoesNotContain(report.Steps, s => s.At < At("2026-08-10", 12));
        // Sections due 24 August (ten working days on): reminded 17 August, chased from 28 August (31 August is a bank holiday).
        Assert.Equal(["ContributionsReminder/contributions/2026-08-17", "ContributionsChase/contributions/2026-08-28"], report.Steps.Take(2).Select(s => s.Id));
        var woken = report.Wake(At("2026-08-10", 12));
        Assert.Equal(DeadlineState.Pending, woken.State.Deadline(AnnualReportDeadlines.Contributions).State);
        Assert.Empty(woken.Emails);
        Assert.Equal(At("2026-08-17"), woken.State.NextWakeAt);
    }

    [Fact]
    public void Settings_whose_dates_do_not_fit_refuse_the_report_as_a_conflict()
    {
        var partnership = TestPartnerships.WithDates("07-31", "07-01");
        var refused = AnnualReport.Open(
            new ProcessKey(partnership.Id, ProcessKinds.AnnualReport, "2025-26"), ReportingYear.Parse("2025-26"), partnership,
            Domain.Calendar.StatutoryCalendar.EnglandAndWales, OpenedAt, "local-user");

        Assert.Equal(DecisionOutcome.Conflict, refused.Outcome);
        Assert.StartsWith("The draft (07-01) cannot be due before the contributions (07-31).", refused.Message, StringComparison.Ordinal);
    }
}
