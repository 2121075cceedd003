using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Storage;
using Safeguarding.Workflows.Storage.Processes;
using Safeguarding.Workflows.Host.Tests.Reliability;

namespace Safeguarding.Workflows.Host.Tests.Durable;

/// <summary>
/// A wake that sends email saves once when it is due; the row's list of emails to hand over is cleared later (the
/// process's next save, or when the grain is put away), and an email handed over twice is still sent once.
/// Against Azurite.
/// </summary>
public sealed class HandedOverEmailsTests
{
    [Fact]
    public async Task A_step_that_sends_email_is_saved_once_and_its_row_tidied_when_the_grain_is_put_away()
    {
        await using var factory = new ServiceFactory();
        var client = factory.CreateClient();
        var start = (await client.GetFromJsonAsync<JsonElement>("/api/dev/clock")).GetProperty("now").GetDateTimeOffset();
        await DrillLedger.StartAsync(client, "tidy", start.AddDays(1));

        (await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "P2D" })).EnsureSuccessStatusCode();

        Assert.Equal([DrillLedger.MessageId("tidy")], await DrillLedger.OutboxIdsAsync(client));
        // The step's one save listed the email; nothing has saved the row since it was queued.
        Assert.Equal(1, await UnsentInRowAsync(factory.StoragePrefix, "tidy"));
        var updatedAt = await UpdatedAtAsync(client, "tidy");
        Assert.Equal(start.AddDays(1), updatedAt);

        await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Poll.UntilAsync(async () => await UnsentInRowAsync(factory.StoragePrefix, "tidy") == 0, "the row to be tidied");

        // Tidying is not a change: the process keeps its last-updated time, and waking it again sends nothing more.
        Assert.Equal(updatedAt, await UpdatedAtAsync(client, "tidy"));
        (await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "P1D" })).EnsureSuccessStatusCode();
        Assert.Equal([DrillLedger.MessageId("tidy")], await DrillLedger.OutboxIdsAsync(client));
    }

    [Fact]
    public async Task A_host_shutting_down_tidies_the_rows_so_a_restart_sends_nothing_again()
    {
        var realClock = new Dictionary<string, string?> { ["Clock:Mode"] = "System" };
        string prefix;
        await using (var first = new ServiceFactory(realClock))
        {
            prefix = first.StoragePrefix;
            var client = first.CreateClient();
            await DrillLedger.StartAsync(client, "restart", DateTimeOffset.UtcNow.AddSeconds(2));
            await Poll.UntilAsync(async () => (await DrillLedger.OutboxIdsAsync(client)).Count > 0, "the email to be sent");
            Assert.Equal(1, await UnsentInRowAsync(prefix, "restart"));
        }

        Assert.Equal(0, await UnsentInRowAsync(prefix, "restart"));

        // (A host that dies instead leaves the row listing the email: HostKillTests show each is still sent once.)
        await using var second = new ServiceFactory(realClock, prefix);
        var restarted = second.CreateClient();
        Assert.Single((await new DrillClient(restarted).GetAsync("restart")).Done);
        Assert.True(await second.Services.GetRequiredService<EmailQueue>().WaitUntilIdleAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([DrillLedger.MessageId("restart")], await DrillLedger.OutboxIdsAsync(restarted));
    }

    // Straight from the table, so that looking does not activate the grain.
    private static async Task<int> UnsentInRowAsync(string prefix, string drillId)
    {
        var stored = await new ProcessStore(new StorageClients(new StorageOptions { ConnectionString = TestStorage.ConnectionString, Prefix = prefix }))
            .ReadAsync(new ProcessKey(DrillLedger.Partnership, "drill", drillId), CancellationToken.None);
        using var row = JsonDocument.Parse(stored!.State);
        return row.RootElement.GetProperty("unsentEmails").GetArrayLength();
    }

    private static async Task<DateTimeOffset> UpdatedAtAsync(HttpClient client, string drillId)
    {
        var list = await client.GetFromJsonAsync<List<JsonElement>>($"/api/partnerships/{DrillLedger.Partnership}/processes?kind=drill");
        return list!.Single(p => p.GetProperty("id").GetString() == drillId).GetProperty("updatedAt").GetDateTimeOffset();
    }
}
