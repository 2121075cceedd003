namespace Safeguarding.Workflows.Bench.Hosting;

/// <summary>
/// The host as the benchmarks run it: a <see cref="HostProcess"/> with drills enabled, the Outbox provider, the system
/// clock and a fresh storage prefix (so each run starts from empty tables).
/// </summary>
public static class BenchHost
{
    public static Task<HostProcess> StartAsync(string connectionString, IDictionary<string, string>? extra = null)
    {
        var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:Prefix"] = prefix,
            ["Engine:ClusterId"] = prefix,
            ["Engine:SiloPort"] = HostProcess.FreePort().ToString(),
            ["Engine:GatewayPort"] = HostProcess.FreePort().ToString(),
            ["Email:Provider"] = "Outbox",
            ["Diagnostics:EnableDrills"] = "true",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return HostProcess.StartAsync(settings);
    }
}
