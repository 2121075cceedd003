using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Tests.Durable;

/// <summary>
/// The engine's promises (docs/design/architecture.md, durable deadlines): every wake survives a restart, what fell due while the
/// host was down happens on recovery, and a simulated clock moved forward does everything due, in order, exactly once.
/// All against Azurite.
/// </summary>
public sealed class DurableDeadlineTests
{
    private static readonly Dictionary<string, string?> RealClock = new() { ["Clock:Mode"] = "System" };

    [Fact]
    public async Task Advancing_the_simulated_clock_30_days_does_everything_due_in_order_exactly_once()
    {
        await using var factory = new ServiceFactory();
        var client = factory.CreateClient();
        var start = await CurrentTime(client);
        var drills = new DrillClient(client);
        await drills.StartAsync(
            "p1",
            [("day-20", start.AddDays(20)), ("day-1", start.AddDays(1)), ("day-10", start.AddDays(10)), ("day-40", start.AddDays(40))],
            [("report-due", start.AddDays(5))]);

        var moved = await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "P30D" });
        moved.EnsureSuccessStatusCode();

        var view = await drills.GetAsync("p1");
        // In due order, each at its own instant (the clock stepped through them), and nothing twice.
        Assert.Equal(["day-1", "day-10", "day-20"], view.Done.Select(d => d.Name));
        Assert.Equal([start.AddDays(1), start.AddDays(10), start.AddDays(20)], view.Done.Select(d => d.DoneAt!.Value));
        Assert.Equal(3, view.TimelineTypes.Count(t => t == "step-done"));
        Assert.Equal(["report-due"], view.MissedDeadlines);
        Assert.Equal(start.AddDays(30), await CurrentTime(client));

        // Moving on again does the last step and repeats nothing.
        (await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "P15D" })).EnsureSuccessStatusCode();
        view = await drills.GetAsync("p1");
        Assert.Equal(["day-1", "day-10", "day-20", "day-40"], view.Done.Select(d => d.Name));
        Assert.Equal(4, view.TimelineTypes.Count(t => t == "step-done"));
        Assert.Equal(1, view.TimelineTypes.Count(t => t == "deadline-missed"));
    }

    [Fact]
    public async Task A_deadline_fires_after_a_host_restart()
    {
        string prefix;
        DateTimeOffset due;
        await using (var first = new ServiceFactory(RealClock))
        {
            prefix = first.StoragePrefix;
            var drills = new DrillClient(first.CreateClient());

            // Timed from when the first host is up (a loaded machine can take seconds to start one), so the step is
            // still ahead when that host stops.
            due = DateTimeOffset.UtcNow.AddSeconds(8);
            await drills.StartAsync("restart", [("after-restart", due)]);
            Assert.Empty((await drills.GetAsync("restart")).Done);
        }

        await using var second = new ServiceFactory(RealClock, prefix);
        _ = second.Server;
        // Nothing touches the process in the new host (we watch its audit log, not the grain): only its persisted reminder can wake it.
        var done = await WaitForAudit(second, "restart", TimeSpan.FromSeconds(60));
        Assert.Equal("after-restart", Assert.Single(done).Detail);
        Assert.True(done[0].At >= due, "the step must not run early");
    }

    [Fact]
    public async Task A_deadline_that_fell_due_while_the_host_was_down_fires_on_recovery()
    {
        string prefix;
        await using (var first = new ServiceFactory(RealClock))
        {
            prefix = first.StoragePrefix;
            await new DrillClient(first.CreateClient()).StartAsync("downtime", [("while-down", DateTimeOffset.UtcNow.AddSeconds(2))]);
        }

        await Task.Delay(TimeSpan.FromSeconds(5)); // the step falls due while no host runs

        await using var second = new ServiceFactory(RealClock, prefix);
        _ = second.Server;
        var done = await WaitForAudit(second, "downtime", TimeSpan.FromSeconds(60));
        Assert.Equal("while-down", Assert.Single(done).Detail);
    }

    [Fact]
    public async Task The_clock_endpoints_do_not_exist_outside_simulated_mode()
    {
        await using var factory = new ServiceFactory(RealClock);
        var response = await factory.CreateClient().GetAsync("/api/dev/clock");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"advanceBy":"three days"}""", "advanceBy")]
    [InlineData("""{"advanceBy":"-P1D"}""", "advanceBy")]
    [InlineData("""{"setTo":"2020-01-01T00:00:00Z"}""", "setTo")]
    [InlineData("""{"advanceBy":"P99999999D"}""", "advanceBy")]
    [InlineData("""{"advanceBy":"P3000000D"}""", "advanceBy")]
    [InlineData("""{"setTo":"9999-12-31T23:59:59Z"}""", "setTo")]
    [InlineData("""{}""", "advanceBy")]
    public async Task Bad_clock_moves_are_refused_naming_the_field(string body, string field)
    {
        await using var factory = new ServiceFactory();
        var client = factory.CreateClient();
        var before = await CurrentTime(client);
        var response = await client.PostAsync("/api/dev/clock", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, await CurrentTime(client));
    }

    private static async Task<DateTimeOffset> CurrentTime(HttpClient client) =>
        (await client.GetFromJsonAsync<DevClockView>("/api/dev/clock"))!.Now;

    // Reads the process's audit log straight from storage, so that looking does not activate (and so wake) the grain.
    private static async Task<IReadOnlyList<AuditRecord>> WaitForAudit(ServiceFactory factory, string id, TimeSpan timeout)
    {
        var log = factory.Services.GetRequiredService<AuditLog>();
        var key = new ProcessKey("staffordshire", "drill", id);
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var done = (await log.ReadAsync(key, CancellationToken.None)).Where(r => r.Type == "step-done").ToList();
            if (done.Count > 0)
            {
                await Task.Delay(2000); // and nothing more arrives: exactly once
                return (await log.ReadAsync(key, CancellationToken.None)).Where(r => r.Type == "step-done").ToList();
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Drill {id} did nothing within {timeout}.");
    }

    private sealed record DevClockView(DateTimeOffset Now);
}
