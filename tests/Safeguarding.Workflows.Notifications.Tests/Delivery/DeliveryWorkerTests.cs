using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Azure.Storage.Queues;
using Microsoft.Extensions.Time.Testing;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Notifications.Sending;
using Safeguarding.Workflows.Notifications.Sending.Outbox;

namespace Safeguarding.Workflows.Notifications.Tests.Delivery;

/// <summary>The worker end to end through Azurite queues and tables, with a scripted provider.</summary>
public sealed class DeliveryWorkerTests
{
    [Fact]
    public async Task Delivers_an_enqueued_message_and_records_it_as_sent()
    {
        var sender = new ScriptedSender();
        await using var harness = new DeliveryHarness(sender);
        await harness.StartAsync();

        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();

        var delivered = Assert.Single(sender.Delivered);
        Assert.Equal("solihull/rapid-review/rr-1/test-notice", delivered.Id);
        Assert.Equal("Solihull Safeguarding Children Partnership: test notice RR-2026-014", delivered.Subject);
        Assert.True(await harness.Sent.ContainsAsync(delivered.Id, CancellationToken.None));
        Assert.Equal(0, await QueueLengthAsync(harness.Storage, harness.Storage.Queue));
    }

    [Fact]
    public async Task A_message_enqueued_twice_is_sent_once()
    {
        var sender = new ScriptedSender();
        await using var harness = new DeliveryHarness(sender);
        await harness.StartAsync();

        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();

        Assert.Single(sender.Calls);
        Assert.Equal(0, await QueueLengthAsync(harness.Storage, harness.Storage.Queue));
    }

    [Fact]
    public async Task Copies_enqueued_before_the_worker_starts_are_sent_once()
    {
        // The worker receives all copies in one batch and works on them concurrently.
        var sender = new ScriptedSender();
        await using var harness = new DeliveryHarness(sender);
        for (var i = 0; i < 5; i++)
        {
            await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        }

        await harness.StartAsync();
        await harness.IdleAsync();

        Assert.Single(sender.Calls);
    }

    [Fact]
    public async Task A_message_already_in_the_sent_table_is_not_sent_again()
    {
        var sender = new ScriptedSender();
        await using var harness = new DeliveryHarness(sender);
        await harness.StartAsync();
        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();

        // Another host (or a restart) puts the same message on the queue again.
        await using var second = new DeliveryHarness(sender, storage: harness.Storage);
        await second.StartAsync();
        await second.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await second.IdleAsync();

        Assert.Single(sender.Calls);
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_the_message_is_sent()
    {
        var sender = new ScriptedSender((call, _) => call <= 2 ? new EmailDeliveryException("busy", 503) : null);
        await using var harness = new DeliveryHarness(sender, new Dictionary<string, string?> { ["Email:MaxAttempts"] = "5" });
        await harness.StartAsync();

        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();

        Assert.Equal(3, sender.Calls.Count);
        Assert.Single(sender.Delivered);
        Assert.Empty(await harness.Failed.ListAsync(CancellationToken.None));
        Assert.Equal(0, await QueueLengthAsync(harness.Storage, harness.Storage.PoisonQueue));
    }

    [Fact]
    public async Task Timeouts_and_unexpected_errors_are_retried_too()
    {
        var sender = new ScriptedSender((call, _) => call switch
        {
            1 => new TimeoutException(),
            2 => new HttpRequestException("connection reset"),
            _ => null,
        });
        await using var harness = new DeliveryHarness(sender, new Dictionary<string, string?> { ["Email:MaxAttempts"] = "5" });
        await harness.StartAsync();

        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();

        Assert.Equal(3, sender.Calls.Count);
        Assert.Single(sender.Delivered);
    }

    [Fact]
    public async Task Retry_after_holds_the_message_back_for_as_long_as_asked()
    {
        var sender = new ScriptedSender((call, _) => call == 1 ? new EmailDeliveryException("slow down", 429, TimeSpan.FromSeconds(2)) : null);
        await using var harness = new DeliveryHarness(sender);
        await harness.StartAsync();

        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();

        var calls = sender.Calls.ToArray();
        Assert.Equal(2, calls.Length);
        var waited = calls[1].At - calls[0].At;
        Assert.True(waited >= TimeSpan.FromSeconds(1.9), $"The retry came after {waited}, before the 2 s Retry-After.");
    }

    [Fact]
    public async Task Backoff_hides_the_message_between_attempts()
    {
        var sender = new ScriptedSender((call, _) => call == 1 ? new EmailDeliveryException("busy", 500) : null);
        var settings = new Dictionary<string, string?> { ["Email:InitialBackoff"] = "00:00:02", ["Email:MaxBackoff"] = "00:00:02" };
        await using var harness = new DeliveryHarness(sender, settings);
        await harness.StartAsync();

        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();

        var calls = sender.Calls.ToArray();
        // Equal jitter on a 2 s ceiling: at least 1 s (rounded up to whole seconds by the queue).
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.9), $"The retry came after {calls[1].At - calls[0].At}.");
    }

    [Fact]
    public async Task After_the_last_attempt_the_message_is_poisoned_and_listed_with_its_error()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.Zero));
        var sender = new ScriptedSender((_, _) => new EmailDeliveryException("SendGrid answered HTTP 500.", 500));
        await using var harness = new DeliveryHarness(sender, time: time);
        await harness.StartAsync();

        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();

        Assert.Equal(3, sender.Calls.Count);
        var failed = Assert.Single(await harness.Failed.ListAsync(CancellationToken.None));
        Assert.Equal("solihull/rapid-review/rr-1/test-notice", failed.Id);
        Assert.Equal("rr-1", failed.ProcessId);
        Assert.Equal("test/notice", failed.Kind);
        Assert.Equal(3, failed.Attempts);
        Assert.Contains("HTTP 500", failed.LastError);
        Assert.Equal(time.GetUtcNow(), failed.FailedAt);
        Assert.False(await harness.Sent.ContainsAsync(failed.Id, CancellationToken.None));
        Assert.Equal(0, await QueueLengthAsync(harness.Storage, harness.Storage.Queue));

        var poisoned = await PoisonMessagesAsync(harness.Storage);
        var trail = Assert.Single(poisoned);
        Assert.Contains("\"attempts\":3", trail);
        Assert.Contains("test/notice", trail);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_permanent_failure_is_poisoned_at_once(int status)
    {
        var sender = new ScriptedSender((_, _) => new EmailDeliveryException($"HTTP {status}", status));
        await using var harness = new DeliveryHarness(sender, new Dictionary<string, string?> { ["Email:MaxAttempts"] = "8" });
        await harness.StartAsync();

        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();

        Assert.Single(sender.Calls);
        var failed = Assert.Single(await harness.Failed.ListAsync(CancellationToken.None));
        Assert.Equal(1, failed.Attempts);
        Assert.Contains($"HTTP {status}", failed.LastError);
    }

    [Fact]
    public async Task A_message_its_template_cannot_render_is_poisoned_without_being_sent()
    {
        var sender = new ScriptedSender();
        await using var harness = new DeliveryHarness(sender);
        await harness.StartAsync();

        var missingNote = Messages.Notice(values: new Dictionary<string, string> { ["reference"] = "RR-2026-014", ["link"] = "/forms/x" });
        await harness.Queue.EnqueueAsync(missingNote, CancellationToken.None);
        await harness.Queue.EnqueueAsync(Messages.Notice(id: "unknown-template") with { Template = "no/such-template" }, CancellationToken.None);
        await harness.IdleAsync();

        Assert.Empty(sender.Calls);
        var failed = await harness.Failed.ListAsync(CancellationToken.None);
        Assert.Equal(2, failed.Count);
        Assert.Contains(failed, f => f.LastError.Contains("'note'", StringComparison.Ordinal));
        Assert.Contains(failed, f => f.LastError.Contains("no/such-template", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retried_failed_message_is_sent_and_leaves_the_failed_list()
    {
        var failing = true;
        var sender = new ScriptedSender((_, _) => failing ? new EmailDeliveryException("HTTP 401", 401) : null);
        await using var harness = new DeliveryHarness(sender);
        await harness.StartAsync();
        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();
        Assert.Single(await harness.Failed.ListAsync(CancellationToken.None));

        failing = false; // the API key was fixed
        Assert.True(await harness.Failed.RetryAsync("solihull/rapid-review/rr-1/test-notice", CancellationToken.None));
        await harness.IdleAsync();

        Assert.Single(sender.Delivered);
        Assert.Empty(await harness.Failed.ListAsync(CancellationToken.None));
        Assert.False(await harness.Failed.RetryAsync("no-such-message", CancellationToken.None));
    }

    [Fact]
    public async Task The_worker_wakes_at_once_on_an_enqueue_in_this_process()
    {
        var sender = new ScriptedSender();
        await using var harness = new DeliveryHarness(sender, new Dictionary<string, string?> { ["Email:PollInterval"] = "00:05:00" });
        await harness.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1)); // the worker has polled once and is now waiting

        var stopwatch = Stopwatch.StartNew();
        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync(seconds: 20);

        Assert.Single(sender.Delivered);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"Delivery took {stopwatch.Elapsed} with a 5 minute poll interval.");
    }

    [Fact]
    public async Task Sent_at_comes_from_the_injected_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var harness = new DeliveryHarness(time: time);
        await harness.StartAsync();

        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();

        var entry = Assert.Single(await harness.Outbox.ListAsync(new OutboxQuery(), CancellationToken.None));
        Assert.Equal(time.GetUtcNow(), entry.SentAt);
    }

    [Fact]
    public async Task A_queue_message_that_is_not_an_email_goes_to_the_poison_queue_and_delivery_carries_on()
    {
        var sender = new ScriptedSender();
        await using var harness = new DeliveryHarness(sender);
        var queue = harness.Storage.Queues.GetQueueClient(harness.Storage.Queue);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("not an email")));
        await harness.StartAsync();

        await harness.Queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await harness.IdleAsync();

        Assert.Single(sender.Delivered);
        await WaitForAsync(async () => (await PoisonMessagesAsync(harness.Storage)).Count == 1);
        Assert.Equal("not an email", Assert.Single(await PoisonMessagesAsync(harness.Storage)));
        await WaitForAsync(async () => await QueueLengthAsync(harness.Storage, harness.Storage.Queue) == 0);
    }

    [Fact]
    public async Task Delivery_through_the_outbox_provider_end_to_end()
    {
        await using var harness = new DeliveryHarness();
        await harness.StartAsync();

        await harness.Queue.EnqueueAsync(Messages.Notice(invite: Messages.Invite()), CancellationToken.None);
        await harness.IdleAsync();

        var entry = Assert.Single(await harness.Outbox.ListAsync(new OutboxQuery(), CancellationToken.None));
        Assert.Equal(["lead@agency.example"], entry.To);
        Assert.Contains("http://localhost:7071/forms/solihull/rapid-reviews/rr-1", entry.Body);
        var invite = Assert.Single(entry.Attachments);
        Assert.Equal("invite.ics", invite.FileName);
        Assert.Contains("METHOD:REQUEST", invite.Content);
    }

    [Fact]
    public async Task Emails_handed_over_together_travel_packed_and_each_is_sent_once()
    {
        var failedOnce = new ConcurrentDictionary<string, byte>();
        var sender = new ScriptedSender((_, email) => email.Id.EndsWith("0/test-notice", StringComparison.Ordinal) && failedOnce.TryAdd(email.Id, 0)
            ? new EmailDeliveryException("busy", 503)
            : null);
        await using var harness = new DeliveryHarness(sender);
        var ids = Enumerable.Range(0, 120).Select(i => $"solihull/rapid-review/rr-{i}/test-notice").ToList();

        // As when many deadlines fall due at once: the first put is under way while the rest are handed over.
        await Task.WhenAll(ids.Select(id => harness.Queue.EnqueueAsync(Messages.Notice(id), CancellationToken.None)));
        var messages = await QueueLengthAsync(harness.Storage, harness.Storage.Queue);
        Assert.InRange(messages, 2, ids.Count / 2);

        await harness.StartAsync();
        await harness.IdleAsync(60);

        // Each unpacked email is tried, retried (one in ten fails once) and recorded on its own.
        Assert.Equal(ids.Order(), sender.Delivered.Select(e => e.Id).Order());
        Assert.Equal(12, sender.Calls.Count(c => !c.Succeeded));
        foreach (var id in ids)
        {
            Assert.True(await harness.Sent.ContainsAsync(id, CancellationToken.None));
        }

        await WaitForAsync(async () => await QueueLengthAsync(harness.Storage, harness.Storage.Queue) == 0);
    }

    [Fact]
    public async Task A_pack_that_comes_back_after_a_crash_sends_nothing_twice()
    {
        // A host died after unpacking: the pack returns beside the single messages it had already put back.
        var sender = new ScriptedSender();
        await using var harness = new DeliveryHarness(sender);
        var emails = new[] { Messages.Notice("solihull/rapid-review/rr-1/a"), Messages.Notice("solihull/rapid-review/rr-1/b"), Messages.Notice("solihull/rapid-review/rr-1/c") };
        var pack = QueuedEmail.EncodePack([.. emails.Select(e => new QueuedEmail(e).ToJson())]);
        var queue = harness.Storage.Queues.GetQueueClient(harness.Storage.Queue);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(pack);
        await queue.SendMessageAsync(new QueuedEmail(emails[0]).Encode());
        await queue.SendMessageAsync(new QueuedEmail(emails[1]).Encode());

        await harness.StartAsync();
        await WaitForAsync(async () => sender.Delivered.Count() == 3 && await QueueLengthAsync(harness.Storage, harness.Storage.Queue) == 0);

        Assert.Equal(["solihull/rapid-review/rr-1/a", "solihull/rapid-review/rr-1/b", "solihull/rapid-review/rr-1/c"], sender.Delivered.Select(e => e.Id).Order());
        Assert.Equal(3, sender.Calls.Count);
    }

    internal static async Task<int> QueueLengthAsync(EmailStorageNames storage, string name)
    {
        var properties = await storage.Queues.GetQueueClient(name).GetPropertiesAsync();
        return properties.Value.ApproximateMessagesCount;
    }

    private static async Task<List<string>> PoisonMessagesAsync(EmailStorageNames storage)
    {
        var poison = storage.Queues.GetQueueClient(storage.PoisonQueue);
        var peeked = await poison.PeekMessagesAsync(32);
        return [.. peeked.Value.Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Body.ToString())))];
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(await condition());
    }
}
