using System.Diagnostics;
using Azure.Data.Tables;
using Safeguarding.Workflows.Bench.Hosting;

namespace Safeguarding.Workflows.Bench.Deadlines;

/// <summary>
/// N pending deadlines (drills with one step each) due evenly over --spread, on the real clock; lateness is the
/// audit log's step-done instant (the drill's doneAt) minus the step's dueAt. Also reported: how late the step was
/// saved (the row's last write, as storage timestamped it; its email is queued just after).
/// </summary>
public static partial class DeadlinesBenchmark
{
    public sealed record Result(int Count, int Measured, int CreatedLate, double P50, double P99, double Max, int NotDone)
    {
        /// <summary>Steps done more than a second late, counted by when they were due (seconds after the first, in 10 s windows).</summary>
        public SortedDictionary<int, int> LateByWindow { get; init; } = [];

        /// <summary>Probe calls to storage (its table and queue services) and to the host that took over 500 ms while steps fell due (<see cref="PauseProbe"/>).</summary>
        public PauseProbe.Pauses? StoragePauses { get; init; }

        public PauseProbe.Pauses? QueuePauses { get; init; }

        public PauseProbe.Pauses? HostPauses { get; init; }

        /// <summary>Storage alone while steps fell due: one small entity written and read back every 100 ms.</summary>
        public PauseProbe.Timings StorageWriteRead { get; init; } = PauseProbe.Timings.None;

        /// <summary>Messages left on the email queue (with --no-delivery): fewer than steps when emails travelled packed.</summary>
        public int? QueuedMessages { get; init; }

        /// <summary>Lateness of the row's last write (the step saved): p50, p99, max in ms.</summary>
        public (double P50, double P99, double Max) Saved { get; init; }
    }

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"deadlines: {options.Count} drills, one step each, due over {options.Spread.TotalSeconds:F0} s");
        var r = await MeasureAsync(options, progress: true);
        Console.WriteLine($"  measured: {r.Measured} steps ({r.CreatedLate} excluded: due before their drill was created; {r.NotDone} never done)");
        Console.WriteLine($"  lateness: p50 {Report.Ms(r.P50)}, p99 {Report.Ms(r.P99)} (target <= 1000 ms), max {Report.Ms(r.Max)}");
        Console.WriteLine($"  saved: p50 {Report.Ms(r.Saved.P50)}, p99 {Report.Ms(r.Saved.P99)}, max {Report.Ms(r.Saved.Max)} after the due instant");
        Console.WriteLine($"  storage alone, same seconds (write+read): p50 {Report.Ms(r.StorageWriteRead.P50)}, p99 {Report.Ms(r.StorageWriteRead.P99)}, max {Report.Ms(r.StorageWriteRead.Max)} ({r.StorageWriteRead.Calls} calls)");
        Console.WriteLine($"  saved p99 over storage's own p99: {r.Saved.P99 / r.StorageWriteRead.P99:F1} x (a step's save is one write, after it is done)");
        if (r.LateByWindow.Count > 0)
        {
            // Clusters here mean the host or storage stalled; a steady spread means too little capacity.
            Console.WriteLine($"  more than 1 s late, by due time: {string.Join(", ", r.LateByWindow.Select(w => $"{w.Key}-{w.Key + 10} s: {w.Value}"))}");
        }

        if (r.QueuedMessages is { } queued)
        {
            Console.WriteLine($"  emails handed over in {queued} queue messages (several to a message when the queue was busy)");
        }

        Console.WriteLine($"  while steps fell due, storage (Azurite) table calls: {r.StoragePauses}");
        Console.WriteLine($"  while steps fell due, storage (Azurite) queue calls: {r.QueuePauses}");
        Console.WriteLine($"  while steps fell due, host calls without storage: {r.HostPauses}");
        return r.NotDone == 0 ? 0 : 1;
    }

    public static async Task<Result> MeasureAsync(BenchOptions options, bool progress = false)
    {
        await using var host = await BenchHost.StartAsync(
            options.ConnectionString, options.NoDelivery ? new Dictionary<string, string> { ["Email:RunWorker"] = "false" } : null);
        using var client = host.CreateClient();
        await using var storageProbe = PauseProbe.Storage(options.ConnectionString);
        await using var queueProbe = PauseProbe.Queue(options.ConnectionString);
        await using var hostProbe = PauseProbe.Host(client);
        await using var writeReadProbe = PauseProbe.StorageWriteRead(options.ConnectionString);
        var lead = options.Lead ?? TimeSpan.FromSeconds(10 + options.Count / 150.0);
        var first = DateTimeOffset.UtcNow + lead;
        var due = new Dictionary<string, DateTimeOffset>();
        var createdAt = new DateTimeOffset[options.Count];
        for (var i = 0; i < options.Count; i++)
        {
            due[$"d{i}"] = first + options.Spread * i / Math.Max(1, options.Count);
        }

        // Created in a shuffled order, so the reminders are not registered in due order.
        var order = Enumerable.Range(0, options.Count).OrderBy(_ => Random.Shared.Next()).ToArray();
        var created = 0;
        await Drills.ForEachAsync(options.Count, options.Concurrency, async n =>
        {
            var i = order[n];
            await Drills.StartAsync(client, $"d{i}", due[$"d{i}"]);
            createdAt[i] = DateTimeOffset.UtcNow;
            if (progress && Interlocked.Increment(ref created) % 10_000 == 0)
            {
                Console.WriteLine($"  ... {created} created");
            }
        });
        if (progress)
        {
            Console.WriteLine($"  all created {(DateTimeOffset.UtcNow - first).TotalSeconds:F0} s after the first due instant");
        }

        var doneAt = new Dictionary<string, Drills.StepDone>();
        var last = first + options.Spread;
        var giveUp = last + TimeSpan.FromMinutes(2);
        while (true)
        {
            var wait = last + TimeSpan.FromSeconds(3) - DateTimeOffset.UtcNow;
            await Task.Delay(wait > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(wait.Ticks, TimeSpan.FromSeconds(10).Ticks)) : TimeSpan.FromSeconds(2));
            if (DateTimeOffset.UtcNow < last)
            {
                continue;
            }

            doneAt = await Drills.StepsDoneAsync(options.ConnectionString, host.Prefix!);
            if (doneAt.Count >= options.Count || DateTimeOffset.UtcNow > giveUp)
            {
                break;
            }
        }

        var lateness = new List<double>();
        var savedLateness = new List<double>();
        var lateByWindow = new SortedDictionary<int, int>();
        var createdLate = 0;
        for (var i = 0; i < options.Count; i++)
        {
            var id = $"d{i}";
            if (createdAt[i] > due[id])
            {
                createdLate++;
            }
            else if (doneAt.TryGetValue(id, out var done))
            {
                var at = done.At;
                lateness.Add((at - due[id]).TotalMilliseconds);
                savedLateness.Add((done.SavedAt - due[id]).TotalMilliseconds);
                if (at - due[id] > TimeSpan.FromSeconds(1))
                {
                    var window = (int)(due[id] - first).TotalSeconds / 10 * 10;
                    lateByWindow[window] = lateByWindow.GetValueOrDefault(window) + 1;
                }
            }
        }

        lateness.Sort();
        savedLateness.Sort();
        int? queued = options.NoDelivery
            ? (await new Azure.Storage.Queues.QueueServiceClient(options.ConnectionString).GetQueueClient($"{host.Prefix}-email").GetPropertiesAsync()).Value.ApproximateMessagesCount
            : null;
        var slow = TimeSpan.FromMilliseconds(500);
        return new Result(options.Count, lateness.Count, createdLate, Report.Percentile(lateness, 50), Report.Percentile(lateness, 99),
            lateness.Count == 0 ? double.NaN : lateness[^1], options.Count - doneAt.Count)
        {
            LateByWindow = lateByWindow,
            QueuedMessages = queued,
            Saved = (Report.Percentile(savedLateness, 50), Report.Percentile(savedLateness, 99), savedLateness.Count == 0 ? double.NaN : savedLateness[^1]),
            StoragePauses = storageProbe.Between(first, last, slow),
            QueuePauses = queueProbe.Between(first, last, slow),
            HostPauses = hostProbe.Between(first, last, slow),
            StorageWriteRead = writeReadProbe.TimingsBetween(first, last),
        };
    }
}
