using Microsoft.Extensions.Logging;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Domain.Reviews;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.PracticeReviews;

namespace Safeguarding.Workflows.Orchestration.RapidReviews;

/// <summary>One serious incident notification and rapid review; key <c>"{partnershipId}/rapid-review/{id}"</c>.</summary>
public interface IRapidReviewGrain : IProcessGrain
{
    /// <summary>Opens the review; the same request again returns it unchanged, a different one is a conflict.</summary>
    Task<Reply<RapidReview>> OpenAsync(RapidReviewCase request);

    Task<RapidReview?> GetAsync();

    /// <summary>Records an event; a submission with the decision <c>lcspr</c> also opens the practice review.</summary>
    Task<Reply<RapidReview>> RecordAsync(RapidReviewEvent e, string actor);
}

public sealed partial class RapidReviewGrain(
    ProcessEngine engine,
    PartnershipDirectory partnerships,
    ILogger<RapidReviewGrain> logger) : ProcessGrain<RapidReview>(engine), IRapidReviewGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);

        // A host that stopped between recording an LCSPR decision and opening its practice review finishes the job here.
        await OpenPracticeReviewIfDecidedAsync();
    }

    public Task<Reply<RapidReview>> OpenAsync(RapidReviewCase request) =>
        OpenOnceAsync(
            existing => existing.Case.SameAs(request),
            () => ReviewContexts.For(partnerships, Key.PartnershipId) is { } context
                ? RapidReview.Open(Key, request, context, Now)
                : NoSuchPartnership);

    public Task<RapidReview?> GetAsync() => Task.FromResult(Process);

    protected override RapidReview PlannedAhead(RapidReview review) =>
        ReviewContexts.For(partnerships, Key.PartnershipId) is { } context ? review.PlannedAhead(context, Now) : review;

    public async Task<Reply<RapidReview>> RecordAsync(RapidReviewEvent e, string actor)
    {
        var reply = await DecideAsync(current => ReviewContexts.For(partnerships, Key.PartnershipId) is { } context
            ? current.Record(e, context, actor, Now)
            : NoSuchPartnership);

        // Also on a repeat of the submission: a retried request finishes what a failed one started.
        await OpenPracticeReviewIfDecidedAsync();
        return reply with { Process = Process };
    }

    /// <summary>
    /// An LCSPR decision opens the practice review <c>{id}-lcspr</c>, commissioned on the submission date. Opening is
    /// idempotent, so doing it again after a crash finds the same review; the link is recorded once it is open.
    /// </summary>
    private async Task OpenPracticeReviewIfDecidedAsync()
    {
        if (Process is not { NeedsPracticeReview: true } review)
        {
            return;
        }

        var id = RapidReview.PracticeReviewIdFor(Key.Id);
        var key = new ProcessKey(Key.PartnershipId, ProcessKinds.PracticeReview, id);
        var result = await GrainFactory.GetGrain<IPracticeReviewGrain>(key.ToString())
            .OpenAsync(new PracticeReviewCase(review.Case.CaseReference, review.SubmittedOn!.Value, Key.Id));
        var detail = result.Outcome switch
        {
            DecisionOutcome.Changed => id,
            DecisionOutcome.Unchanged => $"{id} (already open)",
            DecisionOutcome.Conflict => $"{id} already exists with different details and was left as it is",
            _ => null,
        };
        if (detail is null)
        {
            LogPracticeReviewNotOpened(Key.ToString(), id, result.Outcome);
            return;
        }

        if (result.Outcome == DecisionOutcome.Conflict)
        {
            LogPracticeReviewConflict(Key.ToString(), id);
        }
        else
        {
            LogPracticeReviewOpened(Key.ToString(), id);
        }

        await UpdateAsync(p => p.PracticeReviewOpened(id, Now, detail));
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Rapid review {ProcessKey} decided on an LCSPR: practice review {PracticeReviewId} is open")]
    private partial void LogPracticeReviewOpened(string processKey, string practiceReviewId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Rapid review {ProcessKey} decided on an LCSPR but practice review {PracticeReviewId} already exists with different details")]
    private partial void LogPracticeReviewConflict(string processKey, string practiceReviewId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Rapid review {ProcessKey} could not open practice review {PracticeReviewId}: {Outcome}")]
    private partial void LogPracticeReviewNotOpened(string processKey, string practiceReviewId, DecisionOutcome outcome);
}
