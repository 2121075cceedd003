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
public sealed class ListModel(PartnershipDirectory partnerships, ProcessIndex index, PracticeReviewCommands reviews) : PageModel
{
    /// <summary>The most reviews the list shows.</summary>
    public const int Max = 200;

    public sealed record Row(ProcessIndexEntry Entry, PracticeReview? Review);

    public PartnershipArrangements Partnership { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string p, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        var entries = (await index.QueryAsync(p, new ProcessQuery(Kind: ProcessKinds.PracticeReview, Top: Max), cancellationToken)).Items
            .OrderBy(e => e.Status == ProcessStatus.Open ? 0 : 1)
            .ThenByDescending(e => e.CreatedAt)
            .ToList();
        var rows = new List<Row>(entries.Count);
        foreach (var entry in entries)
        {
            rows.Add(new Row(entry, (await reviews.GetAsync(p, entry.Id)).Process));
        }

        Rows = rows;
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
