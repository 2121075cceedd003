using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.RapidReviews;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.RapidReviews;

/// <summary><c>/partnerships/{p}/rapid-reviews</c>: the partnership's rapid reviews, open first, newest first.</summary>
public sealed class ListModel(PartnershipDirectory partnerships, ProcessListing listing, RapidReviewCommands reviews) : PageModel
{
    public sealed record Row(ProcessIndexEntry Entry, RapidReview? Review);

    public PartnershipArrangements Partnership { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public ListPage<RapidReview> List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string p, int? page, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        List = await ListPage<RapidReview>.ReadAsync(listing, p, ProcessKinds.RapidReview, page, async id => (await reviews.GetAsync(p, id)).Process, cancellationToken);
        Rows = [.. List.Rows.Select(r => new Row(r.Entry, r.Process))];
        return Page();
    }

    /// <summary>The next pending clock: its name in words and its date, or null when none is pending.</summary>
    public static (string Name, DateOnly DueOn, bool Overdue)? NextClock(Row row)
    {
        if (row.Review is { } review)
        {
            return review.Status != ProcessStatus.Open || review.Deadlines.Where(d => d.State == DeadlineState.Pending || d.IsOverdue).OrderBy(d => d.DueOn).FirstOrDefault() is not { } next
                ? null
                : (RapidReviewDeadlines.Label(next.Name), next.DueOn, next.IsOverdue);
        }

        return row.Entry.NextDeadlineName is { } name && row.Entry.NextDeadlineDueOn is { } dueOn
            ? (RapidReviewDeadlines.Label(name), dueOn, row.Entry.OverdueCount > 0)
            : null;
    }
}
