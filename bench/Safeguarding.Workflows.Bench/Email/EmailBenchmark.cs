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
