using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>Contributor links over HTTP: one item only, expiry, tampering, single use, and the actor they record.</summary>
public sealed class ContributorLinkAccessTests : IAsyncLifetime
{
    private const string Form = "/api/partnerships/staffordshire/rapid-reviews/rr-1/agency-summaries/police";
    private static readonly ProcessKey Review = new("staffordshire", "rapid-review", "rr-1");

    private LinkApp app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        app = await LinkApp.StartAsync();
        client = app.Client();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_link_opens_its_own_form_and_the_submission_records_the_link_as_actor()
    {
        var query = app.Links.Create(LinkApp.AgencySummary, Review, "police", LinkApp.Start.AddDays(7));
        app.Links.Read(query["?link=".Length..], out var link);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Form + query)).StatusCode);
        var posted = await client.PostAsJsonAsync(Form + query, new { text = "Our summary" });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal($"link:{link!.Id}", await posted.Content.ReadFromJsonAsync<string>());
        Assert.Equal([$"{Form} by link:{link.Id}"], app.Accepted);
    }

    [Fact]
    public async Task A_single_use_link_is_refused_after_it_was_used_but_not_after_a_refused_submission()
    {
        var query = app.Links.Create(LinkApp.AgencySummary, Review, "police", LinkApp.Start.AddDays(7));

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(Form + query, new { text = "bad" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(Form + query, new { text = "corrected" })).StatusCode);
        var reused = await client.PostAsJsonAsync(Form + query, new { text = "again" });

        await AssertProblem(reused, HttpStatusCode.Forbidden, "already been used");
        Assert.Single(app.Accepted);
    }

    [Fact]
    public async Task Of_simultaneous_submissions_with_a_single_use_link_exactly_one_gets_through()
    {
        var query = app.Links.Create(LinkApp.AgencySummary, Review, "police", LinkApp.Start.AddDays(7));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.PostAsJsonAsync(Form + query, new { text = $"copy {i}" })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Forbidden));
        Assert.Single(app.Accepted);
    }

    [Fact]
    public async Task A_reusable_link_works_until_it_expires_with_the_p_route_value()
    {
        var section = "/api/partnerships/staffordshire/annual-reports/2025-26/sections/3";
        var query = app.Links.Create(LinkApp.SectionDraft, new ProcessKey("staffordshire", "annual-report", "2025-26"), "3", LinkApp.Start.AddHours(2));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync(section + query, new { text = "draft 1" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync(section + query, new { text = "draft 2" })).StatusCode);
        await AssertProblem(await client.PutAsJsonAsync(section.Replace("/3", "/4", StringComparison.Ordinal) + query, new { text = "x" }), HttpStatusCode.Forbidden);

        app.Clock.MoveTo(LinkApp.Start.AddHours(2));

        await AssertProblem(await client.PutAsJsonAsync(section + query, new { text = "draft 3" }), HttpStatusCode.Unauthorized, "expired");
        Assert.Equal(2, app.Accepted.Count);
    }

    [Fact]
    public async Task A_link_opens_nothing_but_its_own_item()
    {
        var query = app.Links.Create(LinkApp.AgencySummary, Review, "police", LinkApp.Start.AddDays(7));

        await AssertProblem(await client.PostAsJsonAsync("/api/partnerships/staffordshire/rapid-reviews/rr-1/agency-summaries/health" + query, new { text = "x" }), HttpStatusCode.Forbidden);
        await AssertProblem(await client.PostAsJsonAsync("/api/partnerships/staffordshire/rapid-reviews/rr-2/agency-summaries/police" + query, new { text = "x" }), HttpStatusCode.Forbidden);
        await AssertProblem(await client.PostAsJsonAsync("/api/partnerships/solihull/rapid-reviews/rr-1/agency-summaries/police" + query, new { text = "x" }), HttpStatusCode.NotFound);
        await AssertProblem(await client.PostAsJsonAsync("/api/partnerships/staffordshire/rapid-reviews/rr-1/events" + query, new { text = "x" }), HttpStatusCode.Forbidden);
        await AssertProblem(await client.PutAsJsonAsync("/api/partnerships/staffordshire/annual-reports/rr-1/sections/police" + query, new { text = "x" }), HttpStatusCode.Forbidden);
        await AssertProblem(await client.GetAsync("/api/partnerships/staffordshire/processes" + query), HttpStatusCode.Forbidden);
        Assert.Empty(app.Accepted);
    }

    [Fact]
    public async Task Expired_and_tampered_links_are_401_problems()
    {
        var token = app.Links.CreateToken(LinkApp.AgencySummary, Review, "police", LinkApp.Start.AddMinutes(30));
        var forged = app.Links.CreateToken(LinkApp.AgencySummary, Review with { Id = "rr-9" }, "police", LinkApp.Start.AddDays(1)).Split('.')[0] + "." + token.Split('.')[1];

        foreach (var bad in new[] { forged, token[..^2] + (token[^2] == 'A' ? "BB" : "AA"), "garbage", "" })
        {
            await AssertProblem(await client.PostAsJsonAsync($"{Form}?link={Uri.EscapeDataString(bad)}", new { text = "x" }), HttpStatusCode.Unauthorized, "not valid");
        }

        await AssertProblem(await client.PostAsJsonAsync($"{Form}?link={token}&link={token}", new { text = "x" }), HttpStatusCode.Unauthorized);
        app.Clock.MoveTo(LinkApp.Start.AddMinutes(31));
        await AssertProblem(await client.GetAsync($"{Form}?link={token}"), HttpStatusCode.Unauthorized, "expired");
        Assert.Empty(app.Accepted);
    }

    [Fact]
    public async Task Staff_who_may_write_agency_keys_for_the_item_and_no_one_else_may_post_the_form()
    {
        var staff = app.Client();
        staff.DefaultRequestHeaders.Authorization = new("Bearer", SecureService.Token("manager@staffordshire.example", ["business-unit:staffordshire"]));
        var scrutineer = app.Client();
        scrutineer.DefaultRequestHeaders.Authorization = new("Bearer", SecureService.Token("scrutineer@example.org", ["scrutineer:staffordshire"]));
        var police = app.Client();
        police.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, SecureService.AgencyKey);

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync(Form, new { text = "on their behalf" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await police.PostAsJsonAsync(Form, new { text = "from our system" })).StatusCode);
        await AssertProblem(await police.PostAsJsonAsync(Form.Replace("police", "health", StringComparison.Ordinal), new { text = "x" }), HttpStatusCode.Forbidden);
        await AssertProblem(await police.PostAsJsonAsync("/api/partnerships/staffordshire/rapid-reviews/rr-1/events", new { text = "x" }), HttpStatusCode.Forbidden);
        await AssertProblem(await scrutineer.PostAsJsonAsync(Form, new { text = "x" }), HttpStatusCode.Forbidden);
        await AssertProblem(await app.Client().PostAsJsonAsync(Form, new { text = "x" }), HttpStatusCode.Unauthorized);
        Assert.Equal([$"{Form} by manager@staffordshire.example", $"{Form} by api-key:police-system"], app.Accepted);
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? detailContains = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (detailContains is not null)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(detailContains, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        }
    }
}
