using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Host.Operations;
using Safeguarding.Workflows.Host.Tests.Durable;
using Safeguarding.Workflows.Orchestration.Telemetry;

namespace Safeguarding.Workflows.Host.Tests.Operations;

public sealed class OperationsTests
{
    [Fact]
    public async Task Closed_processes_past_retention_are_erased_and_open_ones_kept()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string?>
        {
            ["Retention:CompletedProcessDays"] = "30",
            ["Retention:PurgeInterval"] = "7.00:00:00",
        });
        var client = factory.CreateClient();
        var drills = new DrillClient(client);
        await drills.StartAsync("closed", []);
        await drills.StartAsync("open", []);
        (await client.PostAsJsonAsync("/api/partnerships/staffordshire/drills/closed/cancel", new { reason = "Duplicate" })).EnsureSuccessStatusCode();

        var purge = factory.Services.GetRequiredService<CompletedProcessPurge>();
        Assert.Equal(0, await purge.PurgeBatchAsync(CancellationToken.None)); // not old enough yet

        (await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "P31D" })).EnsureSuccessStatusCode();
        Assert.Equal(1, await purge.PurgeBatchAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/partnerships/staffordshire/drills/closed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/partnerships/staffordshire/drills/closed/history")).StatusCode);
        var listed = await client.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/partnerships/staffordshire/processes");
        Assert.Equal(["open"], listed!.Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Started_processes_missed_deadlines_sent_emails_and_wakes_in_progress_are_measured()
    {
        var measured = new List<(string Instrument, long Value, string? Kind)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WorkflowMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? kind = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "kind")
                {
                    kind = tag.Value as string;
                }
            }

            lock (measured)
            {
                measured.Add((instrument.Name, value, kind));
            }
        });
        listener.Start();

        await using var factory = new ServiceFactory();
        var client = factory.CreateClient();
        var now = (await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/dev/clock")).GetProperty("now").GetDateTimeOffset();
        await new DrillClient(client).StartAsync("counted", [("reminder", now.AddDays(1))], [("report-due", now.AddDays(1))]);
        (await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "P2D" })).EnsureSuccessStatusCode();
        listener.RecordObservableInstruments();

        lock (measured)
        {
            Assert.Contains(measured, m => m is { Instrument: "sgw.processes.started", Kind: "drill" });
            Assert.Contains(measured, m => m is { Instrument: "sgw.deadlines.missed", Kind: "drill" });
            Assert.Contains(measured, m => m.Instrument == "sgw.wakes.in_progress" && m.Value >= 0);
            Assert.Contains(measured, m => m.Instrument == "sgw.emails.sent");
        }
    }

    [Fact]
    public async Task The_orleans_dashboard_is_served()
    {
        await using var factory = new ServiceFactory();
        var response = await factory.CreateClient().GetAsync(OperationsSetup.DashboardPath + "/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
