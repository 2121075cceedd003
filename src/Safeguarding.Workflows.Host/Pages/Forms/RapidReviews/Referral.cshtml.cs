using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.RapidReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;

namespace Safeguarding.Workflows.Host.Pages.Forms.RapidReviews;

/// <summary>
/// <c>/forms/rapid-reviews/{p}/new</c>: the serious incident referral. It opens a rapid review with the command the API's
/// <c>PUT /api/partnerships/{p}/rapid-reviews/{id}</c> runs; the review's id is the case reference in lower case,
/// so sending the same referral twice opens one review.
/// </summary>
public sealed class ReferralModel(PartnershipDirectory partnerships, RapidReviewCommands reviews) : FormPage
{
    /// <summary>Rows for agencies on the form; rows left blank are not sent.</summary>
    public const int AgencyRows = 6;

    public IActionResult OnGet(string p)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        for (var i = 0; i < partnership.SafeguardingPartners.Count && i < AgencyRows; i++)
        {
            Form.Set(AgencyId(i, "agency"), partnership.SafeguardingPartners[i].Organisation);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string p)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        ReadForm();
        var awareOn = Form.Date("awareOn", "The date the local authority became aware");
        var lookedAfter = Form.Value("childLookedAfter") switch { "yes" => true, "no" => (bool?)false, _ => null };

        // Optional in the API (it means yes when left out), but a question to answer here.
        var abuseOrNeglect = Form.Value("abuseOrNeglectKnownOrSuspected") switch { "yes" => true, "no" => false, _ => (bool?)null };
        var notificationOnly = abuseOrNeglect is false;

        // A notification-only case asks no agency: the rows (filled in with the partners by default) are not sent.
        var rows = Enumerable.Range(0, AgencyRows)
            .Where(i => !notificationOnly && new[] { "agency", "contact-name", "contact-email" }.Any(f => Form.Value(AgencyId(i, f)).Length > 0))
            .ToList();
        var body = new RapidReviewBody(
            Form.Optional("caseReference")?.ToUpperInvariant(),
            awareOn,
            lookedAfter,
            Form.Optional("outcome"),
            abuseOrNeglect,
            [.. rows.Select(i => (RapidReviewAgencyBody?)new RapidReviewAgencyBody(
                Form.Optional(AgencyId(i, "agency")),
                new RapidReviewContactBody(Form.Optional(AgencyId(i, "contact-name")), Form.Optional(AgencyId(i, "contact-email")))))]);

        // A valid case reference always makes a valid id; an invalid one is reported by the API on its own field.
        var reference = Form.Value("caseReference").ToUpperInvariant();
        var id = CaseReference.IsValid(reference) ? IdOf(reference) : "rr-0";
        // Nothing is opened while a question the form asks (and the API does not) is unanswered; its error goes in the
        // page's order, after the questions before it and before the agencies.
        var outcome = await DecideAsync(body, RapidReviewRequests.ReadCase, request =>
            abuseOrNeglect is null ? Task.FromResult(new Reply<RapidReview>(DecisionOutcome.Unchanged, null)) : reviews.OpenAsync(p, id, request));
        if (abuseOrNeglect is null)
        {
            var errors = (outcome.Errors ?? new Dictionary<string, string[]>()).ToList();
            var agencies = errors.FindIndex(e => e.Key.StartsWith("agencies", StringComparison.Ordinal));
            errors.Insert(agencies < 0 ? errors.Count : agencies, new("abuseOrNeglectKnownOrSuspected", ["'abuseOrNeglectKnownOrSuspected' is required (true or false)."]));
            outcome = outcome with { StatusCode = StatusCodes.Status400BadRequest, Value = null, Errors = errors.ToDictionary() };
        }

        // The API numbers the agencies it was sent; the form numbers its rows.
        var labels = new Dictionary<string, FieldLabel>(Labels);
        for (var sent = 0; sent < rows.Count; sent++)
        {
            var row = rows[sent];
            labels[$"agencies[{sent}].agency"] = new($"Agency {row + 1}", $"Enter the name of agency {row + 1}", AgencyId(row, "agency"));
            labels[$"agencies[{sent}].contact.name"] = new($"The contact's name for agency {row + 1}", $"Enter the name of the contact at agency {row + 1}", AgencyId(row, "contact-name"));
            labels[$"agencies[{sent}].contact.email"] = new($"The contact's email address for agency {row + 1}", $"Enter the email address of the contact at agency {row + 1}", AgencyId(row, "contact-email"));
        }

        return Answer(outcome, labels, () =>
        {
            var review = outcome.ValueAs<RapidReview>();
            var due = review.Deadlines.Where(d => d.State == DeadlineState.Pending).OrderBy(d => d.DueOn)
                .Select(d => $"{Show.Name(d.Name)}: due by {Show.Date(d.DueOn)}.");
            if (review.Case.NotificationOnly)
            {
                return new Confirmation(
                    "Notification recorded",
                    review.Case.CaseReference,
                    ["There is no Panel notification and no rapid review: abuse or neglect is not known or suspected.", .. due],
                    OutcomeModel.ReviewLink(review),
                    "See the notification");
            }

            return new Confirmation(
                "Serious incident referred",
                review.Case.CaseReference,
                [$"A rapid review has been opened. Each agency has been asked for its summary by {Show.Date(review.Agencies.Select(a => a.DueOn).DefaultIfEmpty().Min())}.", .. due],
                OutcomeModel.ReviewLink(review),
                "See the rapid review");
        }, body);
    }

    public static readonly IReadOnlyList<Choice> Outcomes = [new("died", "The child died"), new("seriously-harmed", "The child was seriously harmed")];

    public static string AgencyId(int row, string field) => $"agencies-{row}-{field}";

    /// <summary>The review's id: the case reference in lower case, '/' as '-' (RR-2026-014 → rr-2026-014).</summary>
    public static string IdOf(string caseReference) => caseReference.ToLowerInvariant().Replace('/', '-');

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["caseReference"] = new("Case reference", "Enter the case reference"),
        ["awareOn"] = FieldLabel.Date("The date the local authority became aware", "Enter the date the local authority became aware of the incident"),
        ["outcome"] = new("Whether the child died or was seriously harmed", "Select whether the child died or was seriously harmed"),
        ["childLookedAfter"] = new("Whether the child was looked after", "Select yes if the child was looked after by the local authority"),
        ["abuseOrNeglectKnownOrSuspected"] = new("Whether abuse or neglect is known or suspected", "Select yes if abuse or neglect is known or suspected"),
        ["agencies"] = new("Agencies", "Enter at least one agency to ask for a summary", AgencyId(0, "agency")),
        ["id"] = new("Case reference", "Enter the case reference", "caseReference"),
    };
}
