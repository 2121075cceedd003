using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications;
using Safeguarding.Workflows.Notifications.Delivery;

namespace Safeguarding.Workflows.Bench.Email;

/// <summary>
/// Email delivery throughput with the Outbox provider: each message is a queue put, a queue receive, a sent-table read,
/// a render, an outbox blob write, a sent-table write and a queue delete.
/// </summary>
public static class EmailBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"email: {options.Count} messages, concurrency {options.Concurrency}, {Environment.ProcessorCount} cores");
        var live = await RunOnceAsync(options, enqueueFirst: false);
        Console.WriteLine($"  enqueued:         {Rate(options.Count, live.Enqueue)}  ({live.Enqueue.TotalSeconds:F1} s, worker running)");
        Console.WriteLine($"  end to end:       {Rate(options.Count, live.Deliver)}  ({live.Deliver.TotalSeconds:F1} s, first enqueue to last message sent)");
        var raw = await RawStorageAsync(options);
        Console.WriteLine($"  raw storage calls: {Rate(options.Count, raw)}  ({raw.TotalSeconds:F1} s, the same queue/table/blob calls made directly: the ceiling)");
        Console.WriteLine($"  end to end is {100 * raw.TotalSeconds / live.Deliver.TotalSeconds:F0} % of the raw rate");
        if (options.Drain)
        {
            var drain = await RunOnceAsync(options, enqueueFirst: true);
            Console.WriteLine($"  drain a backlog:  {Rate(options.Count, drain.Deliver)}  ({drain.Deliver.TotalSeconds:F1} s, worker started on a full queue)");
        }

        return 0;
    }

    private static string Rate(int count, TimeSpan elapsed) => $"{count / elapsed.TotalSeconds,8:F0} messages/s";

    private static async Task<(TimeSpan Enqueue, TimeSpan Deliver)> RunOnceAsync(BenchOptions options, bool enqueueFirst)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = options.ConnectionString,
            ["Storage:Prefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
            ["Email:Provider"] = "Outbox",
            ["Email:Concurrency"] = options.Concurrency.ToString(),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddEmailDelivery(configuration).BuildServiceProvider();
        var queue = services.GetRequiredService<EmailQueue>();
        var worker = services.GetRequiredService<DeliveryWorker>();
        var storage = services.GetRequiredService<EmailStorageNames>();
        await storage.Queues.GetQueueClient(storage.Queue).CreateIfNotExistsAsync();

        var enqueue = TimeSpan.Zero;
        if (enqueueFirst)
        {
            enqueue = await EnqueueAllAsync(queue, options.Count);
            await worker.StartAsync(CancellationToken.None);
        }
        else
        {
            await worker.StartAsync(CancellationToken.None);
            await Task.Delay(500); // let it create its tables and start polling
        }

        var stopwatch = Stopwatch.StartNew();
        if (!enqueueFirst)
        {
            enqueue = await EnqueueAllAsync(queue, options.Count);
        }

        var idle = await queue.WaitUntilIdleAsync(TimeSpan.FromMinutes(15));
        var deliver = stopwatch.Elapsed;
        await worker.StopAsync(CancellationToken.None);
        if (!idle)
        {
            throw new TimeoutException($"{queue.Pending} messages were still undelivered after 15 minutes.");
        }

        var failed = await services.GetRequiredService<FailedMessages>().ListAsync(CancellationToken.None);
        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"{failed.Count} messages failed, for example: {failed[0].LastError}");
        }

        await DeleteAsync(storage);
        return (enqueue, deliver);
    }

    /// <summary>
    /// The storage calls one delivered message costs, made directly with the SDK and no delivery code: a queue put, a
    /// share of a 32-message receive, a table read, a blob upload, a table upsert and a queue delete.
    /// </summary>
    private static async Task<TimeSpan> RawStorageAsync(BenchOptions options)
    {
        var storage = EmailStorageNames.FromConnectionString(options.ConnectionString, "raw" + Guid.NewGuid().ToString("N")[..8]);
        var queue = storage.Queues.GetQueueClient(storage.Queue);
        var table = storage.Tables.GetTableClient(storage.SentTable);
        var container = storage.Blobs.GetBlobContainerClient(storage.OutboxContainer);
        await queue.CreateAsync();
        await table.CreateAsync();
        await container.CreateAsync();
        var body = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(new string('x', 900)));
        var page = BinaryData.FromString(new string('y', 6000));
        var done = 0;

        var stopwatch = Stopwatch.StartNew();
        var producer = Parallel.ForAsync(0, options.Count, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) => await queue.SendMessageAsync(body, ct));
        var consumers = Enumerable.Range(0, Math.Max(1, options.Concurrency / 8)).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref done) < options.Count)
            {
                var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
                if (messages.Length == 0)
                {
                    await Task.Delay(10);
                    continue;
                }

                await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (message, ct) =>
                {
                    var key = message.MessageId;
                    await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(key, "sent", cancellationToken: ct);
                    await container.GetBlobClient(key + ".json").UploadAsync(page, overwrite: true, ct);
                    await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity(key, "sent") { ["SentAt"] = DateTimeOffset.UtcNow }, cancellationToken: ct);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                    Interlocked.Increment(ref done);
                });
            }
        })).ToList();
        await producer;
        await Task.WhenAll(consumers);
        var elapsed = stopwatch.Elapsed;

        await queue.DeleteAsync();
        await table.DeleteAsync();
        await container.DeleteAsync();
        return elapsed;
    }

    private static async Task<TimeSpan> EnqueueAllAsync(EmailQueue queue, int count)
    {
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            await queue.EnqueueAsync(Message(i), ct));
        return stopwatch.Elapsed;
    }

    private static OutgoingEmail Message(int i) => new(
        $"bench/rapid-review/rr-{i / 10}/reminder-{i}",
        "solihull",
        $"solihull/rapid-review/rr-{i / 10}",
        "common/deadline-reminder",
        [new EmailRecipient("Safeguarding Lead", $"lead{i % 50}@agency.example")],
        new Dictionary<string, string>
        {
            ["partnershipName"] = "Solihull Safeguarding Children Partnership",
            ["reference"] = $"RR-2026-{i:D5}",
            ["processName"] = "rapid review",
            ["deadlineName"] = "Agency summaries",
            ["dueOn"] = "2026-12-01",
            ["link"] = $"/forms/solihull/rapid-reviews/rr-{i / 10}/agency-summary",
        },
        DateTimeOffset.UtcNow);

    private static async Task DeleteAsync(EmailStorageNames storage)
    {
        await storage.Queues.GetQueueClient(storage.Queue).DeleteIfExistsAsync();
        await storage.Queues.GetQueueClient(storage.PoisonQueue).DeleteIfExistsAsync();
        await storage.Blobs.GetBlobContainerClient(storage.OutboxContainer).DeleteIfExistsAsync();
        await storage.Tables.GetTableClient(storage.SentTable).DeleteAsync();
        await storage.Tables.GetTableClient(storage.FailedTable).DeleteAsync();
    }
}
