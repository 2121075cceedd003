using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Tests.AnnualReports;

public sealed class AnnualReportDatesTests
{
    private static readonly StatutoryCalendar Calendar = StatutoryCalendar.EnglandAndWales;

    private static AnnualReportDates For(string year, PartnershipArrangements? arrangements = null, StatutoryCalendar? calendar = null) =>
        AnnualReportDates.For(ReportingYear.Parse(year), (arrangements ?? TestPartnerships.Warwickshire).Timescales, calendar ?? Calendar);

    private static DateOnly D(string text) => DateOnly.Parse(text);

    private static DateTimeOffset NineAm(string date) => LondonTime.At(D(date), new TimeOnly(9, 0));

    [Theory]
    // year,    contributions, draft,        publication,  reminder,     draft check,  escalation
    [InlineData("2025-26", "2026-07-31", "2026-08-31", "2026-09-30", "2026-07-24", "2026-08-28", "2026-10-01")] // 31 Aug 2026 is the summer bank holiday
    [InlineData("2026-27", "2027-07-31", "2027-08-31", "2027-09-30", "2027-07-26", "2027-08-31", "2027-10-01")] // 31 Jul 2027 is a Saturday
    [InlineData("2022-23", "2023-07-31", "2023-08-31", "2023-09-30", "2023-07-24", "2023-08-31", "2023-10-02")] // 1 Oct 2023 is a Sunday
    [InlineData("2021-22", "2022-07-31", "2022-08-31", "2022-09-30", "2022-07-25", "2022-08-31", "2022-10-03")] // 31 Jul 2022 a Sunday; 1 Oct a Saturday
    [InlineData("2031-32", "2032-07-31", "2032-08-31", "2032-09-30", "2032-07-26", "2032-08-31", "2032-10-01")]
    public void Default_dates(string year, string contributions, string draft, string publication, string reminder, string draftCheck, string escalation)
    {
        var dates = For(year);
        Assert.Equal(D(contributions), dates.ContributionsDue);
        Assert.Equal(D(draft), dates.DraftDue);
        Assert.Equal(D(publication), dates.PublicationDue);
        Assert.Equal(NineAm(reminder), dates.ReminderAt);
        Assert.Equal(NineAm(draftCheck), dates.DraftCheckAt);
        Assert.Equal(NineAm(escalation), dates.EscalationAt);
    }

    [Fact]
    public void Sends_are_at_nine_in_the_morning_london_time()
    {
        var dates = For("2025-26");
        Assert.Equal(DateTimeOffset.Parse("2026-07-24T08:00:00Z"), dates.ReminderAt); // BST
        Assert.Equal(DateTimeOffset.Parse("2026-10-01T08:00:00Z"), dates.EscalationAt);
    }

    [Fact]
    public void Missing_contributions_are_chased_weekly_until_the_publication_deadline()
    {
        Assert.Equal(
            new[] { "2026-08-07", "2026-08-14", "2026-08-21", "2026-08-28", "2026-09-04", "2026-09-11", "2026-09-18", "2026-09-25" }.Select(NineAm),
            For("2025-26").ChasesAt);
    }

    [Fact]
    public void A_chase_on_a_non_working_day_moves_to_the_working_day_before()
    {
        // 2027: contributions due Saturday 31 July, so the weekly chases fall on Saturdays and go out on the Friday.
        var chases = For("2026-27").ChasesAt;
        Assert.Equal(NineAm("2027-08-06"), chases[0]);
        Assert.All(chases, c => Assert.Equal(DayOfWeek.Friday, LondonTime.LocalDate(c).DayOfWeek));
        Assert.Equal(NineAm("2027-09-24"), chases[^1]);
    }

    [Fact]
    public void The_partnership_can_set_its_own_internal_dates()
    {
        var dates = For("2025-26", TestPartnerships.WithDates("06-30", "08-15"));
        Assert.Equal(D("2026-06-30"), dates.ContributionsDue);
        Assert.Equal(D("2026-08-15"), dates.DraftDue);
        Assert.Equal(NineAm("2026-06-23"), dates.ReminderAt);
        Assert.Equal(NineAm("2026-08-14"), dates.DraftCheckAt); // 15 Aug 2026 is a Saturday
        Assert.Equal(NineAm("2026-07-07"), dates.ChasesAt[0]);
        Assert.Equal(D("2026-09-30"), dates.PublicationDue); // statutory: not the partnership's to change
    }

    [Fact]
    public void Closure_days_are_not_counted_as_working_days()
    {
        var calendar = Calendar.WithClosureDays([D("2026-07-24"), D("2026-07-27")]);
        Assert.Equal(NineAm("2026-07-22"), For("2025-26", calendar: calendar).ReminderAt);
    }

    [Theory]
    [InlineData("03-31", "08-31", "annualReportContributionsDue")] // still inside the reporting year
    [InlineData("10-31", "10-31", "annualReportContributionsDue")] // after the publication deadline
    [InlineData("07-31", "10-01", "annualReportDraftDue")]
    [InlineData("07-31", "07-01", "annualReportDraftDue")] // draft before the contributions
    public void Internal_dates_that_do_not_fit_are_refused_naming_the_setting(string contributions, string draft, string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => For("2025-26", TestPartnerships.WithDates(contributions, draft)));
        Assert.Equal(setting, error.ParamName);
    }

    [Theory]
    [InlineData("2026-09-15", "2026-09-22")]
    [InlineData("2026-09-30", "2026-10-07")]
    [InlineData("2026-12-28", "2027-01-04")] // calendar days: bank holidays and weekends count
    public void Submission_is_due_seven_calendar_days_after_publication(string published, string due) =>
        Assert.Equal(D(due), AnnualReportDates.SubmissionDue(D(published)));

    [Fact]
    public void Until_publication_the_submission_deadline_is_counted_from_30_September() =>
        Assert.Equal(D("2026-10-07"), AnnualReportDates.ProvisionalSubmissionDue(ReportingYear.Parse("2025-26")));
}
