using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Reviews;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Orchestration.PracticeReviews;

/// <summary>One local child safeguarding practice review; key <c>"{partnershipId}/practice-review/{id}"</c>.</summary>
public interface IPracticeReviewGrain : IProcessGrain
{
    /// <summary>Opens the review; the same request again returns it unchanged, a different one is a conflict.</summary>
    Task<Reply<PracticeReview>> OpenAsync(PracticeReviewCase request);

    Task<PracticeReview?> GetAsync();

    Task<Reply<PracticeReview>> RecordAsync(PracticeReviewEvent e, string actor);
}

public sealed class PracticeReviewGrain(
    ProcessEngine engine,
    PartnershipDirectory partnerships) : ProcessGrain<PracticeReview>(engine), IPracticeReviewGrain
{
    public Task<Reply<PracticeReview>> OpenAsync(PracticeReviewCase request) =>
        OpenOnceAsync(
            existing => existing.Case == request,
            () => ReviewContexts.For(partnerships, Key.PartnershipId) is { } context ? PracticeReview.Open(Key, request, context, Now) : NoSuchPartnership);

    public Task<PracticeReview?> GetAsync() => Task.FromResult(Process);

    protected override PracticeReview PlannedAhead(PracticeReview review) =>
        ReviewContexts.For(partnerships, Key.PartnershipId) is { } context ? review.PlannedAhead(context, Now) : review;

    public Task<Reply<PracticeReview>> RecordAsync(PracticeReviewEvent e, string actor) =>
        DecideAsync(current => ReviewContexts.For(partnerships, Key.PartnershipId) is { } context ? current.Record(e, context, actor, Now) : NoSuchPartnership);
}
