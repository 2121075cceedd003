using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.RapidReviews;
using static Safeguarding.Workflows.Domain.Tests.Reviews.ReviewFixtures;

namespace Safeguarding.Workflows.Domain.Tests.RapidReviews;

/// <summary>The dates of docs/design/statutory-rules.md §2, worked by hand across Christmas, Easter and the one-off holidays.</summary>
public sealed class RapidReviewDatesTests
{
    [Theory]
    // Christmas 2026: Fri 25 and Mon 28 (Boxing Day substitute) are holidays, then Fri 1 January.
    [InlineData("2026-12-18", "2026-12-29", "2027-01-06", "2027-01-13")]
    [InlineData("2026-12-24", "2027-01-05", "2027-01-12", "2027-01-19")]
    // Christmas 2022 falls on a Sunday: Mon 26 and Tue 27 are holidays; New Year's Day substitute Mon 2 January 2023.
    [InlineData("2022-12-21", "2022-12-30", "2023-01-09", "2023-01-16")]
    // Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    [InlineData("2026-03-31", "2026-04-09", "2026-04-16", "2026-04-23")]
    // Easter 2027 (Good Friday 26 March, Easter Monday 29 March); aware on a Saturday, which is never counted.
    [InlineData("2027-03-20", "2027-03-30", "2027-04-06", "2027-04-13")]
    // 2022 one-offs: spring holiday moved to Thu 2 June, extra Fri 3 June (platinum jubilee), extra Mon 19 September.
    [InlineData("2022-05-30", "2022-06-08", "2022-06-15", "2022-06-22")]
    [InlineData("2022-09-14", "2022-09-22", "2022-09-29", "2022-10-06")]
    // 2023 one-off: extra Mon 8 May (coronation), after the early May holiday on Mon 1 May.
    [InlineData("2023-04-28", "2023-05-09", "2023-05-16", "2023-05-23")]
    [InlineData("2023-05-03", "2023-05-11", "2023-05-18", "2023-05-25")]
    public void Five_ten_and_fifteen_working_days_from_awareness(string awareOn, string fiveDays, string agencySummaries, string rapidReview)
    {
        var aware = Date(awareOn);
        Assert.Equal(Date(fiveDays), RapidReviewDates.PanelNotificationDue(aware, EnglandAndWales));
        Assert.Equal(Date(fiveDays), RapidReviewDates.PartnersInformedDue(aware, EnglandAndWales));
        Assert.Equal(Date(fiveDays), RapidReviewDates.SecretaryOfStateDue(aware, EnglandAndWales));
        Assert.Equal(Date(agencySummaries), RapidReviewDates.AgencySummariesDue(aware, new PartnershipTimescales(), EnglandAndWales));
        Assert.Equal(Date(rapidReview), RapidReviewDates.RapidReviewDue(aware, null, RapidReviewClockStart.Awareness, EnglandAndWales).DueOn);
    }

    [Theory]
    [InlineData("2026-12-18", 5, "2026-12-29")]
    [InlineData("2026-12-18", 10, "2027-01-06")]
    [InlineData("2026-12-18", 12, "2027-01-08")]
    [InlineData("2022-05-30", 7, "2022-06-10")]
    public void Agency_summaries_follow_the_partnership_timescale(string awareOn, int workingDays, string expected)
    {
        var timescales = new PartnershipTimescales { AgencySummariesWithinWorkingDays = workingDays };
        Assert.Equal(Date(expected), RapidReviewDates.AgencySummariesDue(Date(awareOn), timescales, EnglandAndWales));
    }

    [Theory]
    // Counted from the notification (the default): provisional from awareness until it is recorded, then final.
    [InlineData("notification", "2026-12-18", null, "2027-01-13", "awareness", true)]
    [InlineData("notification", "2026-12-18", "2026-12-22", "2027-01-15", "notification", false)]
    [InlineData("notification", "2022-05-27", "2022-06-01", "2022-06-24", "notification", false)]
    [InlineData("notification", "2023-05-02", "2023-05-05", "2023-05-30", "notification", false)]
    [InlineData("notification", "2026-03-30", "2026-04-02", "2026-04-27", "notification", false)]
    // Counted from awareness: the notification date changes nothing, and nothing is provisional.
    [InlineData("awareness", "2026-12-18", null, "2027-01-13", "awareness", false)]
    [InlineData("awareness", "2026-12-18", "2026-12-22", "2027-01-13", "awareness", false)]
    public void The_rapid_review_clock(string clockStart, string awareOn, string? notifiedOn, string expected, string countedFrom, bool provisional)
    {
        var start = Enum.Parse<RapidReviewClockStart>(clockStart, ignoreCase: true);
        var clock = RapidReviewDates.RapidReviewDue(Date(awareOn), notifiedOn is null ? null : Date(notifiedOn), start, EnglandAndWales);

        Assert.Equal(Date(expected), clock.DueOn);
        Assert.Equal(Enum.Parse<RapidReviewClockStart>(countedFrom, ignoreCase: true), clock.CountedFrom);
        Assert.Equal(provisional, clock.Provisional);
    }

    [Theory]
    // A looked-after child died: the Panel, the partners, and the Secretary of State and Ofsted, each in 5 working days.
    [InlineData(true, "died", true, new[] { "panel-notification", "partners-informed", "secretary-of-state-notification", "agency-summaries", "rapid-review" })]
    // Seriously harmed, or not looked after: no Secretary of State notification.
    [InlineData(true, "seriously-harmed", true, new[] { "panel-notification", "partners-informed", "agency-summaries", "rapid-review" })]
    [InlineData(false, "died", true, new[] { "panel-notification", "partners-informed", "agency-summaries", "rapid-review" })]
    [InlineData(false, "seriously-harmed", true, new[] { "panel-notification", "partners-informed", "agency-summaries", "rapid-review" })]
    // A looked-after child's death without known or suspected abuse or neglect: that notification alone.
    [InlineData(true, "died", false, new[] { "secretary-of-state-notification" })]
    // Saved before the outcome was asked for: a looked-after child keeps the notification it was opened with.
    [InlineData(true, null, true, new[] { "panel-notification", "partners-informed", "secretary-of-state-notification", "agency-summaries", "rapid-review" })]
    public void The_secretary_of_state_and_ofsted_are_notified_only_when_a_looked_after_child_died(bool lookedAfter, string? outcome, bool abuseOrNeglect, string[] names)
    {
        var review = new RapidReviewCase("RR-2026-001", Date("2026-12-18"), lookedAfter, [], outcome is null ? null : RapidReviewNames.Outcomes[outcome], abuseOrNeglect);
        var deadlines = RapidReviewDates.Initial(review, RapidReviewClockStart.Notification, new PartnershipTimescales(), EnglandAndWales);

        Assert.Equal(names, deadlines.Select(d => d.Name));
        Assert.All(deadlines, d => Assert.Equal(Safeguarding.Workflows.Domain.Calendar.LondonTime.EndOfDay(d.DueOn), d.DueAt));
        // 5 working days across Christmas 2026 (Fri 25 and Mon 28 are holidays).
        Assert.All(deadlines.Where(d => d.Name is "panel-notification" or "partners-informed" or "secretary-of-state-notification"), d => Assert.Equal(Date("2026-12-29"), d.DueOn));
    }
}
