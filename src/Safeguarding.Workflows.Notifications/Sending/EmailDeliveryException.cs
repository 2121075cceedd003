using System.Net.Http.Headers;

namespace Safeguarding.Workflows.Notifications.Sending;

/// <summary>
/// A provider refused or failed to take a message. <see cref="StatusCode"/> is the provider's HTTP status (null for a
/// timeout or a broken connection) and <see cref="RetryAfter"/> what it asked us to wait, if anything.
/// The message must never contain the email's content.
/// </summary>
public sealed class EmailDeliveryException(string message, int? statusCode, TimeSpan? retryAfter = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public int? StatusCode { get; } = statusCode;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Reads <c>Retry-After</c> (seconds or an HTTP date) relative to <paramref name="now"/>.</summary>
    public static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Reads a raw <c>Retry-After</c> value, as Kiota hands headers over.</summary>
    public static TimeSpan? ReadRetryAfter(IEnumerable<string>? values, DateTimeOffset now) =>
        values?.FirstOrDefault() is { } value && RetryConditionHeaderValue.TryParse(value, out var header) ? ReadRetryAfter(header, now) : null;
}
