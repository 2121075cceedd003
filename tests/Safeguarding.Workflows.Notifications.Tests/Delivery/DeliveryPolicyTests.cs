using Safeguarding.Workflows.Notifications.Delivery;

namespace Safeguarding.Workflows.Notifications.Tests.Delivery;

public sealed class DeliveryPolicyTests
{
    private static readonly DeliveryPolicy Policy = new(MaxAttempts: 8, InitialBackoff: TimeSpan.FromSeconds(5), MaxBackoff: TimeSpan.FromHours(1));

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    public void Permanent_failures_are_poisoned_at_once(int status)
    {
        var decision = Policy.Decide(attempt: 1, status, retryAfter: null, jitter: 0.5);

        var poison = Assert.IsType<DeliveryDecision.Poison>(decision);
        Assert.Contains(status.ToString(), poison.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void Transient_failures_are_retried(int? status)
    {
        Assert.IsType<DeliveryDecision.Retry>(Policy.Decide(attempt: 1, status, retryAfter: null, jitter: 0.5));
    }

    [Theory]
    [InlineData(7, typeof(DeliveryDecision.Retry))]
    [InlineData(8, typeof(DeliveryDecision.Poison))]
    [InlineData(9, typeof(DeliveryDecision.Poison))]
    public void After_the_last_attempt_a_transient_failure_is_poisoned(int attempt, Type expected)
    {
        Assert.IsType(expected, Policy.Decide(attempt, 503, retryAfter: null, jitter: 0.5));
    }

    // Equal jitter: the delay lies between half and all of min(initial * 2^(attempt-1), max).
    [Theory]
    [InlineData(1, 0.0, 2.5)]
    [InlineData(1, 1.0, 5)]
    [InlineData(2, 0.0, 5)]
    [InlineData(3, 0.5, 15)]
    [InlineData(4, 1.0, 40)]
    [InlineData(7, 0.0, 160)]
    public void Backoff_doubles_with_each_attempt_with_jitter(int attempt, double jitter, double expectedSeconds)
    {
        var retry = Assert.IsType<DeliveryDecision.Retry>(Policy.Decide(attempt, 500, retryAfter: null, jitter));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), retry.Delay);
    }

    [Fact]
    public void Backoff_never_exceeds_the_maximum()
    {
        var policy = Policy with { MaxAttempts = 100 };

        var retry = Assert.IsType<DeliveryDecision.Retry>(policy.Decide(attempt: 40, 500, retryAfter: null, jitter: 1.0));

        Assert.Equal(TimeSpan.FromHours(1), retry.Delay);
    }

    [Theory]
    [InlineData(429, 30)]
    [InlineData(503, 120)]
    [InlineData(429, 7200)] // longer than MaxBackoff: the provider knows best
    [InlineData(429, 0)]
    public void Retry_after_is_honoured_exactly(int status, int seconds)
    {
        var retry = Assert.IsType<DeliveryDecision.Retry>(Policy.Decide(attempt: 2, status, TimeSpan.FromSeconds(seconds), jitter: 0.9));

        Assert.Equal(TimeSpan.FromSeconds(seconds), retry.Delay);
    }

    [Fact]
    public void Retry_after_is_clamped_to_what_a_queue_can_hide()
    {
        var retry = Assert.IsType<DeliveryDecision.Retry>(Policy.Decide(attempt: 1, 429, TimeSpan.FromDays(30), jitter: 0));

        Assert.True(retry.Delay < TimeSpan.FromDays(7));
        Assert.Equal(TimeSpan.Zero, Assert.IsType<DeliveryDecision.Retry>(Policy.Decide(1, 429, TimeSpan.FromSeconds(-5), 0)).Delay);
    }

    [Fact]
    public void Retry_after_does_not_save_a_message_on_its_last_attempt()
    {
        Assert.IsType<DeliveryDecision.Poison>(Policy.Decide(attempt: 8, 429, TimeSpan.FromSeconds(1), jitter: 0));
    }

    [Fact]
    public void A_single_attempt_policy_poisons_the_first_failure()
    {
        var poison = Assert.IsType<DeliveryDecision.Poison>((Policy with { MaxAttempts = 1 }).Decide(1, 503, null, 0));

        Assert.Equal("Gave up after 1 attempt.", poison.Reason);
    }
}
