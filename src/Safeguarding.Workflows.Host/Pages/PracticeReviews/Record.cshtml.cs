using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.PracticeReviews;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.PracticeReviews;

/// <summary>
/// <c>/partnerships/{p}/practice-reviews/{id}/record/{step}</c>: one step of a practice review (every event type of the
/// API's <c>POST .../events</c>), read with the API's reader and recorded with the same command; then back to the
/// review with a success banner. Publishing and taking down cannot be undone: their answers are checked first, and a
/// warning (not sent to the Panel in time, taken down within the year) must be confirmed. Only a step the review
/// allows now is offered.
/// </summary>
public sealed class RecordModel(PartnershipDirectory partnerships, PracticeReviewCommands reviews, WorkflowClock clock) : FormPage
{
    public PracticeReview Review { get; private set; } = null!;

    public PracticeReviewStep Step { get; private set; } = null!;

    /// <summary>Showing the answers to check, rather than the questions.</summary>
    public bool Checking { get; private set; }

    /// <param name="actionId">For "action completed": the action to select (from the action's own page).</param>
    public async Task<IActionResult> OnGetAsync(string p, string id, string step, [FromQuery] string? actionId)
    {
        if (await FindAsync(p, id, step) is { } notFound)
        {
            return notFound;
        }

        Form.SetDate("on", LondonTime.LocalDate(clock.GetUtcNow()));
        switch (Step.Name)
        {
            case "checkpoint-held":
                Form.Set("checkpoint", PracticeReviewStep.CheckpointsToHold(Review)[0].Number.ToString(CultureInfo.InvariantCulture));
                break;
            case "publication-planned":
                Form.Set("fullReport", Review.FullReport ? "true" : "false");
                if (Review.Plan is { } plan)
                {
                    Form.SetDate("plannedOn", plan.PlannedOn);
                }

                break;
            case "action-completed" when actionId is not null:
                Form.Set("actionId", actionId);
                break;
        }

        return Page();
    }

    /// <summary>The answers: recorded, or (for a step that cannot be undone) read and shown to check.</summary>
    public async Task<IActionResult> OnPostAsync(string p, string id, string step)
    {
        if (await FindAsync(p, id, step) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var body = Answers();
        if (!Step.Check)
        {
            return await RecordAsync(p, id, body);
        }

        // Read as the API reads it, without recording: what is wrong is said before anything is checked.
        var fields = new JsonFields();
        if (PracticeReviewRequests.ReadEvent(fields, body) is null)
        {
            return Refused(PageOutcome.Of(fields.Problem()), Labels, body);
        }

        if (Form.HasErrors)
        {
            return Invalid();
        }

        Checking = true;
        return Page();
    }

    /// <summary>Checked and confirmed: recorded.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string p, string id, string step)
    {
        if (await FindAsync(p, id, step) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var body = Answers();
        if (!Form.HasErrors && Warnings.Count > 0 && Form.Value("understood") != "yes")
        {
            Checking = true;
            Form.Fail("understood", "Confirm that you have read the warning");
            return Invalid();
        }

        return await RecordAsync(p, id, body);
    }

    private Task<IActionResult> RecordAsync(string p, string id, PracticeReviewEventBody body) =>
        DecideThenRedirectAsync(body, PracticeReviewRequests.ReadEvent, e => reviews.RecordAsync(p, id, e, RequestActor.Of(HttpContext)), $"/partnerships/{p}/practice-reviews/{id}?recorded={Step.Name}", Labels);

    /// <summary>The form as the API's <c>POST .../events</c> body for this step.</summary>
    private PracticeReviewEventBody Answers()
    {
        var on = Form.Date("on", "The date");
        return Step.Name switch
        {
            "checkpoint-held" => new(Step.Name, on, Checkpoint: int.TryParse(Form.Value("checkpoint"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null),
            "publication-planned" => new(
                Step.Name,
                on,
                PlannedOn: Form.Date("plannedOn", "The planned publication date"),
                FullReport: Form.Value("fullReport") switch { "true" => true, "false" => false, _ => null }),
            "published" => new(Step.Name, on, Url: Form.Optional("url")),
            "recommendation-added" => new(
                Step.Name,
                on,
                Id: NextActionId,
                Title: Form.Optional("title"),
                Owner: new ActionOwnerBody(Form.Optional("owner-name"), Form.Optional("owner-email"), Form.Optional("owner-agency")),
                DueOn: Form.Date("dueOn", "The date the action is due")),
            "action-completed" => new(Step.Name, on, ActionId: Form.Optional("actionId")),
            "delay-reason" => new(Step.Name, on, Reason: Form.Optional("reason")),
            _ => new(Step.Name, on),
        };
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["on"] = FieldLabel.Date("The date", "Enter the date"),
        ["checkpoint"] = new("The checkpoint", "Select the checkpoint"),
        ["plannedOn"] = FieldLabel.Date("The planned publication date", "Enter the planned publication date"),
        ["fullReport"] = new("What will be published", "Select what will be published"),
        ["url"] = new("The address", "Enter the address where it is published"),
        ["title"] = new("The recommendation", "Enter the recommendation"),
        ["id"] = new("The recommendation", "Enter the recommendation", "title"),
        ["owner"] = new("The owner", "Enter the owner's name, email address and agency", "owner.name"),
        ["owner.name"] = new("The owner's name", "Enter the full name of the action's owner"),
        ["owner.email"] = new("The owner's email address", "Enter the owner's email address"),
        ["owner.agency"] = new("The owner's agency", "Enter the owner's agency"),
        ["dueOn"] = FieldLabel.Date("The date the action is due", "Enter the date the action is due"),
        ["actionId"] = new("The action", "Select the action that was completed"),
        ["reason"] = new("The reason for the delay", "Enter the reason for the delay"),
        ["type"] = new("The step", "Choose a step to record", "on-day"),
    };

    /// <summary>The form fields a step posts (carried through the check page).</summary>
    public IReadOnlyList<string> Fields => Step.Name switch
    {
        "published" => ["on-day", "on-month", "on-year", "url"],
        _ => ["on-day", "on-month", "on-year"],
    };

    /// <summary>What must be confirmed before an irreversible step: a missed or missing statutory step.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = new List<string>();
            if (Step.Name == "published")
            {
                var sending = Review.Deadlines.FirstOrDefault(d => d.Name == PracticeReviewDeadlines.PrePublicationSending);
                if (Review.SentOn is null)
                {
                    warnings.Add("The final report is not recorded as sent to the Panel and the Secretary of State. It must reach them at least 7 working days before publication.");
                }
                else if (sending is { State: DeadlineState.Missed })
                {
                    warnings.Add($"The final report was sent to the Panel and the Secretary of State on {Show.Date(Review.SentOn.Value)}, fewer than 7 working days before the planned publication date.");
                }

                if (Review.Plan is null)
                {
                    warnings.Add("No publication date was planned, so the service could not count the sending deadline.");
                }
            }
            else if (Step.Name == "withdrawn"
                && Review.Deadlines.FirstOrDefault(d => d.Name == PracticeReviewDeadlines.PublicationPeriod) is { State: DeadlineState.Pending } period
                && (DateOnly.TryParseExact(Form.Date("on", "The date") ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) ? on : LondonTime.LocalDate(clock.GetUtcNow())) < period.DueOn)
            {
                warnings.Add($"It must stay published until {Show.Date(period.DueOn)}. Taking it down earlier misses that requirement.");
            }

            return warnings;
        }
    }

    /// <summary>The answers to check, in words.</summary>
    public IReadOnlyList<(string Key, string Id, string Value)> CheckAnswers
    {
        get
        {
            var on = DateOnly.TryParseExact(Form.Date("on", "The date") ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Show.Date(d) : "";
            return Step.Name == "published"
                ? [("Published on", "on", on), ("Published at", "url", Form.Value("url")), ("Publishes", "publishes", Review.FullReport ? "The full report" : "Information about the improvements")]
                : [("Taken down on", "on", on)];
        }
    }

    /// <summary>The id of a new recommendation: the next free number (its emails call it "Action 3").</summary>
    public string NextActionId
    {
        get
        {
            var n = Review.Actions.Count + 1;
            while (Review.Actions.Any(a => a.Id == n.ToString(CultureInfo.InvariantCulture)))
            {
                n++;
            }

            return n.ToString(CultureInfo.InvariantCulture);
        }
    }

    public IReadOnlyList<Choice> Checkpoints =>
        [.. PracticeReviewStep.CheckpointsToHold(Review).Select(c => new Choice(c.Number.ToString(CultureInfo.InvariantCulture), $"Checkpoint {c.Number}", $"Due {Show.Date(c.Deadline.DueOn)}{(c.Deadline.IsOverdue ? ", overdue" : "")}"))];

    public IReadOnlyList<Choice> OpenActions =>
        [.. Review.Actions.Where(a => a.CompletedOn is null).Select(a => new Choice(a.Id, $"{a.Id}. {a.Title}", $"{a.Owner.Name} ({a.Owner.Agency}), due {Show.Date(a.DueOn)}"))];

    public string ReviewLink => $"/partnerships/{Partnership.Id}/practice-reviews/{Review.Key.Id}";

    /// <summary>The missed deadlines a delay reason explains (every one still without a reason).</summary>
    public IReadOnlyList<string> Late => [.. Review.DelayReasonsNeeded.Select(d => PracticeReviewStep.Clock(Review, d))];

    private async Task<IActionResult?> FindAsync(string p, string id, string step)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        if ((await reviews.GetAsync(p, id)).Process is not { } review)
        {
            return PageResults.NotFound($"There is no practice review '{id}' in {partnership.Name}.");
        }

        if (PracticeReviewStep.Find(step) is not { } known || !known.AllowedOn(review))
        {
            return PageResults.NotFound($"Practice review {review.Case.CaseReference} has nothing to record as '{step}' now.");
        }

        Partnership = partnership;
        Review = review;
        Step = known;
        return null;
    }
}
