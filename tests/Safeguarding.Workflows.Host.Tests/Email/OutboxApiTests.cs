using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Notifications.Sending;
using Safeguarding.Workflows.Notifications.Sending.Outbox;

namespace Safeguarding.Workflows.Host.Tests.Email;

public sealed class OutboxApiTests
{
    private static OutgoingEmail Notice(string id, string processKey = "solihull/rapid-review/rr-1", string to = "lead@agency.example", string template = "test/notice") => new(
        id,
        "solihull",
        processKey,
        template,
        [new EmailRecipient("Safeguarding Lead", to)],
        new Dictionary<string, string>
        {
            ["partnershipName"] = "Solihull Safeguarding Children Partnership",
            ["reference"] = "RR-2026-014",
            ["note"] = "Please check the agency summary form.",
            ["link"] = "/forms/solihull/rapid-reviews/rr-1",
        },
        new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static async Task SendAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, params OutgoingEmail[] emails)
    {
        var queue = factory.Services.GetRequiredService<EmailQueue>();
        foreach (var email in emails)
        {
            await queue.EnqueueAsync(email, CancellationToken.None);
            Assert.True(await queue.WaitUntilIdleAsync(TimeSpan.FromSeconds(30)), "Email delivery did not settle.");
        }
    }

    [Fact]
    public async Task An_empty_outbox_is_an_empty_list()
    {
        await using var factory = new ServiceFactory();

        var response = await factory.CreateClient().GetAsync("/api/outbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Lists_sent_messages_newest_last_with_the_contract_fields()
    {
        await using var factory = new ServiceFactory();
        await SendAsync(factory, Notice("solihull/rapid-review/rr-1/first"), Notice("solihull/rapid-review/rr-1/second"));

        using var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/api/outbox"));

        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["solihull/rapid-review/rr-1/first", "solihull/rapid-review/rr-1/second"], entries.Select(e => e.GetProperty("id").GetString()));
        var first = entries[0];
        Assert.Equal("lead@agency.example", Assert.Single(first.GetProperty("to").EnumerateArray()).GetString());
        Assert.Equal("Solihull Safeguarding Children Partnership: test notice RR-2026-014", first.GetProperty("subject").GetString());
        Assert.True(first.GetProperty("sentAt").GetDateTimeOffset() <= entries[1].GetProperty("sentAt").GetDateTimeOffset());
        Assert.Equal("rr-1", first.GetProperty("processId").GetString());
        Assert.Equal("test/notice", first.GetProperty("kind").GetString());
        var baseUrl = factory.Services.GetRequiredService<IOptions<EmailOptions>>().Value.PublicBaseUrl;
        Assert.Contains($"{baseUrl}/forms/solihull/rapid-reviews/rr-1", first.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Filters_by_to_process_and_since()
    {
        await using var factory = new ServiceFactory();
        await SendAsync(factory, Notice("a"), Notice("b", to: "chair@partnership.example"), Notice("c", processKey: "solihull/meeting/m-1"));
        var client = factory.CreateClient();

        async Task<List<string?>> Ids(string query)
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync("/api/outbox" + query));
            return [.. json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString())];
        }

        Assert.Equal(["b"], await Ids("?to=chair@partnership.example"));
        Assert.Equal(["a", "b"], await Ids("?processId=rr-1"));
        Assert.Equal(["c"], await Ids("?processId=m-1&to=lead@agency.example"));
        Assert.Empty(await Ids("?since=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))));
        Assert.Equal(3, (await Ids("?since=2020-01-01T00:00:00Z")).Count);
    }

    [Fact]
    public async Task An_invalid_since_is_a_400_naming_the_field()
    {
        await using var factory = new ServiceFactory();

        var response = await factory.CreateClient().GetAsync("/api/outbox?since=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty("since", out _));
    }

    [Fact]
    public async Task The_outbox_is_404_when_another_provider_sends()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string?>
        {
            ["Email:Provider"] = "SendGrid",
            ["Email:SendGrid:ApiKey"] = "SG.test",
            ["Email:From"] = "noreply@partnership.example",
        });

        var response = await factory.CreateClient().GetAsync("/api/outbox");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Failed_messages_are_listed_and_can_be_retried()
    {
        var sender = new SwitchableSender();
        await using var factory = new ServiceFactory().WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Replace(ServiceDescriptor.Singleton<IEmailSender>(sp => sender.Wrap(ActivatorUtilities.CreateInstance<OutboxSender>(sp))))));
        var client = factory.CreateClient();
        await SendAsync(factory, Notice("solihull/rapid-review/rr-1/agency-summary-reminder"));

        using (var json = JsonDocument.Parse(await client.GetStringAsync("/api/outbox/failed")))
        {
            var failed = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal("solihull/rapid-review/rr-1/agency-summary-reminder", failed.GetProperty("id").GetString());
            Assert.Equal("rr-1", failed.GetProperty("processId").GetString());
            Assert.Equal("test/notice", failed.GetProperty("kind").GetString());
            Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
            Assert.Contains("401", failed.GetProperty("lastError").GetString());
            Assert.True(failed.TryGetProperty("failedAt", out _));
        }

        Assert.Equal("[]", await client.GetStringAsync("/api/outbox"));

        sender.Failing = false;
        var retry = await client.PostAsync("/api/outbox/failed/" + Uri.EscapeDataString("solihull/rapid-review/rr-1/agency-summary-reminder") + "/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.True(await factory.Services.GetRequiredService<EmailQueue>().WaitUntilIdleAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("[]", await client.GetStringAsync("/api/outbox/failed"));
        var sent = await client.GetFromJsonAsync<JsonElement>("/api/outbox");
        Assert.Equal("solihull/rapid-review/rr-1/agency-summary-reminder", Assert.Single(sent.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_message_whose_template_is_unknown_is_listed_as_failed()
    {
        await using var factory = new ServiceFactory();
        await SendAsync(factory, Notice("x/1", template: "meetings/not-yet-written"));

        using var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/api/outbox/failed"));

        var failed = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("meetings/not-yet-written", failed.GetProperty("kind").GetString());
        Assert.Contains("no email template", failed.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task Retrying_an_unknown_message_is_a_404_problem()
    {
        await using var factory = new ServiceFactory();

        var response = await factory.CreateClient().PostAsync("/api/outbox/failed/no-such-message/retry", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Answers 401 (a bad API key) until the test fixes it, then sends through the real Outbox provider.</summary>
    private sealed class SwitchableSender
    {
        public volatile bool Failing = true;

        public IEmailSender Wrap(IEmailSender inner) => new Sender(this, inner);

        private sealed class Sender(SwitchableSender owner, IEmailSender inner) : IEmailSender
        {
            public Task SendAsync(RenderedEmail email, CancellationToken cancellationToken) => owner.Failing
                ? Task.FromException(new EmailDeliveryException("The provider answered HTTP 401.", 401))
                : inner.SendAsync(email, cancellationToken);
        }
    }
}
