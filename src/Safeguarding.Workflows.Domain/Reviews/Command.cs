using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Reviews;

/// <summary>How a command on a review ended; the HTTP layer turns it into 200/201/400/404/409.</summary>
public enum CommandOutcome
{
    /// <summary>The command changed the process.</summary>
    Recorded,

    /// <summary>The same thing was already recorded: nothing changed (idempotent repeat).</summary>
    AlreadyRecorded,

    /// <summary>The request is not valid (400 naming <see cref="Command{T}.Field"/>).</summary>
    Invalid,

    /// <summary>It contradicts what is recorded (409).</summary>
    Conflict,

    /// <summary>The process is completed or cancelled (409).</summary>
    NotOpen,

    /// <summary>There is no such process (404).</summary>
    NotFound,
}

/// <summary>The pure decision of a command: the outcome, and for <see cref="CommandOutcome.Recorded"/> the transition to apply.</summary>
public sealed record Command<T>(CommandOutcome Outcome, Transition<T>? Transition = null, string? Field = null, string? Message = null)
{
    public static Command<T> Record(Transition<T> transition) => new(CommandOutcome.Recorded, transition);

    public static Command<T> Unchanged { get; } = new(CommandOutcome.AlreadyRecorded);

    public static Command<T> Invalid(string field, string message) => new(CommandOutcome.Invalid, Field: field, Message: message);

    public static Command<T> Conflict(string message) => new(CommandOutcome.Conflict, Message: message);

    public static Command<T> NotOpen(string message) => new(CommandOutcome.NotOpen, Message: message);
}

/// <summary>What a grain answers for a command: the outcome and the process as it now stands (null when there is none).</summary>
public sealed record CommandResult<T>(CommandOutcome Outcome, T? Process, string? Field = null, string? Message = null) where T : class;
