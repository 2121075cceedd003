using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Reviews;
using static Safeguarding.Workflows.Domain.Tests.Reviews.ReviewFixtures;

namespace Safeguarding.Workflows.Domain.Tests.PracticeReviews;

/// <summary>
/// A practice review in Staffordshire commissioned on Friday 26 June 2026 and opened at 10:00 on Monday 29 June:
/// publication due Saturday 26 December 2026; monthly checkpoints on the 26th, July to November.
/// </summary>
public static class PracticeReviewExamples
{
    public static readonly ProcessKey Key = new("staffordshire", ProcessKinds.PracticeReview, "pr-2026-001");

    public static readonly DateTimeOffset OpenedAt = At("2026-06-29", 10);

    public static readonly PracticeReviewCase Case = new("LCSPR-2026-001", Date("2026-06-26"), "rr-2026-001");

    public static ReviewContext Context(int checkpointMonths = 1) => ContextWith(t => t with { PracticeReviewCheckpointIntervalMonths = checkpointMonths });

    public static Transition<PracticeReview> Opened(int checkpointMonths = 1) =>
        Unwrap(PracticeReview.Open(Key, Case, Context(checkpointMonths), OpenedAt)).Wake(OpenedAt);

    public static PracticeReview Record(PracticeReview review, PracticeReviewEvent e, DateTimeOffset now) =>
        Unwrap(review.Record(e, Context(review.CheckpointIntervalMonths), "tester", now)).Wake(now).State;

    public static Decision<PracticeReview> Try(PracticeReview review, PracticeReviewEvent e, DateTimeOffset now) =>
        review.Record(e, Context(review.CheckpointIntervalMonths), "tester", now);

    public static PracticeReviewEvent Event(PracticeReviewEventType type, string on) => new(type, Date(on));

    public static Recommendation Recommendation(string id, string dueOn) =>
        new(id, "Refresh the multi-agency neglect toolkit", new AgencyContact("Neglect lead", "neglect.lead@staffordshire.example.org", "Staffordshire County Council"), Date(dueOn));
}
