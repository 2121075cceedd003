using Microsoft.Extensions.Logging;

namespace Safeguarding.Workflows.Notifications;

/// <summary>
/// Email log lines, event ids 4000-4099. They name message ids, templates and provider statuses only: never a
/// recipient, a subject or a body, and so never anything that could identify a child.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Queued email {MessageId} ({Template})")]
    public static partial void Enqueued(ILogger logger, string messageId, string template);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Sent email {MessageId} ({Template}) through {Provider} on attempt {Attempt}")]
    public static partial void Sent(ILogger logger, string messageId, string template, EmailProvider provider, int attempt);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Email {MessageId} was already sent; this copy is dropped")]
    public static partial void AlreadySent(ILogger logger, string messageId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Email {MessageId} attempt {Attempt} failed (status {StatusCode}); retrying in {Delay}: {Error}")]
    public static partial void WillRetry(ILogger logger, string messageId, int attempt, int? statusCode, TimeSpan delay, string error);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Email {MessageId} ({Template}) moved to the poison queue after {Attempts} attempt(s): {Error}")]
    public static partial void Poisoned(ILogger logger, string messageId, string template, int attempts, string error);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Queue message {QueueMessageId} is not an email and was moved to the poison queue: {Error}")]
    public static partial void Unreadable(ILogger logger, string queueMessageId, string error);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "The email delivery loop failed; it carries on after the poll interval")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Email storage is not reachable yet; retrying in {Delay}")]
    public static partial void StorageNotReady(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Delivering email {MessageId} failed outside the provider; the queue will offer it again")]
    public static partial void DeliveryError(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Email delivery started: {Options}")]
    public static partial void WorkerStarted(ILogger logger, string options);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Outlook event for invitation {InviteUid} {Action} (sequence {Sequence})")]
    public static partial void CalendarSynced(ILogger logger, string inviteUid, string action, int sequence);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Could not read the email queue's depth for the metric; trying again later")]
    public static partial void QueueDepthUnknown(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Debug, Message = "Queue message {QueueMessageId} held {Count} emails handed over together; each is now its own message")]
    public static partial void Unpacked(ILogger logger, string queueMessageId, int count);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "Queue message {QueueMessageId} holds {Count} emails and could not be split yet; the queue will offer it again")]
    public static partial void UnpackFailed(ILogger logger, string queueMessageId, int count, Exception exception);
}
