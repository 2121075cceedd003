using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.PracticeReviews;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.PracticeReviews;

/// <summary><c>/partnerships/{p}/practice-reviews</c>: the partnership's practice reviews, open first, newest first.</summary>
public sealed class ListModel(PartnershipDirectory partnerships, ProcessListing listing, PracticeReviewCommands reviews) : PageModel
{
    public sealed record Row(ProcessIndexEntry Entry, PracticeReview? Review);

    public PartnershipArrangements Partnership { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public ListPage<PracticeReview> List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string p, int? page, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        List = await ListPage<PracticeReview>.ReadAsync(listing, p, ProcessKinds.PracticeReview, page, async id => (await reviews.GetAsync(p, id)).Process, cancellationToken);
        Rows = [.. List.Rows.Select(r => new Row(r.Entry, r.Process))];
        return Page();
    }

    /// <summary>The next clock still open: its name in words and its date, or null when none is.</summary>
    public static (string Name, DateOnly DueOn, bool Overdue)? NextClock(Row row)
    {
        if (row.Review is { } review)
        {
            return review.Status != ProcessStatus.Open || review.Deadlines.Where(d => d.IsOpen).OrderBy(d => d.DueOn).FirstOrDefault() is not { } next
                ? null
                : (PracticeReviewStep.Clock(review, next.Name), next.DueOn, next.IsOverdue);
        }

        return row.Entry.NextDeadlineName is { } name && row.Entry.NextDeadlineDueOn is { } dueOn
            ? (PracticeReviewDeadlines.Label(name, fullReport: true), dueOn, row.Entry.OverdueCount > 0)
            : null;
    }
}
