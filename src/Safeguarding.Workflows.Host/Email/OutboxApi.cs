using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Notifications;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Notifications.Sending.Outbox;

namespace Safeguarding.Workflows.Host.Email;

/// <summary>
/// A partnership's emails, for its business unit: <c>GET /api/partnerships/{p}/emails</c> (what the Outbox provider
/// "sent"), <c>.../emails/failed</c> (poisoned messages) and <c>POST .../emails/failed/{id}/retry</c>. The older
/// <c>/api/outbox</c> routes answer the same for every partnership whose business unit the caller is, and nothing of
/// any other: emails carry case references and signed contributor links. A message id containing '/' is sent
/// percent-encoded (<c>%2F</c>).
/// </summary>
public static class OutboxApi
{
    public static IEndpointRouteBuilder MapOutboxApi(this IEndpointRouteBuilder app)
    {
        // Email ids are not URL ids (they hold the process key): no id rule here.
        var partnership = app.MapPartnershipGroup("/emails", idRule: null).WithTags("Email").RequireBusinessUnit();
        partnership.MapGet("/", (string partnershipId, string? to, string? processId, string? since, Outbox outbox, IOptions<EmailOptions> options, CancellationToken ct) =>
            List(Only(partnershipId), to, processId, since, outbox, options, ct)).WithName("ListPartnershipEmails");
        partnership.MapGet("/failed", (string partnershipId, FailedMessages failed, CancellationToken ct) =>
            ListFailed(Only(partnershipId), failed, ct)).WithName("ListPartnershipFailedEmails");
        partnership.MapPost("/failed/{id}/retry", (string partnershipId, string id, FailedMessages failed, CancellationToken ct) =>
            Retry(Only(partnershipId), id, failed, ct)).WithName("RetryPartnershipFailedEmail");

        var everyPartnership = app.MapGroup("/api/outbox").WithTags("Email").RequireBusinessUnit();
        everyPartnership.MapGet("/", (string? to, string? processId, string? since, ClaimsPrincipal user, Outbox outbox, IOptions<EmailOptions> options, CancellationToken ct) =>
            List(CallersPartnerships(user), to, processId, since, outbox, options, ct)).WithName("ListOutbox");
        everyPartnership.MapGet("/failed", (ClaimsPrincipal user, FailedMessages failed, CancellationToken ct) =>
            ListFailed(CallersPartnerships(user), failed, ct)).WithName("ListFailedEmails");
        everyPartnership.MapPost("/failed/{id}/retry", (string id, ClaimsPrincipal user, FailedMessages failed, CancellationToken ct) =>
            Retry(CallersPartnerships(user), id, failed, ct)).WithName("RetryFailedEmail");
        return app;
    }

    private static HashSet<string> Only(string partnershipId) => new(StringComparer.Ordinal) { partnershipId };

    /// <summary>Where the caller is the business unit; null for the business unit of every partnership.</summary>
    private static IReadOnlySet<string>? CallersPartnerships(ClaimsPrincipal user) => Grant.PartnershipsAllowing(user, Permission.BusinessUnit);

    public static async Task<Results<Ok<IReadOnlyList<OutboxEntry>>, ValidationProblem, ProblemHttpResult>> List(
        IReadOnlySet<string>? partnerships, string? to, string? processId, string? since, Outbox outbox, IOptions<EmailOptions> options, CancellationToken cancellationToken)
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
                return Problems.Invalid("since", "Use an ISO 8601 instant, for example 2026-12-01T09:00:00Z.");
            }

            sinceInstant = parsed;
        }

        return TypedResults.Ok(await outbox.ListAsync(new OutboxQuery(to, processId, sinceInstant, partnerships), cancellationToken));
    }

    public static async Task<Ok<IReadOnlyList<FailedMessage>>> ListFailed(IReadOnlySet<string>? partnerships, FailedMessages failed, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<FailedMessage>>(
            [.. (await failed.ListAsync(cancellationToken)).Where(f => partnerships is null || partnerships.Contains(f.PartnershipId))]);

    /// <summary>A message of a partnership the caller may not run is answered as if it did not exist.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> Retry(IReadOnlySet<string>? partnerships, string id, FailedMessages failed, CancellationToken cancellationToken)
    {
        // Routing leaves an encoded '/' (%2F) in the value; message ids contain slashes.
        var messageId = Uri.UnescapeDataString(id);
        var message = await failed.FindAsync(messageId, cancellationToken);
        if (message is null || (partnerships is not null && !partnerships.Contains(message.PartnershipId))
            || !await failed.RetryAsync(messageId, cancellationToken))
        {
            return Problems.NotFound($"There is no failed email '{messageId}'.");
        }

        return TypedResults.Accepted((string?)null);
    }
}
