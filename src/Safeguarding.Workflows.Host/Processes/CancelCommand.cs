using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Host.Processes;

/// <summary>
/// Cancelling a process, as each kind's commands offer it to its page (<see cref="IProcessGrain.CancelAsync"/>, the
/// command <c>POST /api/partnerships/{p}/{kind}/{id}/cancel</c> runs): a reason is required, a process no longer open
/// says so, and the answer is the process as it now stands. What cancelling does (who is told) is the kind's own rule.
/// </summary>
public static class CancelCommand
{
    public const int MaxReason = 1000;

    /// <param name="get">The kind's <c>GetAsync</c> for this process.</param>
    /// <param name="grain">The process's grain.</param>
    /// <param name="noun">"rapid review", "meeting", ...: for the refusal.</param>
    public static async Task<Reply<T>> RunAsync<T>(Func<Task<Reply<T>>> get, IProcessGrain grain, string noun, string? reason, string actor) where T : class
    {
        var found = await get();
        if (found.Process is not { } process)
        {
            return found;
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReason)
        {
            return new(DecisionOutcome.Invalid, process, "reason", $"Give a reason of up to {MaxReason} characters.");
        }

        return await grain.CancelAsync(reason.Trim(), actor) switch
        {
            ChangeOutcome.Done => await get() with { Outcome = DecisionOutcome.Changed },
            ChangeOutcome.NotOpen => new(DecisionOutcome.NotOpen, process, Message: $"This {noun} is no longer open: it cannot be cancelled."),
            _ => found with { Outcome = DecisionOutcome.NotFound, Process = null },
        };
    }
}
