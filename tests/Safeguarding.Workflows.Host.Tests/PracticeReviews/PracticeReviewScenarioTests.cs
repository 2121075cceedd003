using Safeguarding.Workflows.Host.Tests.RapidReviews;
using static Safeguarding.Workflows.Host.Tests.RapidReviews.ReviewsClient;

namespace Safeguarding.Workflows.Host.Tests.PracticeReviews;

/// <summary>
/// The practice review a rapid review's LCSPR decision opens, walked on the simulated clock against Azurite: monthly
/// checkpoints (one before Easter, one after the early May holiday), a publication plan, the final report sent to the
/// Panel in time, publication, a recommendation tracked as an action (reminded, chased, done), and the reminder
/// before the published report's year is over.
/// </summary>
public sealed class PracticeReviewScenarioTests
{
    private const string BoardManager = "board-manager@staffordshire.example.org";
    private const string Owner = "neglect.lead@staffordshire.example.org";
    private const string PartnersAndBoardManager =
        "board-manager@staffordshire.example.org,council.dcs@staffordshire.example.org,icb.cnto@staffordshire.example.org,police.acc@staffordshire.example.org";

    private const string Id = "rr-2026-008-lcspr";

    [Fact]
    public async Task From_the_lcspr_decision_to_publication_and_its_one_year_reminder()
    {
        await using var factory = new ServiceFactory(); // 08:00 on Monday 5 January 2026
        var client = factory.CreateClient();
        var reviews = new ReviewsClient(client);

        // A rapid review completed the same day it opened, deciding on a local review.
        await reviews.PutAsync("rapid-reviews", "rr-2026-008", new
        {
            caseReference = "RR-2026-008",
            awareOn = "2026-01-05",
            childLookedAfter = true,
            outcome = "died",
            agencies = new[] { new { agency = "Staffordshire Police", contact = new { name = "Police reviewer", email = "police.reviews@staffordshire.example.org" } } },
        });
        foreach (var type in new[] { "panel-notified", "partners-informed", "secretary-of-state-notified", "review-meeting-held" })
        {
            await reviews.RecordAsync("rapid-reviews", "rr-2026-008", new { type, on = "2026-01-05" });
        }

        await reviews.RecordAsync("rapid-reviews", "rr-2026-008", new { type = "agency-summary-received", on = "2026-01-05", agency = "Staffordshire Police" });
        var decided = await reviews.RecordAsync("rapid-reviews", "rr-2026-008", new { type = "review-submitted", on = "2026-01-05", decision = "lcspr" });
        Assert.Equal(Id, decided.GetProperty("practiceReviewId").GetString());

        // Commissioned on 5 January: publication due Sunday 5 July; checkpoints on the 5th of February to June.
        var opened = await reviews.GetAsync("practice-reviews", Id);
        Assert.Equal("2026-07-05", opened.GetProperty("publicationDueOn").GetString());
        Assert.Equal(
            ["2026-02-05", "2026-03-05", "2026-04-05", "2026-05-05", "2026-06-05"],
            opened.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("dueOn").GetString()));

        await reviews.MoveToAsync("2026-02-05", 12);
        await reviews.RecordAsync("practice-reviews", Id, new { type = "reviewer-appointed", on = "2026-01-20" });
        await reviews.RecordAsync("practice-reviews", Id, new { type = "checkpoint-held", on = "2026-02-05" });
        await reviews.MoveToAsync("2026-03-05", 12);
        await reviews.RecordAsync("practice-reviews", Id, new { type = "checkpoint-held", on = "2026-03-05" });

        // Checkpoint 3 falls on Easter Sunday: reminded on Wednesday 1 April, held on Thursday 2nd.
        await reviews.MoveToAsync("2026-04-02", 12);
        await reviews.RecordAsync("practice-reviews", Id, new { type = "checkpoint-held", on = "2026-04-02", checkpoint = 3 });

        // Checkpoint 4 on Tuesday 5 May, the day after the early May holiday: reminded on Thursday 30 April.
        await reviews.MoveToAsync("2026-05-05", 12);
        await reviews.RecordAsync("practice-reviews", Id, new { type = "checkpoint-held", on = "2026-05-05" });
        var planned = await reviews.RecordAsync("practice-reviews", Id, new { type = "publication-planned", on = "2026-05-05", plannedOn = "2026-06-30" });
        Assert.Equal("2026-06-19", planned.GetProperty("publication").GetProperty("sendToPanelBy").GetString());

        await reviews.MoveToAsync("2026-06-05", 12);
        await reviews.RecordAsync("practice-reviews", Id, new { type = "checkpoint-held", on = "2026-06-05" });

        // Warned on Wednesday 17 June that the final report must reach the Panel by Friday 19th; sent on the 18th.
        await reviews.MoveToAsync("2026-06-18", 12);
        var sent = await reviews.RecordAsync("practice-reviews", Id, new { type = "sent-to-panel-and-secretary-of-state", on = "2026-06-18" });
        Assert.Equal("met", Deadline(sent, "pre-publication-sending").GetProperty("state").GetString());

        // Published on Tuesday 30 June; a recommendation becomes an action due on 30 September.
        await reviews.MoveToAsync("2026-06-30", 12);
        var published = await reviews.RecordAsync("practice-reviews", Id, new { type = "published", on = "2026-06-30", url = "https://www.staffordshire.example.org/lcspr/rr-2026-008.pdf" });
        Assert.Equal("met", Deadline(published, "publication").GetProperty("state").GetString());
        Assert.Equal("2027-06-30", published.GetProperty("publication").GetProperty("availableUntil").GetString());
        await reviews.RecordAsync("practice-reviews", Id, new
        {
            type = "recommendation-added",
            on = "2026-06-30",
            id = "r1",
            title = "Refresh the multi-agency neglect toolkit",
            owner = new { name = "Neglect lead", email = Owner, agency = "Staffordshire County Council" },
            dueOn = "2026-09-30",
        });

        // Reminded on Friday 25 September, chased on Thursday 1 October, done on the 2nd.
        await reviews.MoveToAsync("2026-10-02", 12);
        var done = await reviews.RecordAsync("practice-reviews", Id, new { type = "action-completed", on = "2026-10-02", actionId = "r1" });
        Assert.Equal("completed", done.GetProperty("actions")[0].GetProperty("state").GetString());
        Assert.Equal("open", done.GetProperty("status").GetString());

        // A year on: the partners are reminded on Wednesday 16 June 2027; from 30 June the report may come down.
        await reviews.MoveToAsync("2027-07-01", 12);
        var complete = await reviews.GetAsync("practice-reviews", Id);
        Assert.Equal("met", Deadline(complete, "publication-period").GetProperty("state").GetString());
        Assert.Equal("completed", complete.GetProperty("status").GetString());
        Assert.All(complete.GetProperty("checkpoints").EnumerateArray(), c => Assert.Equal("met", c.GetProperty("state").GetString()));

        Assert.Equal(
            [
                (London("2026-01-05", 8), "practice-reviews/commissioned", BoardManager),
                (London("2026-02-03", 9), "practice-reviews/checkpoint-reminder", BoardManager),
                (London("2026-03-03", 9), "practice-reviews/checkpoint-reminder", BoardManager),
                (London("2026-04-01", 9), "practice-reviews/checkpoint-reminder", BoardManager),
                (London("2026-04-30", 9), "practice-reviews/checkpoint-reminder", BoardManager),
                (London("2026-06-03", 9), "practice-reviews/checkpoint-reminder", BoardManager),
                (London("2026-06-17", 9), "practice-reviews/deadline-at-risk", BoardManager),
                (London("2026-06-30", 12), "practice-reviews/action-assigned", Owner),
                (London("2026-09-25", 9), "practice-reviews/action-reminder", Owner),
                (London("2026-10-01", 9), "practice-reviews/action-chase", Owner),
                (London("2027-06-16", 9), "practice-reviews/publication-period-reminder", PartnersAndBoardManager),
            ],
            (await SentEmail.ForAsync(client, Id)).Select(e => e.Row));
    }
}
