using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Notifications.Sending;

namespace Safeguarding.Workflows.Notifications.Tests.Delivery;

/// <summary>The delivery worker's metrics: emails sent, failed attempts by verdict, and the queue's depth.</summary>
public sealed class EmailMetricsTests
{
    [Fact]
    public async Task Sent_failed_and_queued_emails_are_measured()
    {
        var sender = new ScriptedSender((call, _) => call == 1 ? new EmailDeliveryException("busy", 503) : null);
        await using var harness = new DeliveryHarness(sender, new Dictionary<string, string?> { ["Email:MaxAttempts"] = "5" });
        var measured = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = Listen(harness.Services.GetRequiredService<IMeterFactory>(), measured);

        await harness.Queue.EnqueueAsync(Messages.Notice(id: "metrics/1"), CancellationToken.None);
        await harness.Queue.EnqueueAsync(Messages.Notice(id: "metrics/2"), CancellationToken.None);
        await harness.StartAsync();
        await harness.IdleAsync();
        listener.RecordObservableInstruments();

        lock (measured)
        {
            Assert.Equal(2, measured.Where(m => m.Instrument == "sgw.emails.sent").Sum(m => m.Value));
            Assert.All(measured.Where(m => m.Instrument == "sgw.emails.sent"), m => Assert.Equal("test/notice", m.Tags["template"]));
            var failure = Assert.Single(measured, m => m.Instrument == "sgw.emails.failed");
            Assert.Equal("retry", failure.Tags["verdict"]);

            // Read when the worker started, before it took anything off the queue.
            var depth = Assert.Single(measured, m => m.Instrument == "sgw.emails.queued");
            Assert.Equal(2, depth.Value);
        }
    }

    [Fact]
    public async Task A_poisoned_email_is_counted_as_failed_with_that_verdict()
    {
        var sender = new ScriptedSender((_, _) => new EmailDeliveryException("Bad request.", 400));
        await using var harness = new DeliveryHarness(sender);
        var measured = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = Listen(harness.Services.GetRequiredService<IMeterFactory>(), measured);

        await harness.StartAsync();
        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();

        lock (measured)
        {
            var failure = Assert.Single(measured, m => m.Instrument == "sgw.emails.failed");
            Assert.Equal("poisoned", failure.Tags["verdict"]);
            Assert.DoesNotContain(measured, m => m.Instrument == "sgw.emails.sent");
        }
    }

    // Only this harness's meters: other tests in the run publish on the same meter name.
    private static MeterListener Listen(IMeterFactory scope, List<(string Instrument, long Value, Dictionary<string, object?> Tags)> measured)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == scope)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copied = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copied[tag.Key] = tag.Value;
            }

            lock (measured)
            {
                measured.Add((instrument.Name, value, copied));
            }
        });
        listener.Start();
        return listener;
    }
}
