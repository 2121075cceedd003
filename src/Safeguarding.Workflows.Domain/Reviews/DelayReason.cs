using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Reviews;

/// <summary>Why a deadline was missed, as recorded by the partnership. Every missed statutory deadline needs one.</summary>
public sealed record DelayReason(string Deadline, string Reason, DateOnly On, string Actor);

/// <summary>What a <c>delay-reason</c> event would explain, or why it is refused.</summary>
public sealed record DelayReasonDecision(DecisionOutcome Outcome, IReadOnlyList<string> Explains, string? Field = null, string? Message = null);

public static class DelayReasons
{
    /// <summary>Missed deadlines (late or still overdue) that <paramref name="needsReason"/> covers and that have no recorded reason, in due order.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<Deadline> deadlines, IEnumerable<DelayReason> reasons, Func<string, bool> needsReason)
    {
        var recorded = reasons.Select(r => r.Deadline).ToHashSet(StringComparer.Ordinal);
        return [.. deadlines
            .Where(d => d.State == DeadlineState.Missed && needsReason(d.Name) && !recorded.Contains(d.Name))
            .OrderBy(d => d.DueAt)
            .Select(d => d.Name)];
    }

    /// <summary>
    /// Decides a <c>delay-reason</c> event: for the named <paramref name="deadline"/> (which must exist and have been
    /// missed), or, when none is named, for every missed deadline still waiting for a reason. The same reason again is a
    /// no-op; a different reason for a deadline that already has one is a conflict (a recorded reason is not rewritten).
    /// </summary>
    public static DelayReasonDecision Decide(IReadOnlyList<Deadline> deadlines, IReadOnlyList<DelayReason> reasons, Func<string, bool> needsReason, string? deadline, string reason)
    {
        if (deadline is not null)
        {
            var found = deadlines.FirstOrDefault(d => d.Name == deadline);
            if (found is null)
            {
                return new(DecisionOutcome.Invalid, [], "deadline", $"There is no deadline '{deadline}'. Use one of: {string.Join(", ", deadlines.Select(d => d.Name))}.");
            }

            if (reasons.FirstOrDefault(r => r.Deadline == deadline) is { } existing)
            {
                return existing.Reason == reason
                    ? new(DecisionOutcome.Unchanged, [])
                    : new(DecisionOutcome.Conflict, [], Message: $"A different delay reason is already recorded for '{deadline}'.");
            }

            return found.State == DeadlineState.Missed
                ? new(DecisionOutcome.Changed, [deadline])
                : new(DecisionOutcome.Conflict, [], Message: $"The deadline '{deadline}' has not been missed.");
        }

        var missing = Missing(deadlines, reasons, needsReason);
        if (missing.Count > 0)
        {
            return new(DecisionOutcome.Changed, missing);
        }

        return reasons.Any(r => r.Reason == reason)
            ? new(DecisionOutcome.Unchanged, [])
            : new(DecisionOutcome.Conflict, [], Message: "No missed deadline is waiting for a delay reason.");
    }
}
