using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Rendering;

namespace Safeguarding.Workflows.Notifications.Delivery;

/// <summary>
/// The durable way to send an email: puts the message on the Azure Storage queue <c>{prefix}-email</c>, from which the
/// <see cref="DeliveryWorker"/> of any host delivers it. Enqueuing the same message id twice is safe: it is sent once.
/// </summary>
/// <remarks>
/// <para>
/// Emails handed over while a put is already under way wait for it and then go together, as one queue message holding
/// them all (a pack, up to <see cref="MaxPackJsonBytes"/>), so when deadlines fall due faster than the queue answers
/// (or the queue stalls) one put carries many emails instead of each waiting for its own. At a quiet moment each email
/// is its own message, as before. The <see cref="DeliveryWorker"/> turns a pack back into one message per email before
/// delivering, so retries and poisoning stay per email (docs/decisions/email-hand-over-packs.md).
/// </para>
/// It also keeps an in-process count of the messages this process enqueued and that are not yet sent or poisoned, so the
/// simulated clock can wait for the email a jump in time caused (<see cref="WaitUntilIdleAsync"/>), and it wakes the
/// worker at once instead of at its next poll.
/// </remarks>
public sealed class EmailQueue
{
    // Azure Storage refuses messages over 64 KiB; base64 costs a third of that.
    private const int MaxEncodedLength = 64 * 1024;

    // A pack's JSON, so that its base64 stays within MaxEncodedLength.
    internal const int MaxPackJsonBytes = MaxEncodedLength / 4 * 3;

    private readonly QueueClient queue;
    private readonly ILogger<EmailQueue> logger;
    private readonly SemaphoreSlim wake = new(0);
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> outstanding = new(StringComparer.Ordinal);
    private int pending;
    private TaskCompletionSource idle = Completed();

    // Emails waiting for the put under way to finish, and whether one is (see remarks).
    private readonly Lock packGate = new();
    private readonly Queue<Waiting> waiting = new();
    private bool putting;

    public EmailQueue(EmailStorageNames storage, ILogger<EmailQueue> logger)
    {
        queue = storage.Queues.GetQueueClient(storage.Queue);
        this.logger = logger;
    }

    /// <summary>Messages enqueued by this process that are neither sent nor poisoned yet.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return pending;
            }
        }
    }

    /// <summary>Queues <paramref name="email"/> for delivery. Throws <see cref="EmailContentException"/> for a refused value (<see cref="SensitiveValues"/>).</summary>
    public async Task EnqueueAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        SensitiveValues.Guard(email);
        var json = new QueuedEmail(email).ToJson();
        if (json.Length > MaxPackJsonBytes)
        {
            throw new EmailContentException($"Email '{email.Id}' is too large for the delivery queue ({json.Length} bytes of JSON).");
        }

        Track(email.Id);
        try
        {
            await HandOverAsync(json).WaitAsync(cancellationToken);
        }
        catch
        {
            Done(email.Id);
            throw;
        }

        Log.Enqueued(logger, email.Id, email.Template);
        Nudge();
    }

    /// <summary>Ends the worker's wait between polls: there is something on the queue.</summary>
    internal void Nudge()
    {
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    /// <summary>
    /// True once every message this process enqueued has been sent or poisoned; false if that has not happened within
    /// <paramref name="timeout"/>. Messages enqueued by other hosts are not counted.
    /// </summary>
    public async Task<bool> WaitUntilIdleAsync(TimeSpan timeout)
    {
        Task signal;
        lock (gate)
        {
            if (pending == 0)
            {
                return true;
            }

            signal = idle.Task;
        }

        try
        {
            await signal.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return Pending == 0;
        }
    }

    /// <summary>The worker's wait between polls: ends early when this process enqueues something.</summary>
    internal async Task WaitForWorkAsync(TimeSpan pollInterval, CancellationToken cancellationToken) =>
        await wake.WaitAsync(pollInterval, cancellationToken);

    /// <summary>The worker finished with one copy of a message: sent, found already sent, or poisoned.</summary>
    internal void Done(string id)
    {
        lock (gate)
        {
            if (!outstanding.TryGetValue(id, out var copies))
            {
                return;
            }

            if (copies == 1)
            {
                outstanding.Remove(id);
            }
            else
            {
                outstanding[id] = copies - 1;
            }

            if (--pending == 0)
            {
                idle.TrySetResult();
            }
        }
    }

    internal QueueClient Client => queue;

    private Task HandOverAsync(byte[] json)
    {
        var email = new Waiting(json, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (packGate)
        {
            waiting.Enqueue(email);
            if (putting)
            {
                return email.HandedOver.Task;
            }

            putting = true;
        }

        _ = Task.Run(PutWaitingAsync);
        return email.HandedOver.Task;
    }

    // One put at a time: everything that arrived meanwhile goes in the next, packed up to the size a message allows.
    private async Task PutWaitingAsync()
    {
        while (true)
        {
            var pack = new List<Waiting>();
            lock (packGate)
            {
                var bytes = 2;
                while (waiting.TryPeek(out var next) && (pack.Count == 0 || bytes + next.Json.Length + 1 <= MaxPackJsonBytes))
                {
                    pack.Add(waiting.Dequeue());
                    bytes += next.Json.Length + 1;
                }

                if (pack.Count == 0)
                {
                    putting = false;
                    return;
                }
            }

            try
            {
                await SendAsync(QueuedEmail.EncodePack(pack.ConvertAll(e => e.Json)), CancellationToken.None);
                pack.ForEach(e => e.HandedOver.TrySetResult());
            }
            catch (Exception e)
            {
                // Each caller keeps its email and tries again (a process grain on its next wake).
                pack.ForEach(w => w.HandedOver.TrySetException(e));
            }
        }
    }

    private async Task SendAsync(string body, CancellationToken cancellationToken)
    {
        try
        {
            await queue.SendMessageAsync(body, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // First message on a fresh prefix: the worker may not have created the queue yet.
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await queue.SendMessageAsync(body, cancellationToken);
        }
    }

    private void Track(string id)
    {
        lock (gate)
        {
            outstanding[id] = outstanding.GetValueOrDefault(id) + 1;
            if (pending++ == 0)
            {
                idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private sealed record Waiting(byte[] Json, TaskCompletionSource HandedOver);

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
