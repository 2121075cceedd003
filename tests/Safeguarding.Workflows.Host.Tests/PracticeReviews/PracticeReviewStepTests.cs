using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Reviews;
using Safeguarding.Workflows.Host.Pages.PracticeReviews;

namespace Safeguarding.Workflows.Host.Tests.PracticeReviews;

/// <summary>The steps a practice review's page offers (only those allowed now) and its history in words.</summary>
public sealed class PracticeReviewStepTests
{
    private static readonly ReviewContext Context = new(
        PartnershipFile.Parse("staffordshire.json", File.ReadAllText(Find("config/partnerships/staffordshire.json"))),
        StatutoryCalendar.EnglandAndWales);

    private static readonly DateTimeOffset OpenedAt = LondonTime.At(new DateOnly(2026, 6, 29), new TimeOnly(10, 0));

    private static PracticeReview Opened() =>
        PracticeReview.Open(new ProcessKey("staffordshire", ProcessKinds.PracticeReview, "lcspr-2026-001"), new("LCSPR-2026-001", new DateOnly(2026, 6, 26), null), Context, OpenedAt).Transition!.State;

    private static PracticeReview Record(PracticeReview review, PracticeReviewEvent e, DateTimeOffset now) =>
        review.Record(e, Context, "tester", now).Transition!.State;

    private static string[] Offered(PracticeReview review) => [.. PracticeReviewStep.All.Where(s => s.AllowedOn(review)).Select(s => s.Name)];

    [Fact]
    public void A_new_review_offers_what_can_be_done_first_and_nothing_that_needs_a_publication_an_action_or_a_missed_deadline()
    {
        Assert.Equal(
            ["reviewer-appointed", "checkpoint-held", "recommendation-added", "publication-planned", "sent-to-panel-and-secretary-of-state", "published"],
            Offered(Opened()));
    }

    [Fact]
    public void Once_published_the_review_offers_taking_it_down_and_no_more_checkpoints_plans_or_publication()
    {
        var review = Record(Opened(), new(PracticeReviewEventType.ReviewerAppointed, new DateOnly(2026, 6, 29)), OpenedAt);
        review = Record(review, new(PracticeReviewEventType.RecommendationAdded, new DateOnly(2026, 6, 29),
            Recommendation: new("1", "Refresh the neglect toolkit", new AgencyContact("Neglect lead", "neglect.lead@staffordshire.example.org", "Staffordshire County Council"), new DateOnly(2026, 9, 1))), OpenedAt);
        review = Record(review, new(PracticeReviewEventType.Published, new DateOnly(2026, 6, 29), Url: "https://www.staffordshire.example/lcspr-2026-001"), OpenedAt);

        Assert.Equal(["recommendation-added", "action-completed", "sent-to-panel-and-secretary-of-state", "withdrawn"], Offered(review));
        Assert.Empty(PracticeReviewStep.CheckpointsToHold(review));
    }

    [Fact]
    public void Checkpoints_to_hold_are_the_ones_not_held_earliest_first()
    {
        var review = Record(Opened(), new(PracticeReviewEventType.CheckpointHeld, new DateOnly(2026, 7, 24), Checkpoint: 1), LondonTime.At(new DateOnly(2026, 7, 24), new TimeOnly(12, 0)));

        Assert.Equal([2, 3, 4, 5], PracticeReviewStep.CheckpointsToHold(review).Select(c => c.Number));
    }

    [Fact]
    public void History_says_deadlines_by_what_they_mean_dates_in_words_and_actions_by_number()
    {
        var review = Opened();

        Assert.Equal("monitoring checkpoint 1: the meeting moved", PracticeReviewStep.HistoryDetail(review, "delay-reason", "checkpoint:1: the meeting moved"));
        Assert.Equal("action 1 due 1 September 2026", PracticeReviewStep.HistoryDetail(review, "recommendation-added", "1 due 2026-09-01"));
        Assert.Equal("publishing the report", PracticeReviewStep.HistoryDetail(review, "deadline-missed", "publication"));
        Assert.Equal("Sent to the Panel and the Secretary of State", PracticeReviewStep.HistoryType("sent-to-panel-and-secretary-of-state"));
    }

    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, relative)))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new FileNotFoundException(relative);
    }
}
