using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Host.Pages;
using Safeguarding.Workflows.Host.Tests.Durable;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>What bad input gets: size limits, media types, hostile text, too many requests; and the response headers.</summary>
public sealed class InputLimitsTests : IAsyncLifetime
{
    private const string Cancel = "/api/partnerships/staffordshire/drills/d1/cancel";
    private readonly ServiceFactory factory = new();
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        client = factory.CreateClient();
        await new DrillClient(client).StartAsync("d1", []);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_body_over_1_MiB_is_a_413_problem_whether_or_not_it_declares_its_length()
    {
        var big = "{\"reason\":\"" + new string('a', 1024 * 1024) + "\"}";

        var declared = await client.PostAsync(Cancel, new StringContent(big, Encoding.UTF8, "application/json"));
        var streamed = await client.PostAsync(Cancel, new UnsizedContent(Encoding.UTF8.GetBytes(big), "application/json"));

        await AssertProblem(declared, HttpStatusCode.RequestEntityTooLarge, "body");
        await AssertProblem(streamed, HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Equal("open", (await Drill()).Status);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_read_even_without_a_declared_length()
    {
        var response = await client.PostAsync(Cancel, new UnsizedContent("{\"reason\":\"Streamed\"}"u8.ToArray(), "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", (await Drill()).Status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task Anything_but_UTF8_JSON_is_a_415_problem(string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"reason\":\"x\"}"));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        await AssertProblem(await client.PostAsync(Cancel, content), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("open", (await Drill()).Status);
    }

    [Theory]
    [InlineData("Meeting cancelled \u202Eflow.exe")]
    [InlineData("Jay\u200Bden")]
    [InlineData("escape \u001B[2J")]
    public async Task Hidden_characters_are_a_400_problem_naming_the_field(string reason)
    {
        await AssertProblem(await client.PostAsJsonAsync(Cancel, new { reason }), HttpStatusCode.BadRequest, "reason");
        Assert.Equal("open", (await Drill()).Status);
    }

    [Theory]
    [InlineData("left-to-right\u200Emark")]
    [InlineData("right-to-left\u200Fmark")]
    [InlineData("Arabic letter\u061Cmark")]
    [InlineData("zero-width\u200Cnon-joiner")]
    [InlineData("zero-width\u200Djoiner")]
    [InlineData("soft\u00ADhyphen")]
    [InlineData("Mongolian\u180Eseparator")]
    [InlineData("line\u2028separator")]
    [InlineData("combining\u034Fgrapheme joiner")]
    [InlineData("tag \U000E0041\U000E0042 characters")]
    public async Task Invisible_marks_joiners_separators_and_tag_characters_are_a_400_problem(string reason)
    {
        await AssertProblem(await client.PostAsJsonAsync(Cancel, new { reason }), HttpStatusCode.BadRequest, "reason");
        await AssertProblem(await client.GetAsync("/api/partnerships/staffordshire/drills/" + Uri.EscapeDataString("d1" + reason) + "/history"), HttpStatusCode.BadRequest, "id");
        Assert.Equal("open", (await Drill()).Status);
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_is_a_415_problem()
    {
        var content = new ByteArrayContent([.. "{\"reason\":\"caf"u8, 0xE9, .. "\"}"u8]);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        await AssertProblem(await client.PostAsync(Cancel, content), HttpStatusCode.UnsupportedMediaType, "body");
        Assert.Equal("open", (await Drill()).Status);
    }

    /// <summary>
    /// A NUL in the path never reaches the service: Kestrel (and the test server) refuse the request line first. One in
    /// a query value or a page's form does, and is refused there, never a 500.
    /// </summary>
    [Fact]
    public async Task A_NUL_in_a_query_or_a_form_is_a_400_problem()
    {
        await AssertProblem(await client.GetAsync("/api/outbox?to=a%00b"), HttpStatusCode.BadRequest, "to");
        await AssertProblem(await client.GetAsync("/api/outbox?to=a%E2%80%AEb"), HttpStatusCode.BadRequest, "to");
        // ASP.NET's form reader refuses to decode a NUL at all, so the problem names the whole body.
        var form = new StringContent("reason=a%00b", Encoding.UTF8, "application/x-www-form-urlencoded");
        await AssertProblem(await client.PostAsync("/forms/escalations/staffordshire/new", form), HttpStatusCode.BadRequest, "body");
        var hidden = new StringContent("reason=a%E2%80%AEb", Encoding.UTF8, "application/x-www-form-urlencoded");
        await AssertProblem(await client.PostAsync("/forms/escalations/staffordshire/new", hidden), HttpStatusCode.BadRequest, "reason");
        var broken = new StringContent("reason=%E9%ZZ", Encoding.UTF8, "application/x-www-form-urlencoded");
        Assert.True((int)(await client.PostAsync("/forms/escalations/staffordshire/new", broken)).StatusCode < 500);
    }

    [Theory]
    [InlineData("GET", 201)]
    [InlineData("POST", 201)]
    [InlineData("GET", 3000)]
    [InlineData("POST", 3000)]
    public async Task Ids_longer_than_200_characters_are_a_400_problem_naming_the_route_value(string method, int length)
    {
        var id = new string('x', length);
        var request = new HttpRequestMessage(new HttpMethod(method), $"/api/partnerships/staffordshire/drills/{id}/{(method == "GET" ? "history" : "cancel")}")
        {
            Content = method == "GET" ? null : JsonContent.Create(new { reason = "A valid reason" }),
        };

        await AssertProblem(await client.SendAsync(request), HttpStatusCode.BadRequest, "id");
    }

    [Fact]
    public async Task Ids_with_hidden_characters_are_a_400_problem()
    {
        await AssertProblem(await client.GetAsync("/api/partnerships/staffordshire/drills/a%E2%80%AEb/history"), HttpStatusCode.BadRequest, "id");
        await AssertProblem(await client.PostAsJsonAsync("/api/partnerships/staffordshire/drills/d1%07/cancel", new { reason = "x" }), HttpStatusCode.BadRequest, "id");
        Assert.Equal("open", (await Drill()).Status);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        foreach (var response in new[] { await client.GetAsync("/health"), await client.GetAsync("/no/such/route"), await client.PostAsJsonAsync(Cancel, new { reason = "" }) })
        {
            var headers = response.Headers;
            Assert.Equal("default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", string.Join(",", headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", string.Join(",", headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", string.Join(",", headers.GetValues("X-Frame-Options")));
            Assert.StartsWith("max-age=", string.Join(",", headers.GetValues("Strict-Transport-Security")));
            Assert.True(headers.CacheControl?.NoStore);
        }
    }

    [Fact]
    public async Task Page_assets_carry_the_security_headers_and_keep_their_own_caching()
    {
        var response = await client.GetAsync("/assets/app/app.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_Secure_behind_an_ingress_that_ended_TLS()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/forms/escalations/staffordshire/new");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sgw-antiforgery=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_antiforgery_cookie_is_always_Secure_outside_development_and_tests()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.AddPages();
        using var services = builder.Services.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;

        Assert.Equal(CookieSecurePolicy.Always, options.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task No_HSTS_in_development()
    {
        await using var development = factory.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        var response = await development.CreateClient().GetAsync("/health");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Too_many_requests_from_one_client_are_a_429_problem_with_retry_after_and_others_go_on()
    {
        await using var service = new SecureService(new Dictionary<string, string?> { ["Security:RateLimit:Burst"] = "3", ["Security:RateLimit:RequestsPerSecond"] = "1" });
        var hasty = service.As("hasty@example.org", "read-only:staffordshire");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await hasty.GetAsync("/api/partnerships/staffordshire/processes");
            statuses.Add(last.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        await AssertProblem(last, HttpStatusCode.TooManyRequests);
        Assert.True(last.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var patient = service.As("patient@example.org", "read-only:staffordshire");
        Assert.Equal(HttpStatusCode.OK, (await patient.GetAsync("/api/partnerships/staffordshire/processes")).StatusCode);
    }

    private async Task<DrillClient.Drill> Drill() => await new DrillClient(client).GetAsync("d1");

    internal static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem should name '{field}': {problem}");
        }
    }

    /// <summary>A body sent without Content-Length (chunked), as a client streaming it would.</summary>
    internal sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] bytes;

        public UnsizedContent(byte[] bytes, string contentType)
        {
            this.bytes = bytes;
            Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            foreach (var chunk in bytes.Chunk(64 * 1024))
            {
                await stream.WriteAsync(chunk);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
