using System.Globalization;

namespace Safeguarding.Workflows.Bench;

/// <summary>What every benchmark prints first (machine, date, command) and the percentile arithmetic they share.</summary>
public static class Report
{
    public static void Header(string[] args)
    {
        Console.WriteLine($"date:    {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Environment.MachineName}, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load average {LoadAverage()}");
        Console.WriteLine($"command: dotnet run -c Release --project bench/Safeguarding.Workflows.Bench -- {string.Join(' ', args)}");
    }

    /// <summary>The nearest-rank percentile of already sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture) + " ms";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
