using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Pages.Dashboard;
using Safeguarding.Workflows.Host.Pages.Forms.RapidReviews;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.RapidReviews;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.RapidReviews;

/// <summary>
/// <c>/partnerships/{p}/rapid-reviews/{id}</c>: one rapid review (it takes precedence over the generic process page):
/// the case (never identifying details), every clock, the agency summaries, the steps allowed now and the history.
/// </summary>
public sealed class ReviewModel(PartnershipDirectory partnerships, RapidReviewCommands reviews, AuditLog auditLog) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    public RapidReview Review { get; private set; } = null!;

    public IReadOnlyList<AuditRecord> History { get; private set; } = [];

    /// <summary>The step just recorded (Post/Redirect/Get), for the success banner.</summary>
    public RapidReviewStep? Recorded { get; private set; }

    /// <summary>The steps the signed-in person may record now.</summary>
    public IReadOnlyList<RapidReviewStep> Actions { get; private set; } = [];

    /// <summary>Whether the signed-in person may ask another agency for a summary now.</summary>
    public bool CanAddAgency { get; private set; }

    /// <summary>Whether the signed-in person may close (cancel) the review now.</summary>
    public bool CanCancel { get; private set; }

    /// <summary>The success banner after a step, an added agency or closing the review (Post/Redirect/Get).</summary>
    public string? Banner { get; private set; }

    public async Task<IActionResult> OnGetAsync(string p, string id, [FromQuery] string? recorded, CancellationToken cancellationToken)
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
        Recorded = recorded is null ? null : RapidReviewStep.Find(recorded);
        Banner = Recorded is { } step
            ? step.Banner + (review.Status == ProcessStatus.Completed ? ". The rapid review is complete." : ".")
            : recorded switch
            {
                "agency-added" when review.Agencies.Count > 0 => $"{review.Agencies[^1].Agency} has been asked for a summary.",
                "cancelled" when review.Status == ProcessStatus.Cancelled => "Rapid review closed. It is recorded as cancelled.",
                _ => null,
            };
        var writer = Grant.Allows(User, p, Permission.Write);
        Actions = writer ? [.. RapidReviewStep.All.Where(s => s.AllowedOn(review))] : [];
        CanAddAgency = writer && AddAgencyModel.AllowedOn(review);
        CanCancel = writer && review.Status == ProcessStatus.Open;
        History = await auditLog.ReadAsync(review.Key, cancellationToken);
        return Page();
    }

    /// <summary>The case as the page lists it: reference, aware on, then the kind, outcome and answers of the referral.</summary>
    public IReadOnlyList<SummaryRow> Facts =>
    [
        new("reference", "Case reference", Review.Case.CaseReference),
        new("aware-on", "Local authority aware on", Show.Date(Review.Case.AwareOn)),
        .. OutcomeModel.Summary(Review),
        .. Review.Decision is { } decision ? [new SummaryRow("decision", "Decision sent to the Panel", RapidReviewStep.DecisionText(decision))] : Array.Empty<SummaryRow>(),
    ];

    /// <summary>Whether a clock's date can still move: the rapid review's, while it counts from awareness until the Panel notification is recorded.</summary>
    public bool Provisional(Deadline deadline) => deadline.Name == RapidReviewDeadlines.RapidReview && deadline.State == DeadlineState.Pending && Review.RapidReviewDeadlineProvisional;

    public string SummaryLink(AgencySummary agency) => $"/partnerships/{Partnership.Id}/rapid-reviews/{Review.Key.Id}/agency-summaries/{agency.Slug}";
}
