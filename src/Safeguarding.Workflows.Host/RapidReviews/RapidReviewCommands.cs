using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Orchestration.RapidReviews;

namespace Safeguarding.Workflows.Host.RapidReviews;

/// <summary>
/// What people and systems can do to a serious incident's rapid review. The JSON endpoints and the pages both call
/// these (never each other), so a rule is written once; the pure rules are in <see cref="RapidReview"/>.
/// </summary>
public sealed class RapidReviewCommands(IGrainFactory grains)
{
    /// <summary>Rapid review ids leave room for the <c>-lcspr</c> suffix of the practice review they may open.</summary>
    public const int MaxIdLength = 58;

    public Task<Reply<RapidReview>> OpenAsync(string partnershipId, string id, RapidReviewCase request) =>
        UrlId.Problem(id, MaxIdLength) is { } problem
            ? Task.FromResult(new Reply<RapidReview>(DecisionOutcome.Invalid, null, "id", problem))
            : Grain(partnershipId, id).OpenAsync(request);

    public async Task<Reply<RapidReview>> GetAsync(string partnershipId, string id) =>
        UrlId.Problem(id, MaxIdLength) is null && await Grain(partnershipId, id).GetAsync() is { } review
            ? new(DecisionOutcome.Unchanged, review)
            : Reply<RapidReview>.NotFound($"There is no rapid review '{id}' in partnership '{partnershipId}'.");

    /// <summary>Records a step (Panel notified, an agency summary received, the review sent to the Panel, ...).</summary>
    public async Task<Reply<RapidReview>> RecordAsync(string partnershipId, string id, RapidReviewEvent e, string actor) =>
        UrlId.Problem(id, MaxIdLength) is null
            ? await Grain(partnershipId, id).RecordAsync(e, actor)
            : Reply<RapidReview>.NotFound($"There is no rapid review '{id}' in partnership '{partnershipId}'.");

    private IRapidReviewGrain Grain(string partnershipId, string id) =>
        grains.GetGrain<IRapidReviewGrain>(new ProcessKey(partnershipId, ProcessKinds.RapidReview, id).ToString());
}
