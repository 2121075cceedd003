using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Notifications;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Notifications.Sending.Outbox;

namespace Safeguarding.Workflows.Host.Email;

/// <summary>
/// <c>GET /api/outbox</c> (what the Outbox provider "sent"), <c>GET /api/outbox/failed</c> (poisoned messages) and
/// <c>POST /api/outbox/failed/{id}/retry</c>. A message id containing '/' is sent percent-encoded (<c>%2F</c>).
/// </summary>
public static class OutboxApi
{
    public static RouteGroupBuilder MapOutboxApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/outbox").WithTags("Email");
        group.MapGet("/", ListOutbox).WithName("ListOutbox");
        group.MapGet("/failed", ListFailed).WithName("ListFailedEmails");
        group.MapPost("/failed/{id}/retry", RetryFailed).WithName("RetryFailedEmail");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<OutboxEntry>>, ValidationProblem, ProblemHttpResult>> ListOutbox(
        string? to, string? processId, string? since, Outbox outbox, IOptions<EmailOptions> options, CancellationToken cancellationToken)
    {
        if (options.Value.Provider != EmailProvider.Outbox)
        {
            return TypedResults.Problem(
                detail: $"Messages are kept in the outbox only with Email:Provider=Outbox; this service sends through {options.Value.Provider}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        DateTimeOffset? sinceInstant = null;
        if (!string.IsNullOrWhiteSpace(since))
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["since"] = ["Use an ISO 8601 instant, for example 2026-12-01T09:00:00Z."],
                });
            }

            sinceInstant = parsed;
        }

        return TypedResults.Ok(await outbox.ListAsync(new OutboxQuery(to, processId, sinceInstant), cancellationToken));
    }

    public static async Task<Ok<IReadOnlyList<FailedMessage>>> ListFailed(FailedMessages failed, CancellationToken cancellationToken) =>
        TypedResults.Ok(await failed.ListAsync(cancellationToken));

    public static async Task<Results<Accepted, ProblemHttpResult>> RetryFailed(string id, FailedMessages failed, CancellationToken cancellationToken)
    {
        // Routing leaves an encoded '/' (%2F) in the value; message ids contain slashes.
        var messageId = Uri.UnescapeDataString(id);
        if (!await failed.RetryAsync(messageId, cancellationToken))
        {
            return TypedResults.Problem(detail: $"There is no failed email '{messageId}'.", statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Accepted((string?)null);
    }
}
