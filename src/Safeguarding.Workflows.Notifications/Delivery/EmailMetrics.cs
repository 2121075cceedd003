using System.Diagnostics.Metrics;

namespace Safeguarding.Workflows.Notifications.Delivery;

/// <summary>
/// Email delivery's metrics, on the service's meter (<see cref="MeterName"/>): emails sent and failed attempts by
/// template, and the delivery queue's depth. Tags are template names and verdicts, never an address or a case.
/// </summary>
public sealed class EmailMetrics
{
    /// <summary>The service's one meter, shared with the engine's metrics.</summary>
    public const string MeterName = "Safeguarding.Workflows";

    private readonly Counter<long> sent;
    private readonly Counter<long> failed;
    private long queueDepth = -1;

    public EmailMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        sent = meter.CreateCounter<long>("sgw.emails.sent", description: "Emails delivered to the provider, by template.");
        failed = meter.CreateCounter<long>("sgw.emails.failed", description: "Failed delivery attempts, by template and verdict (retry or poisoned).");
        meter.CreateObservableGauge("sgw.emails.queued", ObserveQueueDepth, description: "Emails waiting on the delivery queue, as storage last reported it (hosts that deliver measure it).");
    }

    public void Sent(string template) => sent.Add(1, new KeyValuePair<string, object?>("template", template));

    public void Failed(string template, bool poisoned) => failed.Add(
        1, new KeyValuePair<string, object?>("template", template), new KeyValuePair<string, object?>("verdict", poisoned ? "poisoned" : "retry"));

    /// <summary>The queue's approximate message count, from the delivery worker's last look.</summary>
    public void QueueDepth(long messages) => Interlocked.Exchange(ref queueDepth, messages);

    // Nothing until measured, so a host that does not deliver reports no depth rather than zero.
    private IEnumerable<Measurement<long>> ObserveQueueDepth() =>
        Interlocked.Read(ref queueDepth) is var depth and >= 0 ? [new Measurement<long>(depth)] : [];
}
