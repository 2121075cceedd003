using System.Diagnostics;
using Azure.Data.Tables;

namespace Safeguarding.Workflows.Bench.Hosting;

/// <summary>
/// Times one tiny call every 100 ms for as long as it runs, so a benchmark can tell where a delay came from: a
/// storage call stalls when Azurite pauses (it answers on one Node.js thread), a calendar call to the host (no
/// storage) stalls when the host does (garbage collection, starved threads).
/// </summary>
public sealed class PauseProbe : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly List<(DateTimeOffset At, TimeSpan Took)> samples = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;

    private PauseProbe(Func<CancellationToken, Task> call)
    {
        running = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var at = DateTimeOffset.UtcNow;
                var watch = Stopwatch.StartNew();
                try
                {
                    await call(stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
                {
                    // An answer, however unhelpful, still says how long it took to give one.
                }

                lock (samples)
                {
                    samples.Add((at, watch.Elapsed));
                }

                var rest = Interval - watch.Elapsed;
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest);
                }
            }
        });
    }

    /// <summary>Times Azurite's cheapest table call.</summary>
    public static PauseProbe Storage(string connectionString)
    {
        var service = new TableServiceClient(connectionString);
        return new PauseProbe(async token => await service.GetPropertiesAsync(token));
    }

    /// <summary>
    /// Writes one small entity and reads it back: what a single process change costs storage alone, to set beside a
    /// benchmark's own figures from the same seconds.
    /// </summary>
    public static PauseProbe StorageWriteRead(string connectionString)
    {
        var table = new TableServiceClient(connectionString).GetTableClient("probe" + Guid.NewGuid().ToString("N")[..10]);
        table.CreateIfNotExists();
        var entity = new TableEntity("probe", "state") { ["State"] = new string('x', 600) };
        return new PauseProbe(async token =>
        {
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, token);
            await table.GetEntityAsync<TableEntity>("probe", "state", cancellationToken: token);
        });
    }

    /// <summary>Times Azurite's cheapest queue call (where the engine hands emails over).</summary>
    public static PauseProbe Queue(string connectionString)
    {
        var service = new Azure.Storage.Queues.QueueServiceClient(connectionString);
        return new PauseProbe(async token => await service.GetPropertiesAsync(token));
    }

    /// <summary>Times a working-day sum on the host: routing, auth and the calendar, nothing stored.</summary>
    public static PauseProbe Host(HttpClient client) =>
        new(async token => (await client.GetAsync("/api/calendar/working-days?from=2026-11-23&add=5", token)).Dispose());

    /// <summary>Calls that took longer than <paramref name="threshold"/> between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public Pauses Between(DateTimeOffset from, DateTimeOffset to, TimeSpan threshold)
    {
        lock (samples)
        {
            var window = samples.Where(s => s.At >= from && s.At <= to).ToList();
            var slow = window.Where(s => s.Took > threshold).ToList();
            return new Pauses(
                threshold,
                window.Count,
                slow.Count,
                slow.Count == 0 ? TimeSpan.Zero : slow.Max(s => s.Took),
                slow.Select(s => (int)(s.At - from).TotalSeconds).ToList());
        }
    }

    /// <summary>Whether a probe call that overlapped <paramref name="from"/>–<paramref name="to"/> took longer than <paramref name="threshold"/>.</summary>
    public bool SlowDuring(DateTimeOffset from, DateTimeOffset to, TimeSpan threshold)
    {
        lock (samples)
        {
            return samples.Any(s => s.Took > threshold && s.At <= to && s.At + s.Took >= from);
        }
    }

    /// <summary>The probe calls' p50, p99 and longest between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public Timings TimingsBetween(DateTimeOffset from, DateTimeOffset to)
    {
        List<double> took;
        lock (samples)
        {
            took = [.. samples.Where(s => s.At >= from && s.At <= to).Select(s => s.Took.TotalMilliseconds).Order()];
        }

        return took.Count == 0 ? Timings.None : new Timings(took.Count, Report.Percentile(took, 50), Report.Percentile(took, 99), took[^1]);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await running;
        stop.Dispose();
    }

    /// <summary>How long the probe's calls took in a window: <see cref="Calls"/> of them, in milliseconds.</summary>
    public sealed record Timings(int Calls, double P50, double P99, double Max)
    {
        public static Timings None { get; } = new(0, double.NaN, double.NaN, double.NaN);
    }

    /// <summary>Of <see cref="Calls"/> probe calls, how many took over <see cref="Threshold"/>, the longest, and when each began (seconds after the window's start).</summary>
    public sealed record Pauses(TimeSpan Threshold, int Calls, int Count, TimeSpan Longest, IReadOnlyList<int> StartedAt)
    {
        private const int Shown = 40;

        public override string ToString()
        {
            if (Count == 0)
            {
                return $"none of {Calls} over {Threshold.TotalMilliseconds:F0} ms";
            }

            // Say when the list is cut, so a reader does not take the first seconds for the whole run.
            var seconds = StartedAt.Distinct().ToList();
            var more = seconds.Count > Shown ? $" and {seconds.Count - Shown} more, the last at {seconds[^1]}" : "";
            return $"{Count} of {Calls} over {Threshold.TotalMilliseconds:F0} ms, longest {Report.Ms(Longest.TotalMilliseconds)}, "
                + $"at {string.Join(", ", seconds.Take(Shown))}{more} s";
        }
    }
}
