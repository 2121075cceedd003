using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Tests.Durable;
using Safeguarding.Workflows.Storage;
using Safeguarding.Workflows.Storage.Processes;
using Safeguarding.Workflows.Bench.Hosting;

namespace Safeguarding.Workflows.Host.Tests.ScaleOut;

/// <summary>
/// Three hosts as one Orleans cluster with membership in Azure Table storage (Azurite), on loopback ports, sharing one
/// storage prefix and nothing else: any host reaches any process, and when one host is killed its deadlines fire on
/// the others.
/// </summary>
public sealed class ClusterTests
{
    private const int Drills = 30;

    [Fact]
    public async Task Three_hosts_serve_every_process_and_survive_losing_one()
    {
        var prefix = "c" + Guid.NewGuid().ToString("N")[..10];
        var settings = (int n) => new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = TestStorage.ConnectionString,
            ["Storage:Prefix"] = prefix,
            ["Engine:Clustering"] = "AzureStorage",
            ["Engine:ClusterId"] = prefix,
            ["Engine:AdvertisedAddress"] = "127.0.0.1",
            ["Engine:SiloPort"] = HostProcess.FreePort().ToString(),
            ["Engine:GatewayPort"] = HostProcess.FreePort().ToString(),
            ["Engine:WakeScanInterval"] = "00:00:01",
            ["Diagnostics:EnableDrills"] = "true",
        };

        await using var a = await HostProcess.StartAsync(settings(1));
        await using var b = await HostProcess.StartAsync(settings(2));
        await using var c = await HostProcess.StartAsync(settings(3));
        HostProcess[] hosts = [a, b, c];

        // The membership is in the prefix's own table: three hosts, all active.
        var members = new TableClient(TestStorage.ConnectionString, $"{prefix}silos").Query<TableEntity>(e => e.PartitionKey == prefix).ToList();
        Assert.Equal(3, members.Count(m => m.GetString("Status") == "Active"));

        // Processes started through every host, all due shortly.
        var due = DateTimeOffset.UtcNow.AddSeconds(40);
        for (var i = 0; i < Drills; i++)
        {
            using var client = hosts[i % 3].CreateClient();
            await new DrillClient(client).StartAsync($"d{i}", [("due", due)]);
        }

        // Any host reaches the same process; starting it again through another host finds the existing one.
        for (var i = 0; i < Drills; i += 7)
        {
            foreach (var host in hosts)
            {
                using var client = host.CreateClient();
                var drill = await new DrillClient(client).GetAsync($"d{i}");
                Assert.Equal(["started"], drill.TimelineTypes);
            }
        }

        using (var client = b.CreateClient())
        {
            var again = await client.PutAsJsonAsync("/api/partnerships/staffordshire/drills/d0", new { steps = new[] { new { name = "due", dueAt = due } } });
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        // A host dies before anything is due. Any wake reader it held starts again on a survivor.
        c.Kill();

        var log = new AuditLog(new StorageClients(new StorageOptions { ConnectionString = TestStorage.ConnectionString, Prefix = prefix }, NullLogger<StorageClients>.Instance));
        var deadline = due + TimeSpan.FromMinutes(2);
        var done = new Dictionary<string, List<AuditRecord>>();
        while (DateTimeOffset.UtcNow < deadline && done.Count < Drills)
        {
            await Task.Delay(2000);
            for (var i = 0; i < Drills; i++)
            {
                var steps = (await log.ReadAsync(new ProcessKey("staffordshire", "drill", $"d{i}"), CancellationToken.None)).Where(r => r.Type == "step-done").ToList();
                if (steps.Count > 0)
                {
                    done[$"d{i}"] = steps;
                }
            }
        }

        Assert.Equal(Drills, done.Count);
        Assert.All(done.Values, steps => Assert.Single(steps));
        Assert.All(done.Values, steps => Assert.InRange(steps[0].At, due, due + TimeSpan.FromMinutes(2)));
    }
}
