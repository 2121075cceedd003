using Xunit.Abstractions;
using System.Diagnostics;
using Safeguarding.Workflows.Host.Tests.ScaleOut;
using Safeguarding.Workflows.Bench.Hosting;

namespace Safeguarding.Workflows.Host.Tests.Reliability;

/// <summary>
/// Storage goes away mid-run: the test's own Azurite is stopped while drills are falling due and started again on the
/// same ports and data folder. Nothing is lost and nothing is repeated.
/// </summary>
public sealed class AzuriteRestartTests(ITestOutputHelper output)
{
    private const int Drills = 200;

    [Fact]
    public async Task Stopping_and_restarting_storage_loses_nothing()
    {
        await using var azurite = await PrivateAzurite.StartAsync();
        var prefix = "a" + Guid.NewGuid().ToString("N")[..10];
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Prefix"] = prefix,
            ["Engine:ClusterId"] = prefix,
            ["Engine:SiloPort"] = HostProcess.FreePort().ToString(),
            ["Engine:GatewayPort"] = HostProcess.FreePort().ToString(),
            ["Engine:WakeScanInterval"] = "00:00:01",
            ["Email:Provider"] = "Outbox",
            ["Email:PollInterval"] = "00:00:00.500",
            ["Email:InitialBackoff"] = "00:00:01",
            ["Email:MaxBackoff"] = "00:00:05",
            ["Diagnostics:EnableDrills"] = "true",
        });

        var firstDue = DateTimeOffset.UtcNow.AddSeconds(10);
        var ids = Enumerable.Range(0, Drills).Select(i => $"a{i}").ToList();
        var due = ids.Select((id, i) => (id, at: firstDue + TimeSpan.FromSeconds(20.0 * i / Drills))).ToDictionary(x => x.id, x => x.at);
        using (var client = host.CreateClient())
        {
            for (var i = 0; i < Drills; i++)
            {
                await DrillLedger.StartAsync(client, ids[i], due[ids[i]]);
            }
        }

        // Storage goes away while about half the steps are due: Azurite refuses connections within a second of SIGTERM
        // but exits only when killed 20 s later (it waits on open connections), then 8 s more before it is back.
        var stopAt = firstDue + TimeSpan.FromSeconds(8);
        if (stopAt > DateTimeOffset.UtcNow)
        {
            await Task.Delay(stopAt - DateTimeOffset.UtcNow);
        }

        await azurite.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(8));
        await azurite.RestartAsync();
        var restartedAt = DateTimeOffset.UtcNow;

        var (done, outbox) = await DrillLedger.WaitForAllAsync(host.CreateClient, azurite.ConnectionString, prefix, Drills, TimeSpan.FromMinutes(2));

        output.WriteLine($"storage back at {restartedAt:O}; all done by {DateTimeOffset.UtcNow:O}; latest step {(done.Values.Count == 0 ? 0 : done.Max(d => (d.Value.At - due[d.Key]).TotalSeconds)):F1} s after it was due.");
        Assert.Equal(ids.Order(), done.Keys.Order());
        Assert.All(done, d => Assert.Equal(1, d.Value.Count));
        Assert.Equal(ids.Select(DrillLedger.MessageId).Order(), outbox.Order());
    }

    /// <summary>An Azurite of this test's own (never ./test.sh's shared one), stoppable and restartable on the same ports and data.</summary>
    private sealed class PrivateAzurite : IAsyncDisposable
    {
        private readonly string root;
        private readonly string data;
        private readonly int[] ports;
        private int pid;

        private PrivateAzurite(string root, string data, int[] ports)
        {
            this.root = root;
            this.data = data;
            this.ports = ports;
        }

        public string ConnectionString =>
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;";

        public static async Task<PrivateAzurite> StartAsync()
        {
            var root = RepositoryRoot();
            var azurite = new PrivateAzurite(root, Path.Combine(Path.GetTempPath(), "sgw-azurite-" + Guid.NewGuid().ToString("N")[..8]),
                [HostProcess.FreePort(), HostProcess.FreePort(), HostProcess.FreePort()]);
            await azurite.RestartAsync();
        var restartedAt = DateTimeOffset.UtcNow;
            return azurite;
        }

        public async Task RestartAsync()
        {
            var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "azurite.sh"), data, .. ports.Select(p => p.ToString())])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var script = Process.Start(start)!;
            var printed = await script.StandardOutput.ReadToEndAsync();
            var error = await script.StandardError.ReadToEndAsync();
            await script.WaitForExitAsync();
            if (script.ExitCode != 0 || !int.TryParse(printed.Trim(), out pid))
            {
                throw new InvalidOperationException($"Azurite did not start: {printed} {error}");
            }
        }

        /// <summary>Stops Azurite as an operator would (SIGTERM), so it saves its data folder on the way out.</summary>
        public async Task StopAsync()
        {
            using var process = Process.GetProcessById(pid);
            using (var kill = Process.Start("kill", pid.ToString()))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await StopAsync();
            }
            catch (ArgumentException)
            {
                // already gone
            }

            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // a temporary folder; never mind
            }
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Safeguarding.Workflows.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
        }
    }
}
