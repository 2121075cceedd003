using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Domain.Reviews;
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
/// review with a success banner. Only a step the review allows now is offered. Sending the review to the Panel ends it
/// and cannot be undone, so that step shows its answers to check first and only the confirm button records it.
/// </summary>
public sealed class RecordModel(PartnershipDirectory partnerships, RapidReviewCommands reviews, WorkflowClock clock) : FormPage
{
    public RapidReview Review { get; private set; } = null!;

    public RapidReviewStep Step { get; private set; } = null!;

    /// <summary>Showing the answers to check (sending the review to the Panel), rather than the question.</summary>
    public bool Checking { get; private set; }

    /// <summary>The question; with the answers given (from "Change" on the check page) filled in.</summary>
    public async Task<IActionResult> OnGetAsync(string p, string id, string step, [FromQuery] string? decision, [FromQuery] DateOnly? on)
    {
        if (await FindAsync(p, id, step) is { } notFound)
        {
            return notFound;
        }

        Form.SetDate("on", on ?? LondonTime.LocalDate(clock.GetUtcNow()));
        Form.Set("decision", decision ?? "");
        return Page();
    }

    /// <summary>The answers: recorded at once, or, for sending the review to the Panel, checked and shown back for confirmation.</summary>
    public async Task<IActionResult> OnPostAsync(string p, string id, string step)
    {
        if (await FindAsync(p, id, step) is { } notFound)
        {
            return notFound;
        }

        if (!NeedsChecking)
        {
            return await RecordAsync(p, id);
        }

        ReadForm();
        var body = Answers();
        var fields = new JsonFields();
        if (RapidReviewRequests.ReadEvent(fields, body) is not { } e)
        {
            return Refused(PageOutcome.Of(fields.Problem()), Labels, body);
        }

        // The domain's own rules, tried on the review as it is (nothing is saved), so the check page never shows a
        // date or decision the confirm button would then refuse.
        var context = new ReviewContext(Partnership, partnerships.CalendarFor(p));
        if (Review.Record(e, context, RequestActor.Of(HttpContext), clock.GetUtcNow()) is { Outcome: not (DecisionOutcome.Changed or DecisionOutcome.Unchanged) } refused)
        {
            return Refused(PageOutcome.Of(new Reply<RapidReview>(refused.Outcome, Review, refused.Field, refused.Message)), Labels, body);
        }

        Form.Set("on", $"{e.On:yyyy-MM-dd}");
        Checking = true;
        return Page();
    }

    /// <summary>Confirmed on the check page: recorded.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string p, string id, string step) =>
        await FindAsync(p, id, step) ?? await RecordAsync(p, id);

    /// <summary>Sending the review to the Panel completes it: it is checked before it is recorded.</summary>
    public bool NeedsChecking => Step.Name == "review-submitted";

    /// <summary>The date on the check page, in words.</summary>
    public string CheckedOn => DateOnly.TryParseExact(Form.Value("on"), "yyyy-MM-dd", out var on) ? Show.Date(on) : "";

    /// <summary>The decision on the check page, in words.</summary>
    public string CheckedDecision => RapidReviewStep.Decisions.FirstOrDefault(d => d.Value == Form.Value("decision")).Text ?? "";

    /// <summary>"Change" on the check page: the question again with these answers.</summary>
    public string ChangeLink => $"{RapidReviewStep.Link(Review, Step.Name)}?decision={Uri.EscapeDataString(Form.Value("decision"))}&on={Uri.EscapeDataString(Form.Value("on"))}";

    /// <summary>Agencies still asked for a summary: sending the review stops their reminders and chases.</summary>
    public IReadOnlyList<string> StillAwaited => [.. Review.Agencies.Where(a => !a.Received).Select(a => a.Agency)];

    /// <summary>Deadlines still pending, which sending the review waives.</summary>
    public IReadOnlyList<string> StillPending => [.. Review.Deadlines.Where(d => d.State == DeadlineState.Pending && d.Name != RapidReviewDeadlines.RapidReview).Select(d => RapidReviewDeadlines.Label(d.Name))];

    /// <summary>The form as the API's <c>POST .../events</c> body for this step.</summary>
    private RapidReviewEventBody Answers() => new(
        Step.Name,
        Form.Date("on", "The date"),
        Decision: Step.Name == "review-submitted" ? Form.Optional("decision") : null,
        Reason: Step.Name == "delay-reason" ? Form.Optional("reason") : null);

    private async Task<IActionResult> RecordAsync(string p, string id)
    {
        ReadForm();
        return await DecideThenRedirectAsync(
            Answers(), RapidReviewRequests.ReadEvent, e => reviews.RecordAsync(p, id, e, RequestActor.Of(HttpContext)), $"/partnerships/{p}/rapid-reviews/{id}?recorded={Step.Name}", Labels);
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
