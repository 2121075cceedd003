using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Domain.Reviews;
using static Safeguarding.Workflows.Domain.Tests.Reviews.ReviewFixtures;

namespace Safeguarding.Workflows.Domain.Tests.RapidReviews;

/// <summary>
/// A rapid review in Staffordshire: aware on Monday 5 January 2026, opened at 10:00 that day, two agencies.
/// Panel notification due Mon 12 Jan; agency summaries Mon 19 Jan; rapid review provisionally Mon 26 Jan.
/// </summary>
public static class RapidReviewExamples
{
    public static readonly ProcessKey Key = new("staffordshire", ProcessKinds.RapidReview, "rr-2026-001");

    public static readonly DateTimeOffset OpenedAt = At("2026-01-05", 10);

    public static RapidReviewCase Case(bool lookedAfter = false, string awareOn = "2026-01-05", IncidentOutcome? outcome = IncidentOutcome.Died) => new(
        "RR-2026-001",
        Date(awareOn),
        lookedAfter,
        [
            new AgencyContact(Name: "Police reviewer", Email: "police.reviews@staffordshire.example.org", Agency: "Staffordshire Police"),
            new AgencyContact(Name: "Named nurse", Email: "named.nurse@uhnm.example.org", Agency: "University Hospitals of North Midlands"),
        ],
        outcome);

    /// <summary>A looked-after child's death without known or suspected abuse or neglect: no agencies, one clock.</summary>
    public static RapidReviewCase NotificationOnlyCase(string awareOn = "2026-01-05") =>
        new("RR-2026-001", Date(awareOn), ChildLookedAfter: true, [], IncidentOutcome.Died, AbuseOrNeglectKnownOrSuspected: false);

    public static ReviewContext Context(RapidReviewClockStart clockStart = RapidReviewClockStart.Notification) =>
        ContextWith(t => t with { RapidReviewClockStart = clockStart });

    /// <summary>Opened and woken once at the opening instant, as the grain does.</summary>
    public static Transition<RapidReview> Opened(bool lookedAfter = false, RapidReviewClockStart clockStart = RapidReviewClockStart.Notification)
    {
        var opened = Unwrap(RapidReview.Open(Key, Case(lookedAfter), Context(clockStart), OpenedAt));
        return opened.Wake(OpenedAt);
    }

    public static RapidReview Record(RapidReview review, RapidReviewEvent e, DateTimeOffset now, RapidReviewClockStart clockStart = RapidReviewClockStart.Notification)
    {
        var recorded = Unwrap(review.Record(e, Context(clockStart), "tester", now));
        return recorded.Wake(now).State;
    }
}
