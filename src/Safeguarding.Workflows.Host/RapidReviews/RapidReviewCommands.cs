using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Pages.Forms.RapidReviews;
using Safeguarding.Workflows.Orchestration.RapidReviews;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Host.RapidReviews;

/// <summary>
/// What people and systems can do to a serious incident's rapid review. The JSON endpoints and the pages both call
/// these (never each other), so a rule is written once; the pure rules are in <see cref="RapidReview"/>.
/// </summary>
public sealed class RapidReviewCommands(IGrainFactory grains, DocumentStore documents)
{
    /// <summary>Rapid review ids leave room for the <c>-lcspr</c> suffix of the practice review they may open.</summary>
    public const int MaxIdLength = 58;

    public static readonly UrlIdRule IdRule = UrlIdRule.Case(MaxIdLength);

    public Task<Reply<RapidReview>> OpenAsync(string partnershipId, string id, RapidReviewCase request) =>
        IdRule.Problem(id) is { } problem
            ? Task.FromResult(new Reply<RapidReview>(DecisionOutcome.Invalid, null, "id", problem))
            : Grain(partnershipId, id).OpenAsync(request);

    public async Task<Reply<RapidReview>> GetAsync(string partnershipId, string id) =>
        IdRule.Problem(id) is null && await Grain(partnershipId, id).GetAsync() is { } review
            ? new(DecisionOutcome.Unchanged, review)
            : Reply<RapidReview>.NotFound($"There is no rapid review '{id}' in partnership '{partnershipId}'.");

    /// <summary>Records a step (Panel notified, an agency summary received, the review sent to the Panel, ...).</summary>
    public async Task<Reply<RapidReview>> RecordAsync(string partnershipId, string id, RapidReviewEvent e, string actor) =>
        IdRule.Problem(id) is null
            ? await Grain(partnershipId, id).RecordAsync(e, actor)
            : Reply<RapidReview>.NotFound($"There is no rapid review '{id}' in partnership '{partnershipId}'.");

    /// <summary>
    /// Closes the review with the generic process command (<see cref="Orchestration.Deadlines.IProcessGrain.CancelAsync"/>,
    /// as <c>POST .../rapid-reviews/{id}/cancel</c> does): pending deadlines are waived, awaited agencies are told.
    /// </summary>
    public Task<Reply<RapidReview>> CancelAsync(string partnershipId, string id, string? reason, string actor) =>
        Processes.CancelCommand.RunAsync(() => GetAsync(partnershipId, id), Grain(partnershipId, id), "rapid review", reason, actor);

    /// <summary>
    /// The summary an agency sent through its form: the stored text (its latest version) and the review's record of
    /// it. Not found when the review asked no such agency or no text has been received from it.
    /// </summary>
    public async Task<ReceivedSummary?> ReadSummaryAsync(string partnershipId, string id, string agency, CancellationToken cancellationToken)
    {
        var review = (await GetAsync(partnershipId, id)).Process;
        if (review?.Agencies.FirstOrDefault(a => a.Slug == agency) is not { Received: true } asked
            || await documents.OpenAsync(review.Key, AgencySummaryModel.DocumentName(asked.Slug), null, cancellationToken) is not { } found)
        {
            return null;
        }

        await using (found.Content)
        {
            using var reader = new StreamReader(found.Content);
            return new ReceivedSummary(review, asked, found.Document, await reader.ReadToEndAsync(cancellationToken));
        }
    }

    private IRapidReviewGrain Grain(string partnershipId, string id) =>
        grains.GetGrain<IRapidReviewGrain>(new ProcessKey(partnershipId, ProcessKinds.RapidReview, id).ToString());
}

/// <summary>An agency's summary as received: the review, its record of the agency, the stored version and its Markdown text.</summary>
public sealed record ReceivedSummary(RapidReview Review, AgencySummary Agency, StoredDocument Document, string Markdown)
{
    /// <summary>
    /// Each answer by question id (<see cref="AgencySummaryModel.Questions"/>), as the agency typed it: the text under
    /// the question's <c>## </c> heading the form wrote, up to the next question's.
    /// </summary>
    public IReadOnlyDictionary<string, string> Answers()
    {
        var byHeading = AgencySummaryModel.Questions.ToDictionary(q => "## " + q.Label, q => q.Id, StringComparer.Ordinal);
        var answers = AgencySummaryModel.Questions.ToDictionary(q => q.Id, _ => new List<string>());
        List<string>? current = null;
        foreach (var line in Markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (byHeading.TryGetValue(line.TrimEnd(), out var question))
            {
                current = answers[question];
            }
            else
            {
                current?.Add(line);
            }
        }

        return answers.ToDictionary(a => a.Key, a => string.Join('\n', a.Value).Trim('\n', ' '));
    }
}
