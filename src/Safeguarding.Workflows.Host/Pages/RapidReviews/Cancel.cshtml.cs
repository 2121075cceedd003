using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.RapidReviews;

namespace Safeguarding.Workflows.Host.Pages.RapidReviews;

/// <summary>
/// <c>/partnerships/{p}/rapid-reviews/{id}/cancel</c>: the reason, then "check your answers" (closing cannot be undone),
/// then <see cref="RapidReviewCommands.CancelAsync"/> and Post/Redirect/Get to the review with a success banner.
/// </summary>
public sealed class CancelModel(PartnershipDirectory partnerships, RapidReviewCommands reviews) : ProcessForm<RapidReview>(partnerships, reviews.GetAsync)
{
    public const int MaxReason = 1000;

    public RapidReview Review => Process;

    /// <summary>Showing the answers to check, rather than the question.</summary>
    public bool Checking { get; private set; }

    /// <summary>The question; with <paramref name="reason"/> (from "Change" on the check page) filled in.</summary>
    public async Task<IActionResult> OnGetAsync(string p, string id, [FromQuery] string? reason)
    {
        if (await FindOpenAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        Form.Set("reason", reason?.Trim() ?? "");
        return Page();
    }

    /// <summary>The reason given: check it (or say what is wrong), then ask for confirmation.</summary>
    public async Task<IActionResult> OnPostAsync(string p, string id)
    {
        if (await FindOpenAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        if (!ReasonIsGood())
        {
            return Invalid();
        }

        Checking = true;
        return Page();
    }

    /// <summary>Confirmed: closed.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        if (!ReasonIsGood())
        {
            return Invalid();
        }

        var reply = await reviews.CancelAsync(p, id, Form.Value("reason"), RequestActor.Of(HttpContext));
        if (reply.Outcome == DecisionOutcome.NotFound)
        {
            return PageResults.NotFound(reply.Message ?? "There is no such rapid review.");
        }

        if (!reply.Succeeded)
        {
            Form.Fail("reason", reply.Outcome == DecisionOutcome.NotOpen ? "This rapid review is no longer open, so it cannot be closed" : reply.Message ?? "The rapid review could not be closed");
            return Invalid();
        }

        return Redirect($"/partnerships/{p}/rapid-reviews/{id}?recorded=cancelled");
    }

    /// <summary>Agencies still asked for a summary, who are told it is no longer needed.</summary>
    public IReadOnlyList<string> StillAwaited => Review.SubmittedOn is null ? [.. Review.Agencies.Where(a => !a.Received).Select(a => a.Agency)] : [];

    public string ReviewLink => $"/partnerships/{Partnership.Id}/rapid-reviews/{Review.Key.Id}";

    /// <summary>Only an open review can be closed: any other is "Page not found", as its page offers no link.</summary>
    private async Task<IActionResult?> FindOpenAsync(string p, string id) =>
        await FindAsync(p, id) ?? (Review.Status == ProcessStatus.Open ? null : PageResults.NotFound($"Rapid review {Review.Case.CaseReference} is no longer open."));

    private bool ReasonIsGood()
    {
        var reason = Form.Value("reason");
        if (reason.Length == 0)
        {
            Form.Fail("reason", "Enter why the rapid review is closed");
        }
        else if (reason.Length > MaxReason)
        {
            Form.Fail("reason", $"The reason must be {MaxReason} characters or fewer");
        }
        else if (reason.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
        {
            Form.Fail("reason", ForbiddenText);
        }

        return !Form.HasErrors;
    }
}
