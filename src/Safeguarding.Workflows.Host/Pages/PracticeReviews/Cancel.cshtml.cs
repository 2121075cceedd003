using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.PracticeReviews;

namespace Safeguarding.Workflows.Host.Pages.PracticeReviews;

/// <summary>
/// <c>/partnerships/{p}/practice-reviews/{id}/cancel</c>: the reason, then "check your answers", then
/// <see cref="PracticeReviewCommands.CancelAsync"/> and back to the review with a success banner.
/// </summary>
public sealed class CancelModel(PartnershipDirectory partnerships, PracticeReviewCommands reviews)
    : CancelForm<PracticeReview>(partnerships, reviews.GetAsync, reviews.CancelAsync, new("practice review", "cancel", "cancelled"))
{
    public PracticeReview Review => Process;

    public Task<IActionResult> OnGetAsync(string p, string id, [FromQuery] string? reason) => AskAsync(p, id, reason);

    public Task<IActionResult> OnPostAsync(string p, string id) => CheckAsync(p, id);

    public Task<IActionResult> OnPostConfirmAsync(string p, string id) => ConfirmAsync(p, id);

    public string ReviewLink => $"/partnerships/{Partnership.Id}/practice-reviews/{Review.Key.Id}";

    protected override string CancelledLink(string p, string id) => $"/partnerships/{p}/practice-reviews/{id}?recorded=cancelled";

    protected override string? NotCancellable(PracticeReview review) =>
        review.Status == ProcessStatus.Open ? null : $"Practice review {review.Case.CaseReference} is no longer open.";
}
