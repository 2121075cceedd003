using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Forms.RapidReviews;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.PracticeReviews;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.PracticeReviews;

/// <summary>
/// <c>/partnerships/{p}/practice-reviews/new</c>: starts a practice review with the command the API's <c>PUT
/// /api/partnerships/{p}/practice-reviews/{id}</c> runs, read with the API's own reader. The id is the case reference
/// in lower case (as a rapid review's), so starting the same review twice opens one; then Post/Redirect/Get to its page.
/// </summary>
public sealed class NewModel(PartnershipDirectory partnerships, ProcessIndex index, PracticeReviewCommands reviews) : FormPage
{
    /// <summary>The partnership's rapid reviews a review may follow, newest first ("None" first).</summary>
    public IReadOnlyList<Choice> RapidReviews { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string p, CancellationToken cancellationToken) =>
        await FindAsync(p, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string p, CancellationToken cancellationToken)
    {
        if (await FindAsync(p, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var decidedOn = Form.Date("decidedOn", "The date the partners decided");

        // Typed in lower case is fine: references are upper case, as the rapid review's referral stores them.
        var reference = Form.Value("caseReference").ToUpperInvariant();
        var body = new PracticeReviewBody(reference.Length == 0 ? null : reference, decidedOn, Form.Optional("rapidReviewId"));

        // A valid case reference always makes a valid id; an invalid one is reported by the API on its own field.
        var id = CaseReference.IsValid(reference) ? ReferralModel.IdOf(reference) : "pr-0";
        var outcome = await DecideAsync(body, PracticeReviewRequests.ReadCase, request => reviews.OpenAsync(p, id, request));
        if (outcome.Succeeded && !Form.HasErrors)
        {
            return Redirect($"/partnerships/{p}/practice-reviews/{id}?recorded=opened");
        }

        if (outcome.StatusCode == StatusCodes.Status409Conflict)
        {
            Form.Fail("caseReference", $"A practice review with case reference {reference} has already been started: use a different reference or open that review");
            return Invalid();
        }

        return Refused(outcome, Labels, body);
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["caseReference"] = new("Case reference", "Enter the case reference"),
        ["decidedOn"] = FieldLabel.Date("The date the partners decided", "Enter the date the partners decided to commission the review"),
        ["rapidReviewId"] = new("The rapid review", "Select the rapid review"),
        ["id"] = new("Case reference", "Enter the case reference", "caseReference"),
    };

    private async Task<IActionResult?> FindAsync(string p, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        var rapidReviews = (await index.QueryAsync(p, new ProcessQuery(Kind: ProcessKinds.RapidReview, Top: 200), cancellationToken)).Items
            .OrderByDescending(e => e.CreatedAt)
            .Select(e => new Choice(e.Id, e.Title ?? e.Id));
        RapidReviews = [new Choice("", "None"), .. rapidReviews];
        return null;
    }
}
