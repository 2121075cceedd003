using Safeguarding.Workflows.Domain.PracticeReviews;
using static Safeguarding.Workflows.Domain.Tests.Reviews.ReviewFixtures;

namespace Safeguarding.Workflows.Domain.Tests.PracticeReviews;

/// <summary>The dates of docs/design/statutory-rules.md §3, worked by hand.</summary>
public sealed class PracticeReviewDatesTests
{
    [Theory]
    [InlineData("2026-01-23", "2026-07-23")]
    [InlineData("2026-06-26", "2026-12-26")]
    [InlineData("2026-08-31", "2027-02-28")]  // no 31 February: the month's last day
    [InlineData("2027-08-31", "2028-02-29")]  // a leap year
    [InlineData("2026-12-25", "2027-06-25")]  // a holiday decision date counts like any other
    public void Publication_is_due_six_calendar_months_after_the_decision(string decidedOn, string expected)
    {
        Assert.Equal(Date(expected), PracticeReviewDates.PublicationDue(Date(decidedOn)));
    }

    [Theory]
    // Christmas and New Year 2026/27: Fri 25 Dec, Mon 28 Dec (substitute), Fri 1 Jan.
    [InlineData("2027-01-11", "2026-12-30")]
    [InlineData("2027-01-05", "2026-12-22")]
    // Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    [InlineData("2026-04-14", "2026-04-01")]
    // 2022 one-offs: Thu 2 and Fri 3 June, Mon 19 September.
    [InlineData("2022-06-10", "2022-05-30")]
    [InlineData("2022-09-23", "2022-09-13")]
    // 2023 one-off: Mon 8 May (after Mon 1 May).
    [InlineData("2023-05-12", "2023-05-02")]
    public void The_final_report_goes_to_the_Panel_seven_working_days_before_publication(string plannedOn, string expected)
    {
        Assert.Equal(Date(expected), PracticeReviewDates.PrePublicationSendingDue(Date(plannedOn), EnglandAndWales));
    }

    [Theory]
    [InlineData("2027-02-26", "2028-02-26")]
    [InlineData("2028-02-29", "2029-02-28")]
    public void A_published_report_stays_available_for_twelve_calendar_months(string publishedOn, string expected)
    {
        Assert.Equal(Date(expected), PracticeReviewDates.PublicationPeriodEnds(Date(publishedOn)));
    }

    [Theory]
    [InlineData("2026-01-31", 1, "2026-07-31", new[] { "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30" })]
    [InlineData("2026-01-31", 2, "2026-07-31", new[] { "2026-03-31", "2026-05-31" })]
    [InlineData("2026-06-26", 1, "2027-01-12", new[] { "2026-07-26", "2026-08-26", "2026-09-26", "2026-10-26", "2026-11-26", "2026-12-26" })]
    [InlineData("2026-06-26", 7, "2026-12-26", new string[0])]
    public void Checkpoints_fall_every_interval_until_publication(string decidedOn, int intervalMonths, string horizon, string[] expected)
    {
        var checkpoints = PracticeReviewDates.Checkpoints(Date(decidedOn), intervalMonths, Date(horizon));

        Assert.Equal(expected.Select(Date), checkpoints.Select(c => c.On));
        Assert.Equal(Enumerable.Range(1, expected.Length), checkpoints.Select(c => c.Number));
    }
}
