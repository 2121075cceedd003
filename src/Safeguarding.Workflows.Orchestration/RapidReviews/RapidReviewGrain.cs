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
    Task<CommandResult<RapidReview>> OpenAsync(RapidReviewCase request);

    Task<RapidReview?> GetAsync();

    /// <summary>Records an event; a submission with the decision <c>lcspr</c> also opens the practice review.</summary>
    Task<CommandResult<RapidReview>> RecordAsync(RapidReviewEvent e, string actor);
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

    public async Task<CommandResult<RapidReview>> OpenAsync(RapidReviewCase request)
    {
        if (Process is { } existing)
        {
            return existing.Case.SameAs(request)
                ? new(CommandOutcome.AlreadyRecorded, existing)
                : new(CommandOutcome.Conflict, existing, Message: $"A rapid review '{Key.Id}' already exists with different details.");
        }

        if (ReviewContexts.For(partnerships, Key.PartnershipId) is not { } context)
        {
            return new(CommandOutcome.NotFound, null, Message: $"No partnership has the id '{Key.PartnershipId}'.");
        }

        var opened = RapidReview.Open(Key, request, context, Now);
        if (opened.Outcome != CommandOutcome.Recorded)
        {
            return new(opened.Outcome, null, opened.Field, opened.Message);
        }

        return new(CommandOutcome.Recorded, await StartAsync(opened.Transition!));
    }

    public Task<RapidReview?> GetAsync() => Task.FromResult(Process);

    protected override RapidReview PlannedAhead(RapidReview review) =>
        ReviewContexts.For(partnerships, Key.PartnershipId) is { } context ? review.PlannedAhead(context, Now) : review;

    public async Task<CommandResult<RapidReview>> RecordAsync(RapidReviewEvent e, string actor)
    {
        if (Process is not { } current)
        {
            return new(CommandOutcome.NotFound, null, Message: $"There is no rapid review '{Key.Id}'.");
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

        // Also on a repeat of the submission: a retried request finishes what a failed one started.
        await OpenPracticeReviewIfDecidedAsync();
        return new(decided.Outcome, Process, decided.Field, decided.Message);
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
            CommandOutcome.Recorded => id,
            CommandOutcome.AlreadyRecorded => $"{id} (already open)",
            CommandOutcome.Conflict => $"{id} already exists with different details and was left as it is",
            _ => null,
        };
        if (detail is null)
        {
            LogPracticeReviewNotOpened(Key.ToString(), id, result.Outcome);
            return;
        }

        if (result.Outcome == CommandOutcome.Conflict)
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
    private partial void LogPracticeReviewNotOpened(string processKey, string practiceReviewId, CommandOutcome outcome);
}
