using System.Text.Json;
using static Safeguarding.Workflows.Host.Tests.RapidReviews.ReviewsClient;

namespace Safeguarding.Workflows.Host.Tests.RapidReviews;

/// <summary>
/// A serious incident in Staffordshire walked from awareness to the rapid review's submission on the simulated
/// clock, against Azurite: three agencies asked for summaries, one late (reminded, chased, escalated), the notification
/// fixing the 15-day clock, a delay reason, and an LCSPR decision that opens the practice review.
/// </summary>
public sealed class RapidReviewScenarioTests
{
    private const string Police = "police.reviews@staffordshire.example.org";
    private const string Nurse = "named.nurse@uhnm.example.org";
    private const string Education = "education.safeguarding@staffordshire.example.org";
    private const string BoardManager = "board-manager@staffordshire.example.org";
    private const string PartnersAndBoardManager =
        "board-manager@staffordshire.example.org,council.dcs@staffordshire.example.org,icb.cnto@staffordshire.example.org,police.acc@staffordshire.example.org";

    [Fact]
    public async Task From_awareness_to_submission_with_one_agency_late()
    {
        await using var factory = new ServiceFactory(); // the clock starts at 08:00 on Monday 5 January 2026
        var client = factory.CreateClient();
        var reviews = new ReviewsClient(client);

        // Monday 5 January: the local authority became aware today; the review is opened and every agency asked at once.
        var opened = await reviews.PutAsync("rapid-reviews", "rr-2026-007", new
        {
            caseReference = "RR-2026-007",
            awareOn = "2026-01-05",
            childLookedAfter = false,
            outcome = "seriously-harmed",
            agencies = new[]
            {
                new { agency = "Staffordshire Police", contact = new { name = "Police reviewer", email = Police } },
                new { agency = "University Hospitals of North Midlands", contact = new { name = "Named nurse", email = Nurse } },
                new { agency = "Staffordshire County Council Education", contact = new { name = "Education safeguarding lead", email = Education } },
            },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, opened.StatusCode);

        // Wednesday 7th: the Panel is notified and the partners told. The 15 working days now run from the 7th: Wed 28th.
        await reviews.MoveToAsync("2026-01-07", 12);
        await reviews.RecordAsync("rapid-reviews", "rr-2026-007", new { type = "panel-notified", on = "2026-01-07" });
        var informed = await reviews.RecordAsync("rapid-reviews", "rr-2026-007", new { type = "partners-informed", on = "2026-01-07" });
        Assert.Equal("2026-01-28", Deadline(informed, "rapid-review").GetProperty("dueOn").GetString());
        Assert.False(informed.GetProperty("rapidReviewDeadlineProvisional").GetBoolean());

        // Thursday 15th: reminders (summaries are due Monday 19th). Police and health send theirs on the 15th and 16th.
        await reviews.MoveToAsync("2026-01-16", 12);
        await reviews.RecordAsync("rapid-reviews", "rr-2026-007", new { type = "agency-summary-received", on = "2026-01-15", agency = "Staffordshire Police" });
        await reviews.RecordAsync("rapid-reviews", "rr-2026-007", new { type = "agency-summary-received", on = "2026-01-16", agency = "university-hospitals-of-north-midlands" });

        // Education misses the 19th: the partners hear at midnight, education is chased on the 20th and 21st, then sends it.
        await reviews.MoveToAsync("2026-01-21", 12);
        var late = await reviews.GetAsync("rapid-reviews", "rr-2026-007");
        Assert.Equal("missed", Deadline(late, "agency-summaries").GetProperty("state").GetString());
        Assert.Equal(["agency-summaries"], late.GetProperty("delayReasonsNeeded").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("overdue", late.GetProperty("agencies")[2].GetProperty("state").GetString());
        await reviews.RecordAsync("rapid-reviews", "rr-2026-007", new { type = "agency-summary-received", on = "2026-01-21", agency = "Staffordshire County Council Education" });
        await reviews.RecordAsync("rapid-reviews", "rr-2026-007", new { type = "review-meeting-held", on = "2026-01-21" });

        // Monday 26th: the business manager is warned the rapid review is due on the 28th; it is explained and submitted.
        await reviews.MoveToAsync("2026-01-26", 12);
        await reviews.RecordAsync("rapid-reviews", "rr-2026-007", new { type = "delay-reason", on = "2026-01-26", deadline = "agency-summaries", reason = "The education summary needed the head teacher's sign-off." });
        var submitted = await reviews.RecordAsync("rapid-reviews", "rr-2026-007", new { type = "review-submitted", on = "2026-01-26", decision = "lcspr" });

        Assert.Equal("completed", submitted.GetProperty("status").GetString());
        Assert.Equal("lcspr", submitted.GetProperty("decision").GetString());
        Assert.Equal("rr-2026-007-lcspr", submitted.GetProperty("practiceReviewId").GetString());
        Assert.Equal("met", Deadline(submitted, "rapid-review").GetProperty("state").GetString());
        Assert.Equal("met", Deadline(submitted, "panel-notification").GetProperty("state").GetString());

        // The practice review is open, commissioned on the submission date, publication due six months later.
        var practiceReview = await reviews.GetAsync("practice-reviews", "rr-2026-007-lcspr");
        Assert.Equal("2026-01-26", practiceReview.GetProperty("decidedOn").GetString());
        Assert.Equal("rr-2026-007", practiceReview.GetProperty("rapidReviewId").GetString());
        Assert.Equal("RR-2026-007", practiceReview.GetProperty("caseReference").GetString());
        Assert.Equal("2026-07-26", practiceReview.GetProperty("publicationDueOn").GetString());

        // The same submission again changes nothing and opens nothing new.
        var repeat = await reviews.RecordAsync("rapid-reviews", "rr-2026-007", new { type = "review-submitted", on = "2026-01-26", decision = "lcspr" });
        Assert.Equal(Timeline(submitted).Count, Timeline(repeat).Count);

        // The history has every step, in order, at its time.
        var history = await reviews.HistoryAsync("rapid-reviews", "rr-2026-007");
        Assert.Equal(Timeline(submitted).Select(t => t.Type), history.Select(h => h.GetProperty("type").GetString()));
        Assert.Contains(history, h => h.GetProperty("type").GetString() == "deadline-missed" && h.GetProperty("at").GetDateTimeOffset() == MissedAt("2026-01-19"));

        // Every email, at the right time, to the right people.
        Assert.Equal(
            [
                (London("2026-01-05", 8), "rapid-reviews/summary-request", Education),
                (London("2026-01-05", 8), "rapid-reviews/summary-request", Nurse),
                (London("2026-01-05", 8), "rapid-reviews/summary-request", Police),
                (London("2026-01-15", 9), "rapid-reviews/deadline-at-risk", BoardManager),
                (London("2026-01-15", 9), "rapid-reviews/summary-reminder", Education),
                (London("2026-01-15", 9), "rapid-reviews/summary-reminder", Nurse),
                (London("2026-01-15", 9), "rapid-reviews/summary-reminder", Police),
                // Missed at midnight (the history says so), told at the partnership's send time, never at 00:00.
                (London("2026-01-20", 9), "rapid-reviews/deadline-missed", PartnersAndBoardManager),
                (London("2026-01-20", 9), "rapid-reviews/summary-chase", Education),
                (London("2026-01-21", 9), "rapid-reviews/summary-chase", Education),
                (London("2026-01-26", 9), "rapid-reviews/deadline-at-risk", BoardManager),
            ],
            (await SentEmail.ForAsync(client, "rr-2026-007")).Select(e => e.Row));

        var emails = await SentEmail.ForAsync(client, "rr-2026-007");
        Assert.Contains("/forms/rapid-reviews/staffordshire/rr-2026-007/agency-summary/staffordshire-county-council-education", emails[0].Body);
        Assert.All(emails, e => Assert.Contains("RR-2026-007", e.Subject + e.Body));
    }

    [Fact]
    public async Task An_agency_that_never_sends_its_summary_is_chased_every_working_day_until_it_does()
    {
        await using var factory = new ServiceFactory(); // the clock starts at 08:00 on Monday 5 January 2026
        var client = factory.CreateClient();
        var reviews = new ReviewsClient(client);
        var opened = await reviews.PutAsync("rapid-reviews", "rr-2026-008", new
        {
            caseReference = "RR-2026-008",
            awareOn = "2026-01-05",
            childLookedAfter = false,
            outcome = "seriously-harmed",
            agencies = new[] { new { agency = "Staffordshire Police", contact = new { name = "Police reviewer", email = Police } } },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, opened.StatusCode);

        // Due Monday 19 January and still not in by the end of March: a chase every working day, far past the 20 first planned.
        await reviews.MoveToAsync("2026-03-31", 17);
        var chasedOn = (await SentEmail.ForAsync(client, "rr-2026-008"))
            .Where(e => e.Kind == "rapid-reviews/summary-chase")
            .Select(e => Domain.Calendar.LondonTime.LocalDate(e.SentAt))
            .ToList();
        var workingDaysLate = Enumerable.Range(1, 71)
            .Select(n => new DateOnly(2026, 1, 19).AddDays(n))
            .Where(Domain.Calendar.StatutoryCalendar.EnglandAndWales.IsWorkingDay)
            .ToList();
        Assert.Equal(workingDaysLate, chasedOn);

        // Once it arrives, chasing stops.
        await reviews.RecordAsync("rapid-reviews", "rr-2026-008", new { type = "agency-summary-received", on = "2026-03-31", agency = "Staffordshire Police" });
        await reviews.MoveToAsync("2026-04-30", 17);
        Assert.Equal(chasedOn.Count, (await SentEmail.ForAsync(client, "rr-2026-008")).Count(e => e.Kind == "rapid-reviews/summary-chase"));
    }
}
