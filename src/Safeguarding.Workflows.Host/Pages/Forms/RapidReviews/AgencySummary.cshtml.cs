using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.RapidReviews;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Host.Pages.Forms.RapidReviews;

/// <summary>
/// <c>/forms/rapid-reviews/{p}/{id}/agency-summary/{agency}</c> (the link in the summary request): an agency's summary
/// for the rapid review. The text is kept as a versioned document of the review (<c>agency-summary-{agency}</c>), then
/// the API's own handler records <c>agency-summary-received</c> for the agency, on today's date.
/// </summary>
public sealed class AgencySummaryModel(PartnershipDirectory partnerships, RapidReviewCommands reviews, DocumentStore documents, WorkflowClock clock) : FormPage
{
    /// <summary>Longest answer to each question.</summary>
    public const int MaxAnswerLength = 10_000;

    public static readonly IReadOnlyList<(string Id, string Label, string Hint)> Questions =
    [
        ("involvement", "Your agency’s involvement with the child and family", "Dates and the nature of contact, by role not by name of the child or family members."),
        ("immediate-action", "Immediate safeguarding action your agency has taken", "Include action to protect other children."),
        ("learning", "Potential learning for your agency or the partnership", "What went well, and what could be done differently."),
    ];

    public RapidReview Review { get; private set; } = null!;

    public AgencySummary Agency { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string p, string id, string agency) => await FindAsync(p, id, agency) ?? Page();

    public async Task<IActionResult> OnPostAsync(string p, string id, string agency, CancellationToken cancellationToken)
    {
        if (await FindAsync(p, id, agency) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        foreach (var (question, label, _) in Questions)
        {
            var answer = Form.Value(question);
            if (answer.Length == 0)
            {
                Form.Fail(question, $"Enter {char.ToLowerInvariant(label[0])}{label[1..]}");
            }
            else if (answer.Length > MaxAnswerLength)
            {
                Form.Fail(question, $"{label} must be {MaxAnswerLength:N0} characters or fewer");
            }
        }

        var answers = Questions.ToDictionary(q => q.Id, q => Form.Value(q.Id));
        if (!Form.HasErrors && JsonText.FindForbidden(JsonSerializer.SerializeToUtf8Bytes(answers)) is { } field)
        {
            Form.Fail(field, ForbiddenText);
        }

        if (Form.HasErrors)
        {
            return Invalid();
        }

        var now = clock.GetUtcNow();
        var today = LondonTime.LocalDate(now);
        var key = new ProcessKey(p, ProcessKinds.RapidReview, id);
        var text = new StringBuilder().AppendLine($"# Agency summary: {Agency.Agency}").AppendLine().AppendLine($"Rapid review {Review.Case.CaseReference}, submitted {today:yyyy-MM-dd}.");
        foreach (var (question, label, _) in Questions)
        {
            text.AppendLine().AppendLine($"## {label}").AppendLine().AppendLine(Form.Value(question));
        }

        // Stored before it is recorded as received: a summary is never marked received without its text.
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        await documents.SaveAsync(key, DocumentName(Agency.Slug), "text/markdown; charset=utf-8", $"agency-summary-{Agency.Slug}.md", content, now, cancellationToken);

        var outcome = PageOutcome.Of(await reviews.RecordAsync(
            p, id, new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, today, Agency: Agency.Slug), RequestActor.Of(HttpContext)));
        return Answer(outcome, new Dictionary<string, FieldLabel>(), () => new Confirmation(
            "Summary received",
            $"{Review.Case.CaseReference}/{Agency.Slug}",
            [$"Thank you. {Agency.Agency}’s summary has been added to rapid review {Review.Case.CaseReference}.",
             "The partnership’s business unit will contact you if the review needs anything more. You can send a corrected summary from the same link: it is kept as a new version."]));
    }

    public static string DocumentName(string agencySlug) => $"agency-summary-{agencySlug}";

    private async Task<IActionResult?> FindAsync(string p, string id, string agency)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var review = (await reviews.GetAsync(p, id)).Process;
        if (review?.Agencies.FirstOrDefault(a => a.Slug == agency) is not { } asked)
        {
            return PageResults.NotFound("There is no request for a summary at this address.");
        }

        Partnership = partnership;
        Review = review;
        Agency = asked;
        return null;
    }
}
