using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Dashboard;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.PracticeReviews;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.PracticeReviews;

/// <summary>
/// <c>/partnerships/{p}/practice-reviews/{id}</c>: one practice review (it takes precedence over the generic process
/// page): the case (never identifying details), the publication, every clock, the actions and their owners, the steps
/// allowed now and the history.
/// </summary>
public sealed class ReviewModel(PartnershipDirectory partnerships, PracticeReviewCommands reviews, AuditLog auditLog) : PageModel
{
    /// <summary>The banner after the review was started (the other banners are the steps').</summary>
    public const string Opened = "opened";

    public PartnershipArrangements Partnership { get; private set; } = null!;

    public PracticeReview Review { get; private set; } = null!;

    public IReadOnlyList<AuditRecord> History { get; private set; } = [];

    /// <summary>The success banner for what was just done (Post/Redirect/Get), or null.</summary>
    public string? Banner { get; private set; }

    /// <summary>Whether the signed-in person may cancel the review now.</summary>
    public bool CanCancel { get; private set; }

    /// <summary>The steps the signed-in person may record now.</summary>
    public IReadOnlyList<PracticeReviewStep> Actions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string p, string id, [FromQuery] string? recorded, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        if ((await reviews.GetAsync(p, id)).Process is not { } review)
        {
            return PageResults.NotFound($"There is no practice review '{id}' in {partnership.Name}.");
        }

        Partnership = partnership;
        Review = review;
        Banner = recorded switch
        {
            Opened => "Practice review started",
            "cancelled" when review.Status == ProcessStatus.Cancelled => "Practice review cancelled",
            null => null,
            _ => PracticeReviewStep.Find(recorded)?.Banner,
        };
        Actions = Grant.Allows(User, p, Permission.Write) ? [.. PracticeReviewStep.All.Where(s => s.AllowedOn(review))] : [];
        CanCancel = Grant.Allows(User, p, Permission.Write) && review.Status == ProcessStatus.Open;
        History = await auditLog.ReadAsync(review.Key, cancellationToken);
        return Page();
    }

    /// <summary>The case and its publication as the page lists them.</summary>
    public IReadOnlyList<SummaryRow> Facts
    {
        get
        {
            var review = Review;
            var rows = new List<SummaryRow>
            {
                new("reference", "Case reference", review.Case.CaseReference),
                new("decided-on", "Partners decided to commission it on", Show.Date(review.Case.DecidedOn)),
                new("opened-on", "Started on", Show.Date(LondonTime.LocalDate(review.OpenedAt))),
            };
            if (review.Case.RapidReviewId is { } rapidReview)
            {
                rows.Add(new("rapid-review", "Follows rapid review", rapidReview, new FormLink("Open", $"/partnerships/{Partnership.Id}/rapid-reviews/{rapidReview}")));
            }

            rows.Add(new("reviewer-appointed", "Reviewer appointed on", review.ReviewerAppointedOn is { } appointed ? Show.Date(appointed) : "Not yet"));
            rows.Add(new("checkpoints", "Monitoring checkpoints", review.CheckpointIntervalMonths == 1 ? "Every month" : $"Every {review.CheckpointIntervalMonths} months"));
            rows.Add(new("publishes", "Publishes", review.FullReport ? "The full report" : "Information about the improvements instead of the full report"));
            rows.Add(new("planned-on", "Planned publication date", review.Plan is { } plan ? Show.Date(plan.PlannedOn) : "Not planned yet"));
            rows.Add(new("sent-on", "Sent to the Panel and the Secretary of State on", review.SentOn is { } sent ? Show.Date(sent) : "Not yet"));
            rows.Add(new("published-on", "Published on", review.PublishedOn is { } published ? Show.Date(published) : "Not yet"));
            if (review.Url is { } url)
            {
                rows.Add(new("url", "Published at", url));
            }

            if (review.WithdrawnOn is { } withdrawn)
            {
                rows.Add(new("withdrawn-on", "Taken down on", Show.Date(withdrawn)));
            }

            return rows;
        }
    }

    /// <summary>Every clock but the actions' (they have their own table), by due date.</summary>
    public IEnumerable<Deadline> Clocks => Review.Deadlines.Where(d => !PracticeReviewDeadlines.IsAction(d.Name)).OrderBy(d => d.DueAt);

    /// <summary>
    /// Why a clock's date can still move, or null when it cannot: the sending date follows the planned publication
    /// date until it is recorded; checkpoints run until publication, so a new plan adds or removes them.
    /// </summary>
    public string? Provisional(Deadline deadline) => deadline.State != DeadlineState.Pending || Review.PublishedOn is not null
        ? null
        : deadline.Name == PracticeReviewDeadlines.PrePublicationSending
            ? "Provisional: 7 working days before the planned publication date, which may change"
            : PracticeReviewDeadlines.IsCheckpoint(deadline.Name)
                ? "Provisional: checkpoints run until publication, so a new plan can add or remove them"
                : null;

    public Deadline? ActionDeadline(TrackedAction action) => Review.Deadlines.FirstOrDefault(d => d.Name == PracticeReviewDeadlines.Action(action.Id));
}
