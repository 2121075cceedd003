using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.RapidReviews;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.RapidReviews;

/// <summary>
/// <c>/partnerships/{p}/rapid-reviews/{id}/agencies/new</c>: another agency asked for a summary, read as the API's
/// <c>agency-added</c> event and recorded with the same command; its contact is emailed the request at once. Offered
/// only while the review still asks for summaries.
/// </summary>
public sealed class AddAgencyModel(PartnershipDirectory partnerships, RapidReviewCommands reviews, WorkflowClock clock)
    : ProcessForm<RapidReview>(partnerships, reviews.GetAsync)
{
    public RapidReview Review => Process;

    public string ReviewLink => $"/partnerships/{Partnership.Id}/rapid-reviews/{Review.Key.Id}";

    /// <summary>Whether the review asks for summaries now: open, not notification-only, not yet sent to the Panel.</summary>
    public static bool AllowedOn(RapidReview review) =>
        review.Status == ProcessStatus.Open && !review.Case.NotificationOnly && review.SubmittedOn is null;

    public async Task<IActionResult> OnGetAsync(string p, string id) => await FindAllowedAsync(p, id) ?? Page();

    public async Task<IActionResult> OnPostAsync(string p, string id)
    {
        if (await FindAllowedAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var body = new RapidReviewEventBody(
            RapidReviewNames.Of(RapidReviewEventType.AgencyAdded),
            $"{LondonTime.LocalDate(clock.GetUtcNow()):yyyy-MM-dd}",
            Agency: Form.Optional("agency"),
            Contact: new RapidReviewContactBody(Form.Optional("contact-name"), Form.Optional("contact-email")));
        var outcome = await DecideAsync(body, RapidReviewRequests.ReadEvent, e => reviews.RecordAsync(p, id, e, RequestActor.Of(HttpContext)));

        // The same agency and contact again changes nothing: on this page that is an agency listed twice.
        if (outcome.Succeeded && outcome.Value is RapidReview after && after.Agencies.Count == Review.Agencies.Count)
        {
            Form.Fail("agency", $"{Form.Value("agency").Trim()} is already asked for a summary");
            return Invalid();
        }

        if (outcome.Succeeded && !Form.HasErrors)
        {
            return Redirect($"{ReviewLink}?recorded=agency-added");
        }

        if (outcome.IsNotFound)
        {
            return PageResults.NotFound(outcome.Detail ?? "There is nothing here.");
        }

        return Refused(outcome, Labels, body);
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["agency"] = new("The agency", "Enter the agency’s name"),
        ["contact.name"] = new("The contact’s name", "Enter the name of the person asked for the summary"),
        ["contact.email"] = new("The email address", "Enter the contact’s email address"),
        ["contact"] = new("The contact", "Enter the name of the person asked for the summary", "contact-name"),
        ["on"] = new("The date", "Enter the date", "agency"),
        ["type"] = new("The agency", "Enter the agency’s name", "agency"),
    };

    private async Task<IActionResult?> FindAllowedAsync(string p, string id) =>
        await FindAsync(p, id) ?? (AllowedOn(Review) ? null : PageResults.NotFound($"Rapid review {Review.Case.CaseReference} asks no more agencies for summaries."));
}
