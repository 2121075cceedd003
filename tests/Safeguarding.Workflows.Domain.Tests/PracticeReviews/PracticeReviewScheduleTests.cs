using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.PracticeReviews.PracticeReviewExamples;
using static Safeguarding.Workflows.Domain.Tests.Reviews.ReviewFixtures;

namespace Safeguarding.Workflows.Domain.Tests.PracticeReviews;

/// <summary>What a practice review does on its own: the commissioning notice, checkpoint reminders, publication warnings and escalations.</summary>
public sealed class PracticeReviewScheduleTests
{
    [Fact]
    public void Opening_sets_the_publication_target_and_monthly_checkpoints_and_tells_the_business_manager()
    {
        var opened = Opened();

        Assert.Equal(
            ["checkpoint:1", "checkpoint:2", "checkpoint:3", "checkpoint:4", "checkpoint:5", "publication"],
            opened.State.Deadlines.Select(d => d.Name));
        Assert.Equal(Date("2026-12-26"), Deadline(opened.State, "publication").DueOn);
        var email = Assert.Single(opened.Emails);
        Assert.Equal("practice-reviews/commissioned", email.Template);
        Assert.Equal("board-manager@staffordshire.example.org", email.To.Single().Email);
        Assert.Equal("2026-12-26", email.Values["publicationDueOn"]);
        Assert.Equal("2026-07-26", email.Values["firstCheckpointOn"]);
        Assert.Equal("LCSPR-2026-001", email.Values["reference"]);
        Assert.Same(opened.State, opened.State.Wake(OpenedAt).State);
    }

    [Fact]
    public void The_checkpoint_interval_is_the_partnerships()
    {
        Assert.Equal(["checkpoint:1", "checkpoint:2", "publication"], Opened(checkpointMonths: 2).State.Deadlines.Select(d => d.Name));
    }

    [Fact]
    public void Each_checkpoint_is_reminded_two_working_days_before_and_a_missed_one_asks_the_business_manager_for_a_reason()
    {
        var (review, emails) = WakeThrough(Opened().State, At("2026-07-27", 9));

        // Checkpoint 1 falls on Sunday 26 July: the reminder goes on Thursday 23rd.
        var reminder = Assert.Single(emails, e => e.Template == "practice-reviews/checkpoint-reminder");
        Assert.Equal(At("2026-07-23", 9), reminder.CreatedAt);
        Assert.Equal("checkpoint:1", reminder.Values["deadline"]);
        Assert.Equal("Monitoring checkpoint 1", reminder.Values["deadlineName"]);

        var missed = Assert.Single(emails, e => e.Template == "practice-reviews/deadline-missed");
        Assert.Equal(MissedAt("2026-07-26"), missed.CreatedAt);
        Assert.Equal(["board-manager@staffordshire.example.org"], missed.To.Select(t => t.Email));
        Assert.Equal(["checkpoint:1"], review.DelayReasonsNeeded);
    }

    [Fact]
    public void A_checkpoint_held_early_is_not_reminded_and_the_next_one_is()
    {
        var review = Record(Opened().State, Event(PracticeReviewEventType.CheckpointHeld, "2026-07-20"), At("2026-07-20", 15));
        Assert.Equal(DeadlineState.Met, Deadline(review, "checkpoint:1").State);

        var (_, emails) = WakeThrough(review, At("2026-08-27", 9));
        Assert.Equal(["checkpoint:2"], emails.Where(e => e.Template == "practice-reviews/checkpoint-reminder").Select(e => e.Values["deadline"]));
        Assert.Equal(At("2026-08-24", 9), emails.Single(e => e.Template == "practice-reviews/checkpoint-reminder").CreatedAt);
    }

    [Fact]
    public void A_publication_plan_sets_the_sending_deadline_seven_working_days_before_across_christmas()
    {
        var review = Record(Opened(checkpointMonths: 7).State, new PracticeReviewEvent(PracticeReviewEventType.PublicationPlanned, Date("2026-11-02"), PlannedOn: Date("2027-01-11")), At("2026-11-02", 10));

        Assert.Equal(Date("2026-12-30"), Deadline(review, "pre-publication-sending").DueOn);
        var (late, emails) = WakeThrough(review, At("2026-12-31", 12));

        // Warnings two working days before each: Wed 23 Dec for publication (Sat 26th), Thu 24 Dec for sending (Wed 30th).
        var warnings = emails.Where(e => e.Template == "practice-reviews/deadline-at-risk").ToList();
        Assert.Equal([("publication", At("2026-12-23", 9)), ("pre-publication-sending", At("2026-12-24", 9))], warnings.Select(e => (e.Values["deadline"], e.CreatedAt)));
        Assert.All(warnings, e => Assert.Equal("2027-01-11", e.Values["plannedOn"]));

        // Planned after the six-month target: publication is missed on the 26th and goes to the delegated partners.
        var missed = emails.Where(e => e.Template == "practice-reviews/deadline-missed").ToList();
        Assert.Equal([("publication", MissedAt("2026-12-26")), ("pre-publication-sending", MissedAt("2026-12-30"))], missed.Select(e => (e.Values["deadline"], e.CreatedAt)));
        Assert.Equal(4, missed[0].To.Count);
        Assert.Equal(["publication", "pre-publication-sending"], late.DelayReasonsNeeded);
    }

    [Fact]
    public void A_later_plan_extends_the_checkpoints_and_an_earlier_one_takes_them_back()
    {
        var review = Record(Opened().State, new PracticeReviewEvent(PracticeReviewEventType.PublicationPlanned, Date("2026-07-01"), PlannedOn: Date("2027-01-11")), At("2026-07-01", 10));
        Assert.Equal(Date("2026-12-26"), Deadline(review, "checkpoint:6").DueOn);

        review = Record(review, new PracticeReviewEvent(PracticeReviewEventType.PublicationPlanned, Date("2026-07-02"), PlannedOn: Date("2026-12-14")), At("2026-07-02", 10));
        Assert.DoesNotContain(review.Deadlines, d => d.Name == "checkpoint:6");
        Assert.Equal(Date("2026-12-03"), Deadline(review, "pre-publication-sending").DueOn);
        Assert.Equal(2, review.Plans.Count);
    }

    [Fact]
    public void Publishing_improvement_information_instead_runs_on_the_same_clocks()
    {
        var review = Record(Opened(checkpointMonths: 7).State, new PracticeReviewEvent(PracticeReviewEventType.PublicationPlanned, Date("2026-11-02"), PlannedOn: Date("2026-12-14"), FullReport: false), At("2026-11-02", 10));

        Assert.False(review.FullReport);
        Assert.Equal(Date("2026-12-03"), Deadline(review, "pre-publication-sending").DueOn);
        Assert.Equal(Date("2026-12-26"), Deadline(review, "publication").DueOn);
        var (_, emails) = WakeThrough(review, At("2026-12-23", 9));
        var warning = emails.Single(e => e.Template == "practice-reviews/deadline-at-risk" && e.Values["deadline"] == "publication");
        Assert.Equal("Publishing information about the improvements", warning.Values["deadlineName"]);
    }

    [Fact]
    public void Publication_starts_a_year_that_is_reminded_ten_working_days_before_it_ends()
    {
        var review = Planned_sent_and_published();
        Assert.Equal(DeadlineState.Met, Deadline(review, "publication").State);
        Assert.Equal(Date("2027-12-14"), Deadline(review, "publication-period").DueOn);

        var (ended, emails) = WakeThrough(review, At("2027-12-14", 12));

        var reminder = Assert.Single(emails);
        Assert.Equal("practice-reviews/publication-period-reminder", reminder.Template);
        Assert.Equal(At("2027-11-30", 9), reminder.CreatedAt);
        Assert.Equal("2027-12-14", reminder.Values["availableUntil"]);
        Assert.Equal("https://www.staffordshire.example.org/lcspr/lcspr-2026-001.pdf", reminder.Values["url"]);
        Assert.Equal(4, reminder.To.Count);
        Assert.Equal(DeadlineState.Met, Deadline(ended, "publication-period").State);
        Assert.Equal(ProcessStatus.Completed, ended.Status);
    }

    internal static PracticeReview Planned_sent_and_published()
    {
        var review = Record(Opened(checkpointMonths: 7).State, new PracticeReviewEvent(PracticeReviewEventType.PublicationPlanned, Date("2026-11-02"), PlannedOn: Date("2026-12-14")), At("2026-11-02", 10));
        review = Record(review, Event(PracticeReviewEventType.SentToPanelAndSecretaryOfState, "2026-12-01"), At("2026-12-01", 10));
        Assert.Equal(DeadlineState.Met, Deadline(review, "pre-publication-sending").State);
        return Record(review, new PracticeReviewEvent(PracticeReviewEventType.Published, Date("2026-12-14"), Url: "https://www.staffordshire.example.org/lcspr/lcspr-2026-001.pdf"), At("2026-12-14", 10));
    }
}
