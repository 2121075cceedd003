using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Pages.Forms.RapidReviews;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.RapidReviews;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Host.Pages.RapidReviews;

/// <summary>
/// <c>/partnerships/{p}/rapid-reviews/{id}/agency-summaries/{agency}</c>: an agency's summary as it sent it, read in
/// full with <see cref="RapidReviewCommands.ReadSummaryAsync"/> (as the API's GET is). The stored Markdown is shown
/// as plain headings and paragraphs (Razor escapes every character of it).
/// </summary>
public sealed class SummaryModel(PartnershipDirectory partnerships, RapidReviewCommands reviews) : PageModel
{
    /// <summary>One block of the summary: a heading (level 1 or 2) or a paragraph (level 0).</summary>
    public sealed record Block(int Level, string Text);

    public PartnershipArrangements Partnership { get; private set; } = null!;

    public RapidReview Review { get; private set; } = null!;

    public AgencySummary Agency { get; private set; } = null!;

    public StoredDocument Document { get; private set; } = null!;

    public IReadOnlyList<Block> Blocks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string p, string id, string agency, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        if (await reviews.ReadSummaryAsync(p, id, agency, cancellationToken) is not { } summary)
        {
            return PageResults.NotFound($"No summary from '{agency}' has been received for rapid review '{id}'.");
        }

        Partnership = partnership;
        Review = summary.Review;
        Agency = summary.Agency;
        Document = summary.Document;
        Blocks = Read(summary.Markdown);
        return Page();
    }

    /// <summary>
    /// The Markdown the summary form wrote: its title (<c># </c>, dropped: the page's heading says the same), the
    /// service's line under it (its dates in words), then each question (<c>## </c> and a label of
    /// <see cref="AgencySummaryModel.Questions"/>) with the agency's answer as paragraphs. Only those lines are
    /// headings: an answer's own <c>#</c> is text, shown as typed.
    /// </summary>
    public static IReadOnlyList<Block> Read(string markdown)
    {
        var questions = AgencySummaryModel.Questions.Select(q => "## " + q.Label).ToHashSet(StringComparer.Ordinal);
        var blocks = new List<Block>();
        var paragraph = new List<string>();
        var answering = false;
        var first = true;
        void Flush()
        {
            if (paragraph.Count > 0)
            {
                var text = string.Join('\n', paragraph);
                blocks.Add(new Block(0, answering ? text : Show.Detail(text)));
                paragraph.Clear();
            }
        }

        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (first && line.StartsWith("# ", StringComparison.Ordinal))
            {
                first = false;
                continue;
            }

            first = false;
            if (questions.Contains(line))
            {
                Flush();
                answering = true;
                blocks.Add(new Block(2, line[3..]));
            }
            else if (line.Length == 0)
            {
                Flush();
            }
            else
            {
                paragraph.Add(raw);
            }
        }

        Flush();
        return blocks;
    }

    public string DownloadLink => $"/partnerships/{Partnership.Id}/rapid-reviews/{Review.Key.Id}/agency-summaries/{Agency.Slug}/download";
}
