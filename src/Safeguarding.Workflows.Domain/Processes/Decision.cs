namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>How a decision on a process ended. Every kind answers with these; HTTP and pages each map them once.</summary>
public enum DecisionOutcome
{
    /// <summary>The process changed (or was created).</summary>
    Changed,

    /// <summary>The same thing was already recorded: nothing changed (an idempotent repeat).</summary>
    Unchanged,

    /// <summary>The request is not valid; <see cref="Decision{T}.Field"/> names the field (400).</summary>
    Invalid,

    /// <summary>It contradicts what is recorded, or is not allowed at this stage (409).</summary>
    Conflict,

    /// <summary>The process is completed or cancelled (409).</summary>
    NotOpen,

    /// <summary>There is no such process, or no such part of it (404).</summary>
    NotFound,
}

/// <summary>
/// The pure decision of a process kind's transition: what the outcome is and, when it changed, the transition to
/// apply. Kinds return this and never throw to refuse; the engine's <c>DecideAsync</c> applies it.
/// </summary>
public sealed record Decision<T>(DecisionOutcome Outcome, Transition<T>? Transition = null, string? Field = null, string? Message = null)
{
    public static Decision<T> Changed(Transition<T> transition) => new(DecisionOutcome.Changed, transition);

    public static Decision<T> Unchanged { get; } = new(DecisionOutcome.Unchanged);

    public static Decision<T> Invalid(string field, string message) => new(DecisionOutcome.Invalid, Field: field, Message: message);

    public static Decision<T> Conflict(string message) => new(DecisionOutcome.Conflict, Message: message);

    public static Decision<T> NotOpen(string message) => new(DecisionOutcome.NotOpen, Message: message);

    public static Decision<T> NotFound(string message) => new(DecisionOutcome.NotFound, Message: message);

    public static implicit operator Decision<T>(Transition<T> transition) => Changed(transition);

    public bool IsRefusal => Outcome is not (DecisionOutcome.Changed or DecisionOutcome.Unchanged);
}

/// <summary>What a process grain answers for a decision: the outcome and the process as it now stands (null when there is none).</summary>
public sealed record Reply<T>(DecisionOutcome Outcome, T? Process, string? Field = null, string? Message = null) where T : class
{
    public bool Succeeded => Outcome is DecisionOutcome.Changed or DecisionOutcome.Unchanged;

    public static Reply<T> NotFound(string message) => new(DecisionOutcome.NotFound, null, Message: message);
}
