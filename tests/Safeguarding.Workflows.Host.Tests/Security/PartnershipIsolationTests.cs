using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Host.Tests.Email;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Notifications.Sending;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>
/// Two partnership-scoped business units, each with its own API key, and emails (sent and failed) of both
/// partnerships: neither may read, nor retry, the other's through any route the service has — the ones with a
/// partnership in them and the ones without.
/// </summary>
public sealed class PartnershipIsolationTests : IAsyncLifetime
{
    private const string Warwickshire = "warwickshire";
    private const string WarwickKey = "sgw-test-warwick-0c2e4a6b8d1f3e5a7c9b2d4f6a8c0e1b";

    private readonly SecureService service = new(new Dictionary<string, string?>
    {
        ["Auth:ApiKeys:warwick-system:Hash"] = ApiKeyHash.Of(WarwickKey),
        ["Auth:ApiKeys:warwick-system:Role"] = Roles.BusinessUnit,
        ["Auth:ApiKeys:warwick-system:Partnerships"] = Warwickshire,
    });

    /// <summary>What each partnership's emails carry that no other partnership's caller may ever see.</summary>
    private static string Marker(string partnership) => $"RR-{partnership.ToUpperInvariant()}-ONLY";

    private static string SentId(string partnership) => $"{partnership}/rapid-review/rr-{partnership}/agency-summary-request";

    private static string FailedId(string partnership) => $"{partnership}/rapid-review/rr-{partnership}/unwritten";

    public async Task InitializeAsync()
    {
        var queue = service.Services.GetRequiredService<EmailQueue>();
        foreach (var partnership in new[] { SecureService.Own, Warwickshire })
        {
            var link = $"/forms/{partnership}/rapid-reviews/rr-{partnership}/agency-summaries/police";
            await queue.EnqueueAsync(TestEmails.Outgoing(SentId(partnership), "test/notice", Marker(partnership), link), CancellationToken.None);
            await queue.EnqueueAsync(TestEmails.Outgoing(FailedId(partnership), "meetings/not-yet-written", Marker(partnership), link), CancellationToken.None);
        }

        Assert.True(await queue.WaitUntilIdleAsync(TimeSpan.FromSeconds(30)), "Email delivery did not settle.");
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    public static TheoryData<string, string, string> BusinessUnits => new()
    {
        { SecureService.CountyKey, SecureService.Own, Warwickshire },
        { WarwickKey, Warwickshire, SecureService.Own },
    };

    [Theory]
    [MemberData(nameof(BusinessUnits))]
    public async Task A_business_unit_reads_its_own_emails_and_none_of_another_partnerships(string key, string own, string other)
    {
        var client = service.WithApiKey(key);

        foreach (var url in new[] { "/api/outbox", $"/api/partnerships/{own}/emails" })
        {
            var sent = await ListAsync(client, url);
            Assert.Equal([SentId(own)], sent.Select(e => e.GetProperty("id").GetString()));
        }

        foreach (var url in new[] { "/api/outbox/failed", $"/api/partnerships/{own}/emails/failed" })
        {
            var failed = await ListAsync(client, url);
            Assert.Equal([FailedId(own)], failed.Select(e => e.GetProperty("id").GetString()));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/partnerships/{other}/emails")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/partnerships/{other}/emails/failed")).StatusCode);
        var othersFailed = Uri.EscapeDataString(FailedId(other));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/outbox/failed/{othersFailed}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/partnerships/{own}/emails/failed/{othersFailed}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/partnerships/{other}/emails/failed/{othersFailed}/retry", null)).StatusCode);
        Assert.Single(await ListAsync(service.WithApiKey(key == WarwickKey ? SecureService.CountyKey : WarwickKey), "/api/outbox/failed"));
    }

    [Theory]
    [MemberData(nameof(BusinessUnits))]
    public async Task No_route_shows_a_business_unit_anything_of_another_partnership(string key, string own, string other)
    {
        var client = service.WithApiKey(key);
        var leaks = new List<string>();
        var read = 0;
        foreach (var endpoint in EndpointCase.Of(service.Services).Where(e => e.Method == "GET"))
        {
            using var response = await AuthorisationMatrixTests.Send(client, endpoint, endpoint.Url(own));
            if (response.Content.Headers.ContentType?.MediaType is "text/event-stream")
            {
                continue;
            }

            var body = await response.Content.ReadAsStringAsync();
            read++;
            if (body.Contains(Marker(other), StringComparison.Ordinal) || body.Contains($"rr-{other}", StringComparison.Ordinal))
            {
                leaks.Add($"{endpoint} ({(int)response.StatusCode})");
            }
        }

        Assert.True(read > 10, $"only {read} routes read");
        Assert.True(leaks.Count == 0, "Another partnership's emails were shown by:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task The_business_unit_of_every_partnership_reads_every_partnerships_emails()
    {
        var client = service.As("manager@county.example", "business-unit:*");

        var sent = await ListAsync(client, "/api/outbox");

        Assert.Equal([SentId(SecureService.Own), SentId(Warwickshire)], sent.Select(e => e.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
