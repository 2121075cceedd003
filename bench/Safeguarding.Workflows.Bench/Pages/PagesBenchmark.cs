using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Safeguarding.Workflows.Bench.Hosting;

namespace Safeguarding.Workflows.Bench.Pages;

/// <summary>
/// The staff pages with many open processes in one partnership: <c>--count</c> processes created over the JSON API (a
/// quarter each of meetings, rapid reviews, practice reviews and escalations), then each page fetched
/// <c>--requests</c> times, one request at a time as a person would, timing the whole response. Beside each page the
/// storage probe (one small entity written and read back every 100 ms) gives what storage alone took in the same
/// seconds, so a slow emulator day reads as such and not as a slow page.
/// </summary>
public static class PagesBenchmark
{
    /// <summary>The dashboard and each kind's list, as the dashboard links to them.</summary>
    public static readonly string[] Pages = ["", "/meetings", "/rapid-reviews", "/practice-reviews", "/escalations", "/annual-reports", "/emails"];

    public sealed record PageResult(string Path, int Status, int Requests, double P50, double P99, double Max, PauseProbe.Timings Storage)
    {
        /// <summary>How many storage round trips' worth the page's p50 is (the probe's p50 is one write plus one read).</summary>
        public double StorageRoundTrips => Storage.P50 > 0 ? P50 / (Storage.P50 / 2) : double.NaN;
    }

    public sealed record Result(int Created, double CreatedPerSecond, IReadOnlyList<PageResult> Pages);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"pages: {options.Count} open processes in {Drills.Partnership}, {options.Requests} requests per page, one at a time");
        var result = await MeasureAsync(options, line => Console.WriteLine("  " + line));
        Console.WriteLine($"  created {result.Created} processes at {result.CreatedPerSecond:F0} /s");
        Console.WriteLine("  page                                           status  p50        p99        max        | storage write+read p50 / p99 (same seconds)");
        foreach (var page in result.Pages)
        {
            var path = $"/partnerships/{Drills.Partnership}{page.Path}";
            Console.WriteLine(page.Status != 200
                ? $"  {path,-46} {page.Status}  (not measured)"
                : $"  {path,-46} {page.Status}     {Report.Ms(page.P50),-10} {Report.Ms(page.P99),-10} {Report.Ms(page.Max),-10} | {Report.Ms(page.Storage.P50)} / {Report.Ms(page.Storage.P99)}");
        }

        Console.WriteLine("  target: p99 <= 250 ms for each page");
        return 0;
    }

    public static async Task<Result> MeasureAsync(BenchOptions options, Action<string>? progress = null)
    {
        await using var host = await BenchHost.StartAsync(options.ConnectionString, new Dictionary<string, string>
        {
            // Creating thousands of processes queues thousands of request emails; delivering them is not what is measured.
            ["Email:RunWorker"] = "false",
        });
        using var client = host.CreateClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var created = 0;
        var clock = Stopwatch.StartNew();
        await Drills.ForEachAsync(options.Count, options.Concurrency, async i =>
        {
            await CreateAsync(client, i, today);
            if (Interlocked.Increment(ref created) % 1000 == 0)
            {
                progress?.Invoke($"... {created} created");
            }
        });
        var createdPerSecond = options.Count / clock.Elapsed.TotalSeconds;

        await using var storage = PauseProbe.StorageWriteRead(options.ConnectionString);
        var pages = new List<PageResult>();
        foreach (var path in Pages)
        {
            var url = $"/partnerships/{Drills.Partnership}{path}";
            var status = await GetAsync(client, url);
            if (status != HttpStatusCode.OK)
            {
                pages.Add(new PageResult(path, (int)status, 0, double.NaN, double.NaN, double.NaN, PauseProbe.Timings.None));
                continue;
            }

            for (var i = 0; i < 3; i++)
            {
                await GetAsync(client, url); // warm: the first render compiles the view and activates the grains
            }

            var from = DateTimeOffset.UtcNow;
            var latencies = new List<double>(options.Requests);
            for (var i = 0; i < options.Requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await GetAsync(client, url);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            latencies.Sort();
            pages.Add(new PageResult(path, 200, latencies.Count, Report.Percentile(latencies, 50), Report.Percentile(latencies, 99), latencies[^1], storage.TimingsBetween(from, DateTimeOffset.UtcNow)));
        }

        return new Result(options.Count, createdPerSecond, pages);
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
        return response.StatusCode;
    }

    /// <summary>Process <paramref name="i"/>: a meeting, rapid review, practice review or escalation, open, with its clocks running.</summary>
    private static async Task CreateAsync(HttpClient client, int i, DateOnly today)
    {
        var p = $"/api/partnerships/{Drills.Partnership}";
        var contact = new { name = "Pat Reviewer", email = $"reviewer{i % 50}@example.org" };
        using var response = (i % 4) switch
        {
            0 => await client.PutAsJsonAsync($"{p}/meetings/m{i}", new
            {
                title = $"Partnership board {i}",
                startsAt = DateTimeOffset.UtcNow.AddDays(10 + i % 90),
                location = "County Buildings, Stafford",
                papers = new[] { new { id = "performance", title = "Performance report", author = new { contact.name, contact.email, agency = "Staffordshire Police" } } },
            }),
            1 => await client.PutAsJsonAsync($"{p}/rapid-reviews/rr{i}", new
            {
                caseReference = $"RR-BENCH-{i}",
                awareOn = today.AddDays(-(i % 10)).ToString("yyyy-MM-dd"),
                childLookedAfter = false,
                outcome = "seriously-harmed",
                agencies = new[] { new { agency = "Staffordshire Police", contact } },
            }),
            2 => await client.PutAsJsonAsync($"{p}/practice-reviews/pr{i}", new { caseReference = $"LCSPR-BENCH-{i}", decidedOn = today.AddDays(-(i % 150)).ToString("yyyy-MM-dd") }),
            _ => await client.PutAsJsonAsync($"{p}/escalations/esc{i}", new
            {
                raisedOn = today.ToString("yyyy-MM-dd"),
                raisedBy = new { agency = "Staffordshire County Council", name = "Sam Social Worker", email = "sam@council.example.org" },
                concerning = new { agency = "Staffordshire Police", contact.name, contact.email },
                summary = "The agencies disagree about whether the threshold for a strategy discussion is met.",
                immediateRisk = false,
            }),
        };
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating process {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
