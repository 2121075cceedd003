namespace Safeguarding.Workflows.Bench;

/// <summary>Command-line options shared by the benchmarks.</summary>
public sealed record BenchOptions(int Count, int Concurrency, string ConnectionString, bool Drain)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new BenchOptions(
            int.TryParse(Value("--count"), out var count) ? count : 10_000,
            int.TryParse(Value("--concurrency"), out var concurrency) ? concurrency : 16,
            Value("--connection")
                ?? (Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } fromEnvironment ? fromEnvironment : "UseDevelopmentStorage=true"),
            args.Contains("--drain"));
    }
}
