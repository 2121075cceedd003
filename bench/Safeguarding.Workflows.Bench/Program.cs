using Safeguarding.Workflows.Bench.Deadlines;
using Safeguarding.Workflows.Bench.Email;
using Safeguarding.Workflows.Bench.Forms;
using Safeguarding.Workflows.Bench.Memory;
using Safeguarding.Workflows.Bench.Pages;
using Safeguarding.Workflows.Bench.Starts;

namespace Safeguarding.Workflows.Bench;

// Usage: dotnet run -c Release --project bench/Safeguarding.Workflows.Bench -- <command> [options]
// Storage: --connection, else AZURITE_CONNECTION_STRING, else the default local Azurite ports.
// A class in a namespace (not top-level statements) so the tests can reference this project beside the host's Program.
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var command = args.FirstOrDefault();
        var rest = args.Skip(1).ToArray();
        if (command is "email" or "starts" or "deadlines" or "forms" or "memory" or "pages")
        {
            Report.Header(args);
        }

        return command switch
        {
            "email" => await EmailBenchmark.RunAsync(BenchOptions.Parse(rest)),
            "starts" => await StartsBenchmark.RunAsync(BenchOptions.Parse(rest, defaultCount: 2_000)),
            "deadlines" => await DeadlinesBenchmark.RunAsync(BenchOptions.Parse(rest, defaultCount: 100_000)),
            "forms" => await FormsBenchmark.RunAsync(BenchOptions.Parse(rest)),
            "memory" => await MemoryBenchmark.RunAsync(BenchOptions.Parse(rest, defaultCount: 100_000)),
            "pages" => await PagesBenchmark.RunAsync(BenchOptions.Parse(rest, defaultCount: 10_000)),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            Safeguarding Workflows benchmarks (against a running Azurite; the host is started as its own process)

              email [--count 10000] [--concurrency 16] [--drain]
                    Messages/s through the email queue and the delivery worker with the Outbox provider.
              starts [--count 2000] [--concurrency 16] [--warm-up 2000]
                    Raw single-entity table inserts/s against drill starts/s over HTTP, same run; the ratio (target >= 50 %).
                    --warm-up: untimed inserts and starts of each first.
              deadlines [--count 100000] [--spread 600] [--lead SECONDS] [--concurrency 16] [--no-delivery]
                    Drills with one step each, due evenly over --spread seconds on the real clock; lateness p50/p99/max
                    from the audit log (target p99 <= 1 s), and any pauses of storage or the host while they fell due.
                    --no-delivery: the host queues emails but does not deliver them.
              forms [--rate 200] [--duration 30]
                    Drill PUTs at a fixed rate, open loop; latency p50/p99 (target p99 <= 25 ms).
              memory [--count 100000] [--concurrency 16]
                    The host's working set with --count open processes (target < 1 GiB).
              pages [--count 10000] [--requests 200] [--concurrency 16]
                    The dashboard and each list with --count open processes in one partnership, one request at a time;
                    p50/p99 per page beside storage's own write+read in the same seconds (target p99 <= 250 ms).

            Every command also takes --connection <storage connection string>.
            """);
        return 2;
    }
}
