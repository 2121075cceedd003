using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Safeguarding.Workflows.Host.Tests.Durable;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>
/// Entra ID tokens and API keys against the real service: what is accepted, what is refused, which partnerships a
/// caller sees, and that every write records who made it.
/// </summary>
public sealed class SignInTests : IAsyncLifetime
{
    private readonly SecureService service = new();

    public async Task InitializeAsync()
    {
        _ = service.Factory.Server;
        var setup = service.As("setup@example.org", "business-unit:*");
        foreach (var (partnership, id) in new[] { ("staffordshire", "s1"), ("staffordshire", "s2"), ("staffordshire", "s3"), ("solihull", "o1") })
        {
            await new DrillClient(setup, partnership).StartAsync(id, []);
        }
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task A_staff_token_reads_and_writes_its_own_partnership_and_the_audit_log_names_the_user()
    {
        var manager = service.As("jo.bloggs@staffordshire.example", "business-unit:staffordshire");

        var list = await manager.GetFromJsonAsync<List<JsonElement>>("/api/partnerships/staffordshire/processes");
        Assert.Equal(3, list!.Count);
        var cancelled = await manager.PostAsJsonAsync("/api/partnerships/staffordshire/drills/s1/cancel", new { reason = "Not needed" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        Assert.Equal("jo.bloggs@staffordshire.example", await LastActor(manager, "staffordshire", "s1"));
    }

    [Fact]
    public async Task An_api_key_is_its_own_actor()
    {
        var county = service.WithApiKey(SecureService.CountyKey);

        Assert.Equal(HttpStatusCode.OK, (await county.PostAsJsonAsync("/api/partnerships/staffordshire/drills/s2/cancel", new { reason = "Closed in the case system" })).StatusCode);

        Assert.Equal("api-key:county-system", await LastActor(county, "staffordshire", "s2"));
    }

    [Fact]
    public async Task Another_partnerships_processes_are_404_and_the_listing_shows_only_ones_own()
    {
        var manager = service.As("jo.bloggs@staffordshire.example", "business-unit:staffordshire");

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/partnerships/solihull/processes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/partnerships/solihull/drills/o1/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync("/api/partnerships/solihull/drills/o1/cancel", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/partnerships/solihull")).StatusCode);
        Assert.Equal(["staffordshire"], await PartnershipIds(manager));

        var both = service.As("reader@example.org", "read-only:staffordshire", "scrutineer:solihull");
        Assert.Equal(["solihull", "staffordshire"], await PartnershipIds(both));
        var everywhere = service.As("auditor@example.org", "read-only:*");
        Assert.Equal(6, (await PartnershipIds(everywhere)).Count);
    }

    [Fact]
    public async Task Entra_groups_map_to_grants_by_configuration()
    {
        var token = SecureService.Token("panel.member@example.org", [], groups: [SecureService.ScrutinyGroup, "00000000-0000-0000-0000-000000000000"]);
        var member = service.WithToken(token);

        Assert.Equal(["solihull"], await PartnershipIds(member));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/partnerships/solihull/processes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/partnerships/solihull/drills/o1/cancel", new { reason = "x" })).StatusCode);
    }

    [Fact]
    public async Task Roles_that_are_not_grants_give_nothing()
    {
        var odd = service.As("odd@example.org", "business-unit", "administrator:staffordshire", "business-unit:", ":staffordshire");

        Assert.Equal(HttpStatusCode.Forbidden, (await odd.GetAsync("/api/partnerships")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await odd.GetAsync("/api/partnerships/staffordshire/processes")).StatusCode);
    }

    [Fact]
    public async Task The_dev_clock_needs_an_operator_not_one_partnerships_business_unit()
    {
        var partner = service.As("partner@police.example", "safeguarding-partner:*");

        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/dev/clock")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "P1D" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/api/calendar/bank-holidays?year=2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As("bm@solihull.example", "business-unit:solihull").GetAsync("/api/dev/clock")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.As("ops@county.example", "operator:*").GetAsync("/api/dev/clock")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.As("bm@county.example", "business-unit:*").GetAsync("/api/dev/clock")).StatusCode);
    }

    [Fact]
    public async Task Working_days_by_a_partnerships_calendar_are_only_for_its_own_people()
    {
        const string Url = "/api/calendar/working-days?from=2026-01-05&add=3";
        var reader = service.As("reader@staffordshire.example", "read-only:staffordshire");

        Assert.Equal("2026-01-08", (await reader.GetFromJsonAsync<JsonElement>($"{Url}&partnership=staffordshire")).GetProperty("date").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(Url)).StatusCode);
        foreach (var other in new[] { "&partnership=solihull", "&partnership=staffordshire&partnership=solihull", "&partnership=nowhere" })
        {
            var hidden = await reader.GetAsync(Url + other);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.Equal("application/problem+json", hidden.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.OK, (await service.As("auditor@example.org", "read-only:*").GetAsync($"{Url}&partnership=solihull")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.WithApiKey(SecureService.AgencyKey).GetAsync($"{Url}&partnership=staffordshire")).StatusCode);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong-audience")]
    [InlineData("wrong-key")]
    [InlineData("not-a-token")]
    [InlineData("unsigned")]
    public async Task Bad_tokens_are_401_problems(string kind)
    {
        var good = SecureService.Token("x@example.org", ["business-unit:staffordshire"]);
        var token = kind switch
        {
            "expired" => SecureService.Token("x@example.org", ["business-unit:staffordshire"], expires: DateTime.UtcNow.AddMinutes(-10)),
            "wrong-audience" => SecureService.Token("x@example.org", ["business-unit:staffordshire"], audience: "api://someone-else"),
            "wrong-key" => SecureService.Token("x@example.org", ["business-unit:staffordshire"], key: new SymmetricSecurityKey(new byte[32]) { KeyId = "test-key" }),
            "unsigned" => string.Join('.', good.Split('.')[..2]) + ".",
            _ => "not-a-token",
        };

        var response = await service.WithToken(token).GetAsync("/api/partnerships/staffordshire/processes");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sgw-test-agency-3b1f0e9d7c5a4b2e8f6d0c1a9e7b5d3")]
    [InlineData("sgw-test-agency-3b1f0e9d7c5a4b2e8f6d0c1a9e7b5d3f ")]
    [InlineData("c4e9f0d0e1f5ab3cb3c0cbd9ee77c5e6c1e2bd1c4b3f2d8d2e2b6b8c9a2e1f00")]
    public async Task Unknown_api_keys_are_401_problems(string key)
    {
        var response = await service.WithApiKey(key).GetAsync("/api/partnerships/staffordshire/processes");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_agency_contributor_key_cannot_read_or_change_processes()
    {
        var police = service.WithApiKey(SecureService.AgencyKey);

        Assert.Equal(HttpStatusCode.Forbidden, (await police.GetAsync("/api/partnerships/staffordshire/processes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await police.PostAsJsonAsync("/api/partnerships/staffordshire/drills/s3/cancel", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync("/api/partnerships/solihull/processes")).StatusCode);
    }

    private static async Task<string?> LastActor(HttpClient client, string partnership, string id)
    {
        var history = await client.GetFromJsonAsync<List<JsonElement>>($"/api/partnerships/{partnership}/drills/{id}/history");
        return history!.Last().GetProperty("actor").GetString();
    }

    private static async Task<List<string>> PartnershipIds(HttpClient client) =>
        (await client.GetFromJsonAsync<List<JsonElement>>("/api/partnerships"))!.Select(p => p.GetProperty("id").GetString()!).Order().ToList();
}
