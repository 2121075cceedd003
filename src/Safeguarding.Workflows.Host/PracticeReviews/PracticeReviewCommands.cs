using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.RapidReviews;
using Safeguarding.Workflows.Orchestration.PracticeReviews;

namespace Safeguarding.Workflows.Host.PracticeReviews;

/// <summary>
/// What people and systems can do to a local child safeguarding practice review; the JSON endpoints and the pages
/// both call these. The pure rules are in <see cref="PracticeReview"/>.
/// </summary>
public sealed class PracticeReviewCommands(IGrainFactory grains, RapidReviewCommands rapidReviews)
{
    public const int MaxIdLength = UrlIdRule.DefaultMaxLength;

    public static readonly UrlIdRule IdRule = UrlIdRule.Case(MaxIdLength);

    /// <summary>Opens the review; a <see cref="PracticeReviewCase.RapidReviewId"/> must name a rapid review of the partnership.</summary>
    public async Task<Reply<PracticeReview>> OpenAsync(string partnershipId, string id, PracticeReviewCase request)
    {
        if (IdRule.Problem(id) is { } problem)
        {
            return new(DecisionOutcome.Invalid, null, "id", problem);
        }

        if (request.RapidReviewId is { } rapidReviewId && !(await rapidReviews.GetAsync(partnershipId, rapidReviewId)).Succeeded)
        {
            return new(DecisionOutcome.Invalid, null, "rapidReviewId", $"There is no rapid review '{rapidReviewId}' in this partnership.");
        }

        return await Grain(partnershipId, id).OpenAsync(request);
    }

    public async Task<Reply<PracticeReview>> GetAsync(string partnershipId, string id) =>
        IdRule.Problem(id) is null && await Grain(partnershipId, id).GetAsync() is { } review
            ? new(DecisionOutcome.Unchanged, review)
            : Reply<PracticeReview>.NotFound($"There is no practice review '{id}' in partnership '{partnershipId}'.");

    /// <summary>Records a step (reviewer appointed, a checkpoint held, publication planned, ...).</summary>
    public async Task<Reply<PracticeReview>> RecordAsync(string partnershipId, string id, PracticeReviewEvent e, string actor) =>
        IdRule.Problem(id) is null
            ? await Grain(partnershipId, id).RecordAsync(e, actor)
            : Reply<PracticeReview>.NotFound($"There is no practice review '{id}' in partnership '{partnershipId}'.");

    /// <summary>Cancels the review (<see cref="Processes.CancelCommand"/>): pending deadlines are waived and nobody is chased.</summary>
    public Task<Reply<PracticeReview>> CancelAsync(string partnershipId, string id, string? reason, string actor) =>
        IdRule.Problem(id) is null
            ? Processes.CancelCommand.RunAsync(() => GetAsync(partnershipId, id), Grain(partnershipId, id), "practice review", reason, actor)
            : Task.FromResult(Reply<PracticeReview>.NotFound($"There is no practice review '{id}' in partnership '{partnershipId}'."));

    private IPracticeReviewGrain Grain(string partnershipId, string id) =>
        grains.GetGrain<IPracticeReviewGrain>(new ProcessKey(partnershipId, ProcessKinds.PracticeReview, id).ToString());
}
