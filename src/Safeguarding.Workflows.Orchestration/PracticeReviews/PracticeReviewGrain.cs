using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Reviews;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Orchestration.PracticeReviews;

/// <summary>One local child safeguarding practice review; key <c>"{partnershipId}/practice-review/{id}"</c>.</summary>
public interface IPracticeReviewGrain : IProcessGrain
{
    /// <summary>Opens the review; the same request again returns it unchanged, a different one is a conflict.</summary>
    Task<CommandResult<PracticeReview>> OpenAsync(PracticeReviewCase request);

    Task<PracticeReview?> GetAsync();

    Task<CommandResult<PracticeReview>> RecordAsync(PracticeReviewEvent e, string actor);
}

public sealed class PracticeReviewGrain(
    ProcessEngine engine,
    PartnershipDirectory partnerships) : ProcessGrain<PracticeReview>(engine), IPracticeReviewGrain
{
    public async Task<CommandResult<PracticeReview>> OpenAsync(PracticeReviewCase request)
    {
        if (Process is { } existing)
        {
            return existing.Case == request
                ? new(CommandOutcome.AlreadyRecorded, existing)
                : new(CommandOutcome.Conflict, existing, Message: $"A practice review '{Key.Id}' already exists with different details.");
        }

        if (ReviewContexts.For(partnerships, Key.PartnershipId) is not { } context)
        {
            return new(CommandOutcome.NotFound, null, Message: $"No partnership has the id '{Key.PartnershipId}'.");
        }

        var opened = PracticeReview.Open(Key, request, context, Now);
        if (opened.Outcome != CommandOutcome.Recorded)
        {
            return new(opened.Outcome, null, opened.Field, opened.Message);
        }

        return new(CommandOutcome.Recorded, await StartAsync(opened.Transition!));
    }

    public Task<PracticeReview?> GetAsync() => Task.FromResult(Process);

    protected override PracticeReview PlannedAhead(PracticeReview review) =>
        ReviewContexts.For(partnerships, Key.PartnershipId) is { } context ? review.PlannedAhead(context, Now) : review;

    public async Task<CommandResult<PracticeReview>> RecordAsync(PracticeReviewEvent e, string actor)
    {
        if (Process is not { } current)
        {
            return new(CommandOutcome.NotFound, null, Message: $"There is no practice review '{Key.Id}'.");
        }

        if (ReviewContexts.For(partnerships, Key.PartnershipId) is not { } context)
        {
            return new(CommandOutcome.NotFound, null, Message: $"No partnership has the id '{Key.PartnershipId}'.");
        }

        var decided = current.Record(e, context, actor, Now);
        if (decided.Outcome == CommandOutcome.Recorded)
        {
            await UpdateAsync(_ => decided.Transition!);
        }

        return new(decided.Outcome, Process, decided.Field, decided.Message);
    }
}
