using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Notifications.Rendering;
using Safeguarding.Workflows.Notifications.Sending;

namespace Safeguarding.Workflows.Notifications.Delivery;

/// <summary>
/// Takes messages off <c>{prefix}-email</c>, renders and sends them. A message holding several emails (a pack) is first
/// put back as one message per email. Per message: already in the sent table → dropped;
/// otherwise rendered, sent, recorded as sent, deleted from the queue. A failed attempt is put back on the queue, hidden
/// for the delay <see cref="DeliveryPolicy"/> decides, or moved to the poison queue and the failed table.
/// </summary>
/// <remarks>
/// Delivery is at least once with a sent-message check, so a message enqueued twice is sent once. Several hosts may run
/// workers on the same queue; the only window for a duplicate is two hosts sending the same id at the same instant.
/// Backoff delays are queue visibility timeouts, which the storage service counts in real time: a simulated clock
/// changes the timestamps (<c>sentAt</c>, <c>failedAt</c>) but never holds up a retry.
/// </remarks>
public sealed class DeliveryWorker : BackgroundService
{
    // How long a received message stays hidden while we work on it; a crashed host's messages come back after this.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private const int MaxBatch = 32;

    // How often the queue's depth is read for the metric: one storage call, cheap at this rate.
    private static readonly TimeSpan QueueDepthInterval = TimeSpan.FromSeconds(15);

    private readonly EmailQueue queue;
    private readonly EmailRenderer renderer;
    private readonly IEmailSender sender;
    private readonly SentMessages sent;
    private readonly FailedMessages failed;
    private readonly EmailOptions options;
    private readonly DeliveryPolicy policy;
    private readonly TimeProvider time;
    private readonly ILogger<DeliveryWorker> logger;
    private readonly EmailMetrics metrics;
    private readonly QueueClient poison;
    private readonly ConcurrentDictionary<string, byte> inFlight = new(StringComparer.Ordinal);

    public DeliveryWorker(
        EmailStorageNames storage,
        EmailQueue queue,
        EmailRenderer renderer,
        IEmailSender sender,
        SentMessages sent,
        FailedMessages failed,
        IOptions<EmailOptions> options,
        TimeProvider time,
        EmailMetrics metrics,
        ILogger<DeliveryWorker> logger)
    {
        (this.queue, this.renderer, this.sender, this.sent, this.failed, this.time, this.metrics, this.logger) =
            (queue, renderer, sender, sent, failed, time, metrics, logger);
        this.options = options.Value;
        policy = DeliveryPolicy.From(this.options);
        poison = storage.Queues.GetQueueClient(storage.PoisonQueue);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RunWorker)
        {
            return;
        }

        // Let the host finish starting: the first storage round trips should not hold up the web server.
        await Task.Yield();
        await EnsureStorageAsync(stoppingToken);
        Log.WorkerStarted(logger, options.ToString());
        await MeasureQueueDepthAsync(stoppingToken);
        _ = Task.Run(() => KeepMeasuringQueueDepthAsync(stoppingToken), CancellationToken.None);

        var slots = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ReceiveAndStartAsync(slots, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    Log.LoopFailed(logger, e);
                    await Delay(options.PollInterval, stoppingToken);
                }
            }
        }
        finally
        {
            // Let the messages already started finish (or see the cancellation) before the host goes away.
            for (var i = 0; i < options.Concurrency; i++)
            {
                await slots.WaitAsync(CancellationToken.None);
            }
        }
    }

    private async Task ReceiveAndStartAsync(SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await slots.WaitAsync(stoppingToken);
        var free = 1;
        while (free < MaxBatch && slots.Wait(0))
        {
            free++;
        }

        QueueMessage[] messages;
        try
        {
            messages = (await queue.Client.ReceiveMessagesAsync(free, Lease, stoppingToken)).Value;
        }
        catch
        {
            slots.Release(free);
            throw;
        }

        if (messages.Length < free)
        {
            slots.Release(free - messages.Length);
        }

        foreach (var message in messages)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await ProcessAsync(message, stoppingToken);
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None);
        }

        if (messages.Length == 0)
        {
            await queue.WaitForWorkAsync(options.PollInterval, stoppingToken);
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        IReadOnlyList<QueuedEmail> envelopes;
        try
        {
            envelopes = QueuedEmail.DecodeAll(message.Body);
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            await PoisonUnreadableAsync(message, e.Message, stoppingToken);
            return;
        }

        if (envelopes is not [var envelope])
        {
            await UnpackAsync(message, envelopes, stoppingToken);
            return;
        }

        var id = envelope.Email.Id;
        if (!inFlight.TryAdd(id, 0))
        {
            // Another copy of the same message is being sent right now: look again once it is recorded as sent.
            await IgnoreGoneAsync(queue.Client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(1), cancellationToken: stoppingToken));
            return;
        }

        try
        {
            await DeliverAsync(message, envelope, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the message reappears when its lease ends and is delivered then.
        }
        catch (Exception e)
        {
            Log.DeliveryError(logger, id, e);
        }
        finally
        {
            inFlight.TryRemove(id, out _);
        }
    }

    private async Task DeliverAsync(QueueMessage message, QueuedEmail envelope, CancellationToken stoppingToken)
    {
        var email = envelope.Email;
        var attempt = envelope.Attempts + 1;
        if (await sent.ContainsAsync(email.Id, stoppingToken))
        {
            await DeleteAsync(message, stoppingToken);
            queue.Done(email.Id);
            Log.AlreadySent(logger, email.Id);
            return;
        }

        // A message that keeps coming back without ever reaching a verdict (a host dying mid-send) is not retried forever.
        if (message.DequeueCount > 2 * options.MaxAttempts + 10)
        {
            await PoisonAsync(message, envelope with { Attempts = attempt, LastError = "The message kept returning to the queue without a result." }, stoppingToken);
            return;
        }

        RenderedEmail rendered;
        try
        {
            rendered = renderer.Render(email);
        }
        catch (EmailContentException e)
        {
            await PoisonAsync(message, envelope with { Attempts = attempt, LastError = e.Message }, stoppingToken);
            return;
        }

        try
        {
            await sender.SendAsync(rendered, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            var (statusCode, retryAfter) = Classify(e);
            var error = Describe(e);
            switch (policy.Decide(attempt, statusCode, retryAfter, Random.Shared.NextDouble()))
            {
                case DeliveryDecision.Retry retry:
                    // Visibility timeouts are whole seconds; round up so Retry-After is never undercut.
                    var delay = TimeSpan.FromSeconds(Math.Ceiling(retry.Delay.TotalSeconds));
                    await queue.Client.UpdateMessageAsync(message.MessageId, message.PopReceipt, (envelope with { Attempts = attempt, LastError = error }).Encode(), delay, stoppingToken);
                    metrics.Failed(email.Template, poisoned: false);
                    Log.WillRetry(logger, email.Id, attempt, statusCode, delay, error);
                    break;
                case DeliveryDecision.Poison verdict:
                    await PoisonAsync(message, envelope with { Attempts = attempt, LastError = $"{verdict.Reason} {error}" }, stoppingToken);
                    break;
            }

            return;
        }

        await sent.RecordAsync(email.Id, time.GetUtcNow(), stoppingToken);
        await DeleteAsync(message, stoppingToken);
        queue.Done(email.Id);
        metrics.Sent(email.Template);
        Log.Sent(logger, email.Id, email.Template, options.Provider, attempt);
    }

    /// <summary>
    /// A pack (several emails handed over in one put, see <see cref="EmailQueue"/>) becomes one message per email, so
    /// that each is tried, retried and poisoned on its own; the pack goes once they are all on the queue. Should this
    /// stop half way, the pack comes back after its lease and is unpacked again: the copies are sent once.
    /// </summary>
    private async Task UnpackAsync(QueueMessage message, IReadOnlyList<QueuedEmail> envelopes, CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                envelopes,
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken },
                async (envelope, token) => await queue.Client.SendMessageAsync(envelope.Encode(), token));
            await DeleteAsync(message, stoppingToken);
            queue.Nudge();
            Log.Unpacked(logger, message.MessageId, envelopes.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the pack reappears when its lease ends and is unpacked then.
        }
        catch (Exception e)
        {
            Log.UnpackFailed(logger, message.MessageId, envelopes.Count, e);
        }
    }

    private async Task PoisonAsync(QueueMessage message, QueuedEmail envelope, CancellationToken stoppingToken)
    {
        var email = envelope.Email;
        var lastError = envelope.LastError ?? "";
        await failed.RecordAsync(email, envelope.Attempts, lastError, time.GetUtcNow(), stoppingToken);
        await poison.SendMessageAsync(envelope.Encode(), visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), stoppingToken);
        await DeleteAsync(message, stoppingToken);
        queue.Done(email.Id);
        metrics.Failed(email.Template, poisoned: true);
        Log.Poisoned(logger, email.Id, email.Template, envelope.Attempts, lastError);
    }

    private async Task PoisonUnreadableAsync(QueueMessage message, string error, CancellationToken stoppingToken)
    {
        await poison.SendMessageAsync(message.Body.ToString(), visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), stoppingToken);
        await DeleteAsync(message, stoppingToken);
        Log.Unreadable(logger, message.MessageId, error);
    }

    private Task DeleteAsync(QueueMessage message, CancellationToken stoppingToken) =>
        IgnoreGoneAsync(queue.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken));

    // 404: the lease ran out and another worker took the message; it will find it already sent.
    private static async Task IgnoreGoneAsync(Task operation)
    {
        try
        {
            await operation;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    internal static (int? StatusCode, TimeSpan? RetryAfter) Classify(Exception exception) => exception switch
    {
        EmailDeliveryException delivery => (delivery.StatusCode, delivery.RetryAfter),
        RequestFailedException storage => (storage.Status == 0 ? null : storage.Status, null),
        HttpRequestException http => ((int?)http.StatusCode, null),
        _ => (null, null),
    };

    private static string Describe(Exception exception)
    {
        var text = exception is EmailDeliveryException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= 500 ? text : text[..500] + "…";
    }

    private async Task KeepMeasuringQueueDepthAsync(CancellationToken stoppingToken)
    {
        using var every = new PeriodicTimer(QueueDepthInterval);
        try
        {
            while (await every.WaitForNextTickAsync(stoppingToken))
            {
                await MeasureQueueDepthAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task MeasureQueueDepthAsync(CancellationToken stoppingToken)
    {
        try
        {
            metrics.QueueDepth((await queue.Client.GetPropertiesAsync(stoppingToken)).Value.ApproximateMessagesCount);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // A metric is not worth failing delivery for; the next look tries again.
            Log.QueueDepthUnknown(logger, e);
        }
    }

    private async Task EnsureStorageAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await queue.Client.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await sent.CreateIfNotExistsAsync(stoppingToken);
                await failed.CreateIfNotExistsAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.StorageNotReady(logger, delay, e);
                await Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
        }
    }

    // Polling waits in real time on purpose (see remarks): the queue's visibility timeouts do too.
    private static Task Delay(TimeSpan delay, CancellationToken stoppingToken) => Task.Delay(delay, stoppingToken);
}
