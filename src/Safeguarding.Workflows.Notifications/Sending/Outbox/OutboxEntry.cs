namespace Safeguarding.Workflows.Notifications.Sending.Outbox;

/// <summary>
/// A message the Outbox provider "sent": what <c>GET /api/outbox</c> returns. <see cref="Kind"/> is the template name,
/// <see cref="Body"/> the plain-text body, <see cref="ProcessId"/> the process's own id.
/// </summary>
public sealed record OutboxEntry(
    string Id,
    IReadOnlyList<string> To,
    string Subject,
    DateTimeOffset SentAt,
    string ProcessId,
    string Kind,
    string Body,
    string Html,
    string PartnershipId,
    string ProcessKey,
    IReadOnlyList<OutboxAttachment> Attachments);

/// <summary>An attachment as text (invitations are small iCalendar files).</summary>
public sealed record OutboxAttachment(string FileName, string ContentType, string Content);

/// <summary>Filters for <see cref="Outbox.ListAsync"/>; every one is optional.</summary>
/// <param name="To">An address among the recipients (case-insensitive).</param>
/// <param name="ProcessId">The process's own id or its full key.</param>
/// <param name="Since">Sent at or after this instant.</param>
/// <param name="Partnerships">Only emails of these partnerships' processes (null: every partnership).</param>
public sealed record OutboxQuery(string? To = null, string? ProcessId = null, DateTimeOffset? Since = null, IReadOnlySet<string>? Partnerships = null);
