using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Notifications;
using Safeguarding.Workflows.Notifications.Sending;
using Safeguarding.Workflows.Notifications.Sending.Outbox;

namespace Safeguarding.Workflows.Host.Tests.Reliability;

/// <summary>
/// An email provider that fails every other call with a transient error, across many messages from real processes:
/// every message is still delivered exactly once. (One message retried through a scripted sender is covered by
/// Notifications.Tests' DeliveryWorkerTests.Transient_failures_are_retried_until_the_message_is_sent.)
/// </summary>
public sealed class FlakyEmailProviderTests
{
    private const int Drills = 40;

    [Fact]
    public async Task A_provider_failing_half_its_calls_still_delivers_every_message_once()
    {
        var flaky = new HalfFailingSender();
        await using var factory = new ServiceFactory(new Dictionary<string, string?>
        {
            ["Email:InitialBackoff"] = "00:00:00.500",
            ["Email:MaxBackoff"] = "00:00:01",
            ["Email:MaxAttempts"] = "20",
        });
        await using var service = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<IEmailSender>(sp =>
            {
                flaky.Inner = new OutboxSender(sp.GetRequiredService<Outbox>(), sp.GetKeyedService<TimeProvider>(EmailDeliveryExtensions.ProcessClockKey) ?? sp.GetRequiredService<TimeProvider>());
                return flaky;
            })));
        using var client = service.CreateClient();

        var now = (await client.GetFromJsonAsync<Clock>("/api/dev/clock"))!.Now;
        var ids = Enumerable.Range(0, Drills).Select(i => $"e{i}").ToList();
        foreach (var id in ids)
        {
            await DrillLedger.StartAsync(client, id, now.AddMinutes(30));
        }

        (await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "PT1H" })).EnsureSuccessStatusCode();

        var outbox = new List<string>();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < until && outbox.Count < Drills)
        {
            await Task.Delay(500);
            outbox = await DrillLedger.OutboxIdsAsync(client);
        }

        Assert.Equal(ids.Select(DrillLedger.MessageId).Order(), outbox.Order());
        Assert.True(flaky.Failures >= Drills / 2, $"Only {flaky.Failures} calls failed.");
        Assert.Equal(Drills, flaky.Successes);
        Assert.Empty((await client.GetFromJsonAsync<List<DrillLedger.OutboxItem>>("/api/outbox/failed"))!);
    }

    private sealed record Clock(DateTimeOffset Now);

    /// <summary>Every odd-numbered call fails as a provider's 503 would.</summary>
    private sealed class HalfFailingSender : IEmailSender
    {
        private int calls;
        private int failures;
        private int successes;

        public IEmailSender? Inner { get; set; }

        public int Failures => failures;

        public int Successes => successes;

        public async Task SendAsync(RenderedEmail email, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) % 2 == 1)
            {
                Interlocked.Increment(ref failures);
                throw new EmailDeliveryException("provider busy", 503);
            }

            await Inner!.SendAsync(email, cancellationToken);
            Interlocked.Increment(ref successes);
        }
    }
}
