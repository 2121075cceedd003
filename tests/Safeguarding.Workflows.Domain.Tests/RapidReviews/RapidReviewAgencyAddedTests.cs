using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using static Safeguarding.Workflows.Domain.Tests.RapidReviews.RapidReviewExamples;
using static Safeguarding.Workflows.Domain.Tests.Reviews.ReviewFixtures;

namespace Safeguarding.Workflows.Domain.Tests.RapidReviews;

/// <summary>An agency asked for a summary after the review opened (<c>agency-added</c>).</summary>
public sealed class RapidReviewAgencyAddedTests
{
    private static readonly DateTimeOffset Noon9th = At("2026-01-09", 12);

    private static readonly EmailRecipient School = new("Designated lead", "dsl@school.example.org");

    private static RapidReviewEvent Added(string agency = "Oak Primary School", EmailRecipient? contact = null, string on = "2026-01-09") =>
        new(RapidReviewEventType.AgencyAdded, Date(on), Agency: agency, Contact: contact ?? School);

    [Fact]
    public void An_added_agency_is_due_with_the_others_and_asked_at_once()
    {
        var decided = Unwrap(Opened().State.Record(Added(), Context(), "tester", Noon9th));
        var woken = decided.Wake(Noon9th);

        var added = woken.State.Agencies.Single(a => a.Slug == "oak-primary-school");
        Assert.Equal(Date("2026-01-09"), added.RequestedOn);
        Assert.Equal(Deadline(woken.State, "agency-summaries").DueOn, added.DueOn);
        var request = Assert.Single(woken.Emails, e => e.Template == "rapid-reviews/summary-request");
        Assert.Equal(School, Assert.Single(request.To));
        Assert.EndsWith("/agency-summary/oak-primary-school", request.Values["link"], StringComparison.Ordinal);
        Assert.Contains(woken.State.Timeline, t => t.Type == "agency-added" && t.Detail.StartsWith("Oak Primary School, Designated lead", StringComparison.Ordinal));
    }

    [Fact]
    public void The_summaries_deadline_waits_for_the_added_agency_too()
    {
        var review = Record(Opened().State, Added(), Noon9th);
        review = Record(review, new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, Date("2026-01-09"), Agency: "Staffordshire Police"), Noon9th);
        review = Record(review, new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, Date("2026-01-09"), Agency: "University Hospitals of North Midlands"), Noon9th);
        Assert.Equal(DeadlineState.Pending, Deadline(review, "agency-summaries").State);

        review = Record(review, new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, Date("2026-01-09"), Agency: "oak-primary-school"), Noon9th);

        Assert.Equal(DeadlineState.Met, Deadline(review, "agency-summaries").State);
    }

    [Fact]
    public void Once_the_others_are_late_an_added_agency_gets_the_partnership_s_working_days_from_today()
    {
        var late = WakeThrough(Opened().State, At("2026-01-21", 12)).State;

        var review = Record(late, Added(on: "2026-01-21"), At("2026-01-21", 12));

        Assert.Equal(Date("2026-02-04"), review.Agencies.Single(a => a.Slug == "oak-primary-school").DueOn);
    }

    [Fact]
    public void The_same_agency_again_changes_nothing_and_a_listed_agency_with_another_contact_is_refused_naming_agency()
    {
        var review = Record(Opened().State, Added(), Noon9th);

        Assert.Equal(DecisionOutcome.Unchanged, review.Record(Added(), Context(), "tester", Noon9th).Outcome);
        var other = review.Record(Added(contact: new EmailRecipient("Head teacher", "head@school.example.org")), Context(), "tester", Noon9th);
        Assert.Equal(DecisionOutcome.Invalid, other.Outcome);
        Assert.Equal("agency", other.Field);
        var opened = review.Record(Added(agency: "staffordshire police"), Context(), "tester", Noon9th);
        Assert.Equal(DecisionOutcome.Invalid, opened.Outcome);
        Assert.Equal("agency", opened.Field);
    }

    [Fact]
    public void No_agency_is_added_once_the_review_has_gone_to_the_panel()
    {
        var submitted = Record(Opened().State, new RapidReviewEvent(RapidReviewEventType.ReviewSubmitted, Date("2026-01-09"), Decision: RapidReviewDecision.NoFurtherReview), Noon9th);

        var result = submitted.Record(Added(), Context(), "tester", Noon9th);

        Assert.Equal(DecisionOutcome.Invalid, result.Outcome);
        Assert.Equal("agency", result.Field);
    }
}
