namespace Safeguarding.Workflows.Notifications.Delivery;

/// <summary>What to do with a message whose sending attempt failed.</summary>
public abstract record DeliveryDecision
{
    private DeliveryDecision()
    {
    }

    /// <summary>Hide the message for <see cref="Delay"/> and try again.</summary>
    public sealed record Retry(TimeSpan Delay) : DeliveryDecision;

    /// <summary>Stop trying: to the poison queue, with <see cref="Reason"/> recorded.</summary>
    public sealed record Poison(string Reason) : DeliveryDecision;
}

/// <summary>
/// The retry policy, as one pure function. Transient failures (no status: a timeout or a broken connection; 408; 429;
/// 5xx) are retried with exponential backoff and jitter, or after exactly the <c>Retry-After</c> the provider asked
/// for; after <see cref="MaxAttempts"/> attempts, or at once for any other status (400, 401, 403...), the message is poisoned.
/// </summary>
public sealed record DeliveryPolicy(int MaxAttempts, TimeSpan InitialBackoff, TimeSpan MaxBackoff)
{
    /// <summary>Azure Storage queues hide a message for at most seven days.</summary>
    public static readonly TimeSpan LongestDelay = EmailOptionsValidator.LongestDelay;

    public static DeliveryPolicy From(EmailOptions options) => new(options.MaxAttempts, options.InitialBackoff, options.MaxBackoff);

    public static bool IsTransient(int? statusCode) => statusCode is null or 408 or 429 or >= 500;

    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="statusCode">The provider's HTTP status; null for a timeout or a connection failure.</param>
    /// <param name="retryAfter">The provider's <c>Retry-After</c>, if it sent one.</param>
    /// <param name="jitter">A random number in [0, 1): spreads retries so failed messages do not all come back together.</param>
    public DeliveryDecision Decide(int attempt, int? statusCode, TimeSpan? retryAfter, double jitter)
    {
        if (!IsTransient(statusCode))
        {
            return new DeliveryDecision.Poison($"Permanent failure: HTTP {statusCode}.");
        }

        if (attempt >= MaxAttempts)
        {
            return new DeliveryDecision.Poison($"Gave up after {attempt} attempt{(attempt == 1 ? "" : "s")}.");
        }

        if (retryAfter is { } asked)
        {
            return new DeliveryDecision.Retry(Clamp(asked, TimeSpan.Zero, LongestDelay));
        }

        // "Equal jitter": half the exponential delay for sure, the other half at random.
        var exponential = InitialBackoff * Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        var ceiling = Clamp(exponential, TimeSpan.Zero, MaxBackoff);
        return new DeliveryDecision.Retry(ceiling / 2 + ceiling / 2 * Math.Clamp(jitter, 0, 1));
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
