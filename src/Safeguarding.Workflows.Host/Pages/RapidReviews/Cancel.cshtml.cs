using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.RapidReviews;

namespace Safeguarding.Workflows.Host.Pages.RapidReviews;

/// <summary>
/// <c>/partnerships/{p}/rapid-reviews/{id}/cancel</c>: the reason, then "check your answers" (closing cannot be undone),
/// then <see cref="RapidReviewCommands.CancelAsync"/> and Post/Redirect/Get to the review with a success banner.
/// </summary>
public sealed class CancelModel(PartnershipDirectory partnerships, RapidReviewCommands reviews)
    : CancelForm<RapidReview>(partnerships, reviews.GetAsync, reviews.CancelAsync, new("rapid review", "close", "closed"))
{
    public RapidReview Review => Process;

    public Task<IActionResult> OnGetAsync(string p, string id, [FromQuery] string? reason) => AskAsync(p, id, reason);

    public Task<IActionResult> OnPostAsync(string p, string id) => CheckAsync(p, id);

    public Task<IActionResult> OnPostConfirmAsync(string p, string id) => ConfirmAsync(p, id);

    /// <summary>Agencies still asked for a summary, who are told it is no longer needed.</summary>
    public IReadOnlyList<string> StillAwaited => Review.SubmittedOn is null ? [.. Review.Agencies.Where(a => !a.Received).Select(a => a.Agency)] : [];

    public string ReviewLink => $"/partnerships/{Partnership.Id}/rapid-reviews/{Review.Key.Id}";

    protected override string CancelledLink(string p, string id) => $"/partnerships/{p}/rapid-reviews/{id}?recorded=cancelled";

    protected override string? NotCancellable(RapidReview review) =>
        review.Status == ProcessStatus.Open ? null : $"Rapid review {review.Case.CaseReference} is no longer open.";
}
