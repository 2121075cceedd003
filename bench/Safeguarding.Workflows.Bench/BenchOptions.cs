namespace Safeguarding.Workflows.Bench;

/// <summary>Command-line options shared by the benchmarks; each command reads the ones it needs.</summary>
public sealed record BenchOptions(int Count, int Concurrency, string ConnectionString, bool Drain)
{
    /// <summary>deadlines: how long the due instants are spread over.</summary>
    public TimeSpan Spread { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>deadlines: how long after the run starts the first step is due (default: time to create them at 150/s).</summary>
    public TimeSpan? Lead { get; init; }

    /// <summary>forms: requests per second and for how long.</summary>
    public int Rate { get; init; } = 200;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>deadlines: run the host without its email delivery worker (<c>Email:RunWorker=false</c>, as when
    /// delivery runs on other hosts), so the engine's own lateness is measured; emails are still queued.</summary>
    public bool NoDelivery { get; init; }

    /// <summary>starts: untimed inserts and starts of each before the measured rounds.</summary>
    public int WarmUp { get; init; } = 2000;

    /// <summary>pages: requests per page, one at a time.</summary>
    public int Requests { get; init; } = 200;

    public static BenchOptions Parse(string[] args, int defaultCount = 10_000)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        double? Seconds(string name) => double.TryParse(Value(name), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null;
        var options = new BenchOptions(
            int.TryParse(Value("--count"), out var count) ? count : defaultCount,
            int.TryParse(Value("--concurrency"), out var concurrency) ? concurrency : 16,
            Value("--connection")
                ?? (Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } fromEnvironment ? fromEnvironment : "UseDevelopmentStorage=true"),
            args.Contains("--drain"));
        return options with
        {
            Spread = Seconds("--spread") is { } spread ? TimeSpan.FromSeconds(spread) : options.Spread,
            Lead = Seconds("--lead") is { } lead ? TimeSpan.FromSeconds(lead) : null,
            Rate = int.TryParse(Value("--rate"), out var rate) ? rate : options.Rate,
            Duration = Seconds("--duration") is { } duration ? TimeSpan.FromSeconds(duration) : options.Duration,
            NoDelivery = args.Contains("--no-delivery"),
            Requests = int.TryParse(Value("--requests"), out var requests) ? requests : options.Requests,
            WarmUp = int.TryParse(Value("--warm-up"), out var warmUp) ? warmUp : options.WarmUp,
        };
    }
}
