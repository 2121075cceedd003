using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Safeguarding.Workflows.Bench.Hosting;

/// <summary>
/// The built service (src/Safeguarding.Workflows.Host, same configuration as this benchmark) as its own OS process on
/// Kestrel, with drills enabled, no sign-in (Auth:Mode=Development), the Outbox provider, the system clock and a fresh storage prefix.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly Process process;
    private readonly string logPath;

    private BenchHost(Process process, int port, string prefix, string logPath)
    {
        this.process = process;
        this.logPath = logPath;
        Prefix = prefix;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    public string Prefix { get; }

    public int ProcessId => process.Id;

    public HttpClient CreateClient() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(120),
    };

    /// <summary>The host's working set now, in bytes.</summary>
    public long WorkingSet()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    public static async Task<BenchHost> StartAsync(string connectionString, IDictionary<string, string>? extra = null)
    {
        var port = FreePort();
        var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
        var logPath = Path.Combine(Path.GetTempPath(), $"sgw-bench-host-{port}.log");
        var settings = new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:Prefix"] = prefix,
            ["Engine:ClusterId"] = prefix,
            ["Engine:SiloPort"] = FreePort().ToString(),
            ["Engine:GatewayPort"] = FreePort().ToString(),
            ["Email:Provider"] = "Outbox",
            ["Diagnostics:EnableDrills"] = "true",
            ["Auth:Mode"] = "Development", // no sign-in: requests act as local-user
            ["Security:RateLimit:Enabled"] = "false", // a benchmark is one client sending far above a person's rate
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var start = new ProcessStartInfo("dotnet", [HostAssembly(), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(HostAssembly())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new BenchHost(process, port, prefix, logPath);
        await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = CreateClient();
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {process.ExitCode}: {await File.ReadAllTextAsync(logPath)}");
            }

            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The host did not become healthy within {timeout}: {await File.ReadAllTextAsync(logPath)}");
    }

    private static string HostAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Safeguarding.Workflows.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Safeguarding.Workflows.Host", "bin", configuration, "net10.0", "Safeguarding.Workflows.Host.dll");
            }
        }

        throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
