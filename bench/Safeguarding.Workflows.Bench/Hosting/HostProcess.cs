using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Safeguarding.Workflows.Bench.Hosting;

/// <summary>
/// The built service (src/Safeguarding.Workflows.Host, same configuration as the caller) running as its own OS process
/// on Kestrel, for the benchmarks and the fault and scale-out tests: a test can kill it as hard as a crash would
/// (<see cref="Kill"/>), which an in-process host cannot show. No sign-in (Auth:Mode=Development) and no rate limit.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string logPath;

    private readonly IDictionary<string, string> settings;

    private HostProcess(Process process, int port, string logPath, IDictionary<string, string> settings)
    {
        this.process = process;
        this.logPath = logPath;
        this.settings = settings;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    /// <summary>The storage prefix it was started with (<c>Storage:Prefix</c>), if any.</summary>
    public string? Prefix => settings.TryGetValue("Storage:Prefix", out var prefix) ? prefix : null;

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

    public static async Task<HostProcess> StartAsync(IDictionary<string, string> settings)
    {
        var port = FreePort();
        var logPath = Path.Combine(Path.GetTempPath(), $"sgw-host-{port}.log");
        var start = new ProcessStartInfo("dotnet", [HostAssembly(), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(HostAssembly())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Auth__Mode"] = "Development"; // no sign-in: requests act as local-user
        start.Environment["Security__RateLimit__Enabled"] = "false"; // one client driving far above a person's rate
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

        var host = new HostProcess(process, port, logPath, settings);
        await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
        return host;
    }

    /// <summary>The first line of the host's output that matches <paramref name="pattern"/>, once it appears.</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>.</exception>
    public async Task<Match> WaitForLogLineAsync(Regex pattern, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            // Shared read: the host's output is still being appended.
            using (var reader = new StreamReader(new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)))
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (pattern.Match(line) is { Success: true } match)
                    {
                        return match;
                    }
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The host wrote no line matching {pattern} within {timeout}.");
    }

    /// <summary>Ends the process at once, with no graceful shutdown: as a crash or a lost machine would.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    public static int FreePort()
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

    // The host's own build output (same configuration as these tests), found from the repository root.
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
