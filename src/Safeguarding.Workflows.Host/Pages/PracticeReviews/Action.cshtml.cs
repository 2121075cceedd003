using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.PracticeReviews;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Pages.PracticeReviews;

/// <summary>
/// <c>/partnerships/{p}/practice-reviews/{id}/actions/{actionId}</c>: one action from a review's recommendations, where
/// the emails to its owner (assigned, reminder, chase) link: what it is, who owns it, when it is due, and the way to
/// record it completed while it is open.
/// </summary>
public sealed class ActionModel(PartnershipDirectory partnerships, PracticeReviewCommands reviews) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    public PracticeReview Review { get; private set; } = null!;

    public TrackedAction Action { get; private set; } = null!;

    /// <summary>The action's deadline (met, missed or pending), when it has one.</summary>
    public Deadline? Deadline { get; private set; }

    /// <summary>The link to record it completed, when the signed-in person may and it is still open.</summary>
    public string? CompleteLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(string p, string id, string actionId)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        if ((await reviews.GetAsync(p, id)).Process is not { } review)
        {
            return PageResults.NotFound($"There is no practice review '{id}' in {partnership.Name}.");
        }

        if (review.Actions.FirstOrDefault(a => a.Id == actionId) is not { } action)
        {
            return PageResults.NotFound($"Practice review {review.Case.CaseReference} has no action '{actionId}'.");
        }

        Partnership = partnership;
        Review = review;
        Action = action;
        Deadline = review.Deadlines.FirstOrDefault(d => d.Name == PracticeReviewDeadlines.Action(action.Id));
        var step = PracticeReviewStep.Find("action-completed")!;
        CompleteLink = action.CompletedOn is null && step.AllowedOn(review) && Grant.Allows(User, p, Permission.Write)
            ? $"{PracticeReviewStep.Link(review, step.Name)}?actionId={Uri.EscapeDataString(action.Id)}"
            : null;
        return Page();
    }
}
