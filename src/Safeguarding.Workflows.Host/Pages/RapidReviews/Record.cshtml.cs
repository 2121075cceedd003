using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.RapidReviews;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.RapidReviews;

/// <summary>
/// <c>/partnerships/{p}/rapid-reviews/{id}/record/{step}</c>: one step of a rapid review (Panel notified, partners
/// told, Secretary of State and Ofsted notified, review meeting held, review sent to the Panel with its decision, a
/// delay reason), read as the API's <c>POST .../events</c> body and recorded with the same command; then back to the
/// review with a success banner. Only a step the review allows now is offered.
/// </summary>
public sealed class RecordModel(PartnershipDirectory partnerships, RapidReviewCommands reviews, WorkflowClock clock) : FormPage
{
    public RapidReview Review { get; private set; } = null!;

    public RapidReviewStep Step { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string p, string id, string step)
    {
        if (await FindAsync(p, id, step) is { } notFound)
        {
            return notFound;
        }

        Form.SetDate("on", LondonTime.LocalDate(clock.GetUtcNow()));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string p, string id, string step)
    {
        if (await FindAsync(p, id, step) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var on = Form.Date("on", "The date");
        var body = Body(new
        {
            type = Step.Name,
            on,
            decision = Step.Name == "review-submitted" ? Form.Optional("decision") : null,
            reason = Step.Name == "delay-reason" ? Form.Optional("reason") : null,
        });
        var outcome = await DecideAsync(body, RapidReviewRequests.ReadEvent, e => reviews.RecordAsync(p, id, e, RequestActor.Of(HttpContext)));
        if (outcome.Succeeded && !Form.HasErrors)
        {
            return Redirect($"/partnerships/{p}/rapid-reviews/{id}?recorded={Step.Name}");
        }

        if (outcome.IsNotFound)
        {
            return PageResults.NotFound(outcome.Detail ?? "There is nothing here.");
        }

        // The domain writes dates as 2027-02-04: the form says 4 February 2027.
        outcome = outcome with
        {
            Errors = outcome.Errors?.ToDictionary(e => e.Key, e => e.Value.Select(Show.Detail).ToArray()),
            Detail = outcome.Detail is { } detail ? Show.Detail(detail) : null,
        };
        outcome.ShowOn(Form, Labels, body);
        return Invalid();
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["on"] = FieldLabel.Date("The date", "Enter the date"),
        ["decision"] = new("The decision", "Select the decision sent to the Panel"),
        ["reason"] = new("The reason for the delay", "Enter the reason for the delay"),
        ["type"] = new("The step", "Choose a step to record", "on-day"),
    };

    public string ReviewLink => $"/partnerships/{Partnership.Id}/rapid-reviews/{Review.Key.Id}";

    /// <summary>The missed deadlines a delay reason explains (every one still without a reason).</summary>
    public IReadOnlyList<string> Late => [.. Review.DelayReasonsNeeded.Select(RapidReviewDeadlines.Label)];

    private async Task<IActionResult?> FindAsync(string p, string id, string step)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        if ((await reviews.GetAsync(p, id)).Process is not { } review)
        {
            return PageResults.NotFound($"There is no rapid review '{id}' in {partnership.Name}.");
        }

        if (RapidReviewStep.Find(step) is not { } known || !known.AllowedOn(review))
        {
            return PageResults.NotFound($"Rapid review {review.Case.CaseReference} has nothing to record as '{step}' now.");
        }

        Partnership = partnership;
        Review = review;
        Step = known;
        return null;
    }
}
