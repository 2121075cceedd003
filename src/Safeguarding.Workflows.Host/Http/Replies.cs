using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Host.Http;

/// <summary>
/// The one mapping from a process kind's <see cref="Reply{T}"/> to an HTTP result, so every kind answers the same way:
/// 200 (or 201 when a <c>PUT</c> created it), 400 naming the field, 404, 409.
/// </summary>
public static class Replies
{
    public static Results<Ok<TView>, ValidationProblem, ProblemHttpResult> Ok<T, TView>(Reply<T> reply, Func<T, TView> view) where T : class =>
        reply.Outcome switch
        {
            DecisionOutcome.Changed or DecisionOutcome.Unchanged => TypedResults.Ok(view(reply.Process!)),
            DecisionOutcome.Invalid => Problems.Invalid(reply.Field!, reply.Message!),
            _ => Problem(reply),
        };

    /// <summary>For a <c>PUT</c> that creates: 201 at <paramref name="location"/>, or 200 when the same request was made before.</summary>
    public static Results<Created<TView>, Ok<TView>, ValidationProblem, ProblemHttpResult> Created<T, TView>(Reply<T> reply, Func<T, TView> view, string location) where T : class =>
        reply.Outcome switch
        {
            DecisionOutcome.Changed => TypedResults.Created(location, view(reply.Process!)),
            DecisionOutcome.Unchanged => TypedResults.Ok(view(reply.Process!)),
            DecisionOutcome.Invalid => Problems.Invalid(reply.Field!, reply.Message!),
            _ => Problem(reply),
        };

    /// <summary>The problem for a refusal other than an invalid field: 404 or 409.</summary>
    public static ProblemHttpResult Problem<T>(Reply<T> reply) where T : class => reply.Outcome switch
    {
        DecisionOutcome.NotFound => Problems.NotFound(reply.Message ?? "Not found."),
        DecisionOutcome.Invalid => TypedResults.Problem(reply.Message, statusCode: StatusCodes.Status400BadRequest, title: $"Check '{reply.Field}'"),
        _ => Problems.Conflict(reply.Message ?? "This conflicts with what is recorded."),
    };
}
