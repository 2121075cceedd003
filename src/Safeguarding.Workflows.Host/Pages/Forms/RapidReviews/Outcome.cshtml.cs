using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Pages.Dashboard;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.RapidReviews;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Pages.Forms.RapidReviews;

/// <summary>
/// <c>/forms/rapid-reviews/{p}/{id}/outcome</c>: whether the child died or was seriously harmed, for a review saved
/// before the referral asked. Records <c>outcome-recorded</c> on today's date with the command the API runs.
/// </summary>
public sealed class OutcomeModel(PartnershipDirectory partnerships, RapidReviewCommands reviews, WorkflowClock clock) : FormPage
{
    public RapidReview Review { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string p, string id) => await FindAsync(p, id) ?? Page();

    public async Task<IActionResult> OnPostAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var today = LondonTime.LocalDate(clock.GetUtcNow());
        var body = new RapidReviewEventBody(RapidReviewNames.Of(RapidReviewEventType.OutcomeRecorded), $"{today:yyyy-MM-dd}", Outcome: Form.Optional("outcome"));
        var outcome = await DecideAsync(body, RapidReviewRequests.ReadEvent, e => reviews.RecordAsync(p, id, e, RequestActor.Of(HttpContext)));
        return Answer(outcome, Labels, () =>
        {
            var review = outcome.ValueAs<RapidReview>();
            var secretaryOfState = review.Deadlines.FirstOrDefault(d => d.Name == RapidReviewDeadlines.SecretaryOfStateNotification);
            return new Confirmation(
                "Outcome recorded",
                review.Case.CaseReference,
                [secretaryOfState is { State: DeadlineState.Waived }
                    ? "The child did not die, so the Secretary of State and Ofsted notification is not needed: it has been waived."
                    : "The review’s other deadlines are unchanged."],
                ReviewLink(Review),
                "See the rapid review");
        }, body);
    }

    public static string ReviewLink(RapidReview review) => $"/partnerships/{review.Key.PartnershipId}/rapid-reviews/{review.Key.Id}";

    /// <summary>What a rapid review's page says about the case: the kind, the outcome (or a way to record it) and the answers it was opened with.</summary>
    public static IReadOnlyList<SummaryRow> Summary(RapidReview review)
    {
        var @case = review.Case;
        return
        [
            new("kind", "Kind", @case.NotificationOnly
                ? "Notification only: the Secretary of State and Ofsted (no Panel notification, no rapid review)"
                : "Serious incident notification and rapid review"),
            new("outcome", "Outcome", @case.Outcome switch
            {
                IncidentOutcome.Died => "The child died",
                IncidentOutcome.SeriouslyHarmed => "The child was seriously harmed",
                _ => "Not recorded",
            }, @case.Outcome is null ? new FormLink("Record", $"/forms/rapid-reviews/{review.Key.PartnershipId}/{review.Key.Id}/outcome") : null),
            new("looked-after", "Looked after", @case.ChildLookedAfter ? "Yes" : "No"),
            new("abuse-or-neglect", "Abuse or neglect known or suspected", @case.AbuseOrNeglectKnownOrSuspected ? "Yes" : "No"),
        ];
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["outcome"] = new("Whether the child died or was seriously harmed", "Select whether the child died or was seriously harmed"),
    };

    private async Task<IActionResult?> FindAsync(string p, string id)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        if ((await reviews.GetAsync(p, id)).Process is not { } review)
        {
            return PageResults.NotFound($"There is no rapid review '{id}' in {partnership.Name}.");
        }

        Partnership = partnership;
        Review = review;
        return null;
    }
}
