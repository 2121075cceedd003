using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>
/// Interactive sign-in to the pages, for real: the service (as in production, <c>Auth:Mode=EntraId</c>) against
/// <see cref="FakeEntraId"/>, driven by a browser-like client — redirected to the provider, signed in there, posted back
/// with a code the service redeems, and then on its dashboard with the grants its roles and groups give.
/// </summary>
public sealed class PageSignInTests : IAsyncLifetime
{
    private static readonly Uri App = new("https://localhost/");

    private readonly LogCapture logs = new();
    private FakeEntraId provider = null!;
    private SecureService service = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }

        if (provider is not null)
        {
            await provider.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("client_secret")]
    [InlineData("private_key_jwt")]
    public async Task A_browser_without_a_session_signs_in_at_Entra_ID_and_sees_only_its_own_partnership(string credential)
    {
        await StartAsync(credential);
        provider.NextUser = new("jo.bloggs@staffordshire.example", ["business-unit:staffordshire"]);
        var browser = Browser();

        var (dashboard, landedOn) = await browser.OpenAsync(new Uri(App, "/partnerships/staffordshire"));

        Assert.True(dashboard.StatusCode == HttpStatusCode.OK, $"{(int)dashboard.StatusCode} {string.Join("; ", provider.Rejections)} {string.Join("\n", logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => l.Text))}");
        Assert.Equal("/partnerships/staffordshire", landedOn.AbsolutePath);
        Assert.Equal(
            ["localhost /partnerships/staffordshire", "login.test /test-tenant/oauth2/v2.0/authorize", "localhost /signin-oidc", "localhost /partnerships/staffordshire"],
            browser.Visited.Select(u => $"{u.Host} {u.AbsolutePath}"));
        Assert.Equal([credential], provider.ClientAuthentications);
        var html = await dashboard.Content.ReadAsStringAsync();
        Assert.Contains("Staffordshire Safeguarding Children Partnership", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/sign-out\"", html, StringComparison.Ordinal);

        // The session opens its own partnership's pages and hides every other partnership.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SendAsync(HttpMethod.Get, new Uri(App, "/partnerships/solihull"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SendAsync(HttpMethod.Get, new Uri(App, "/forms/rapid-reviews/solihull/new"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(HttpMethod.Get, new Uri(App, "/forms/rapid-reviews/staffordshire/new"))).StatusCode);
        var home = await (await browser.SendAsync(HttpMethod.Get, App)).Content.ReadAsStringAsync();
        Assert.Equal(["/partnerships/staffordshire"], Regex.Matches(home, @"href=""(/partnerships/[a-z-]+)""").Select(m => m.Groups[1].Value).Distinct());

        // The API does not take the session cookie: it still wants a bearer token or an API key, and never redirects.
        foreach (var accept in new[] { "text/html", "application/json" })
        {
            var api = await browser.SendAsync(HttpMethod.Get, new Uri(App, "/api/partnerships/staffordshire/processes"), accept: accept);
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
            Assert.Null(api.Headers.Location);
            Assert.Contains("Bearer", api.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            if (accept == "application/json")
            {
                Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task Entra_groups_give_their_mapped_grants_to_a_page_session_and_roles_that_are_not_grants_give_nothing()
    {
        await StartAsync("client_secret");
        provider.NextUser = new("panel.member@example.org", ["administrator:staffordshire"], [SecureService.ScrutinyGroup]);
        var browser = Browser();

        var (dashboard, _) = await browser.OpenAsync(new Uri(App, "/partnerships/solihull"));

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SendAsync(HttpMethod.Get, new Uri(App, "/partnerships/staffordshire"))).StatusCode);
        // A scrutineer reads; the referral form writes.
        var referral = await browser.SendAsync(HttpMethod.Get, new Uri(App, "/forms/rapid-reviews/solihull/new"));
        Assert.Equal(HttpStatusCode.OK, referral.StatusCode);
        var posted = await browser.SendAsync(HttpMethod.Post, new Uri(App, "/forms/rapid-reviews/solihull/new"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(await referral.Content.ReadAsStringAsync()),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
    }

    [Fact]
    public async Task A_link_followed_from_an_email_opens_its_page_after_signing_in_and_the_session_downloads_papers()
    {
        await StartAsync("client_secret");
        var staff = service.As("board.manager@staffordshire.example", "business-unit:staffordshire");
        Assert.Equal(HttpStatusCode.Created, (await staff.PutAsJsonAsync("/api/partnerships/staffordshire/escalations/esc-signed-in", Escalations.EscalationApi.Raise())).StatusCode);
        var link = Assert.Single(await Email.EmailedLinksOpenPagesTests.EmailedLinksAsync(staff, "esc-signed-in"));
        provider.NextUser = new("jo.bloggs@staffordshire.example", ["business-unit:staffordshire"]);
        var browser = Browser();

        var (page, landedOn) = await browser.OpenAsync(new Uri(App, link));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(link, landedOn.AbsolutePath);
        Assert.Contains(FakeEntraId.Host, browser.Visited.Select(u => u.Host));

        // The session (not the API) opens the page routes' downloads.
        Assert.Equal(HttpStatusCode.Created, (await staff.PutAsJsonAsync("/api/partnerships/staffordshire/meetings/board-signed-in", new
        {
            title = "Partnership board",
            startsAt = "2026-03-12T10:00:00Z",
            papers = new[] { new { id = "audit", title = "Multi-agency audit", author = new { name = "Bob Author", email = "bob@police.example.org", agency = "Staffordshire Police" } } },
        })).StatusCode);
        var file = new ByteArrayContent("%PDF-1.7\n% the audit\n"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsync("/api/partnerships/staffordshire/meetings/board-signed-in/papers/audit", new MultipartFormDataContent { { file, "file", "audit.pdf" } })).StatusCode);
        var paper = await browser.SendAsync(HttpMethod.Get, new Uri(App, "/partnerships/staffordshire/meetings/board-signed-in/papers/audit"));
        Assert.Equal(HttpStatusCode.OK, paper.StatusCode);
        Assert.Equal("application/pdf", paper.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SendAsync(HttpMethod.Get, new Uri(App, "/partnerships/solihull/meetings/board-signed-in/papers/audit"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Anonymous().GetAsync("/partnerships/staffordshire/meetings/board-signed-in/papers/audit?link=x.y")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_the_service_and_at_Entra_ID()
    {
        await StartAsync("client_secret");
        provider.NextUser = new("jo.bloggs@staffordshire.example", ["business-unit:staffordshire"]);
        var browser = Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.OpenAsync(new Uri(App, "/partnerships/staffordshire"))).Response.StatusCode);

        var signOut = await browser.SendAsync(HttpMethod.Get, new Uri(App, "/sign-out"));
        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        var (signedOut, landedOn) = await browser.OpenAsync(new Uri(App, "/sign-out"), HttpMethod.Post, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(await signOut.Content.ReadAsStringAsync()),
        }));

        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Equal(PageSignIn.SignedOutPath, landedOn.AbsolutePath);
        Assert.Equal(["https://localhost/signout-callback-oidc"], provider.SignOuts);
        var again = await browser.SendAsync(HttpMethod.Get, new Uri(App, "/partnerships/staffordshire"));
        Assert.Equal(HttpStatusCode.Found, again.StatusCode);
        Assert.Equal(FakeEntraId.Host, again.Headers.Location!.Host);

        // Signing out cannot be done from another site: without the page's token it is refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SendAsync(HttpMethod.Post, new Uri(App, "/sign-out"), new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task Every_page_sends_a_browser_without_a_session_to_Entra_ID_and_every_API_endpoint_answers_401()
    {
        await StartAsync("client_secret");
        var client = service.Anonymous();
        var failures = new List<string>();
        var pages = 0;
        foreach (var endpoint in EndpointCase.Of(service.Services).Where(e => !e.IsAnonymous && e.Method == "GET"))
        {
            using var response = await AuthorisationMatrixTests.Send(client, endpoint, endpoint.Url(SecureService.Own));
            var isApi = endpoint.Pattern.StartsWith("/api/", StringComparison.Ordinal);
            pages += isApi ? 0 : 1;
            var ok = isApi
                ? response.StatusCode == HttpStatusCode.Unauthorized && response.Headers.Location is null && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                : response.StatusCode == HttpStatusCode.Found && response.Headers.Location?.GetLeftPart(UriPartial.Path) == $"https://{FakeEntraId.Host}/{FakeEntraId.Tenant}/oauth2/v2.0/authorize";
            if (!ok)
            {
                failures.Add($"{endpoint}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(pages >= 10, $"only {pages} pages");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("client_secret")]
    [InlineData("private_key_jwt")]
    public async Task No_secret_code_or_token_of_a_sign_in_is_logged(string credential)
    {
        var pkcs12 = await StartAsync(credential, everythingLogged: true);
        provider.NextUser = new("jo.bloggs@staffordshire.example", ["business-unit:staffordshire"]);
        var browser = Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.OpenAsync(new Uri(App, "/partnerships/staffordshire"))).Response.StatusCode);

        var secrets = provider.Issued.Append(FakeEntraId.ClientSecret).Append(pkcs12[..40]).Append(pkcs12[^40..]).ToList();
        Assert.True(logs.Lines.Count > 100, $"only {logs.Lines.Count} lines logged");
        var leaks = logs.Lines.Where(l => secrets.Any(secret => l.Text.Contains(secret, StringComparison.Ordinal))).Select(l => $"{l.Category} {l.EventId}: {l.Text}").ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Contains(logs.Lines, l => l.EventId.Id == 1514 && !l.Text.Contains(FakeEntraId.ClientSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Behind_a_TLS_ending_ingress_the_sign_in_comes_back_to_the_https_address()
    {
        await StartAsync("client_secret");
        var request = new HttpRequestMessage(HttpMethod.Get, "http://safeguarding.example.org/partnerships/staffordshire");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var challenge = await service.Anonymous().SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, challenge.StatusCode);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        Assert.Equal("https://safeguarding.example.org/signin-oidc", query["redirect_uri"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.Equal(FakeEntraId.ClientId, query["client_id"].ToString());
    }

    [Fact]
    public async Task A_failed_or_forged_sign_in_callback_is_a_401_problem()
    {
        await StartAsync("client_secret");
        var browser = Browser();

        var forged = await browser.SendAsync(HttpMethod.Post, new Uri(App, PageSignIn.CallbackPath), new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "x", ["state"] = "y" }));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Empty(provider.ClientAuthentications);
    }

    /// <returns>The base64 PKCS#12 of the app's certificate.</returns>
    private async Task<string> StartAsync(string credential, bool everythingLogged = false)
    {
        var (certificate, pkcs12) = FakeEntraId.NewClientCertificate();
        provider = await FakeEntraId.StartAsync(certificate);
        var settings = new Dictionary<string, string?>
        {
            ["Auth:EntraId:ClientId"] = FakeEntraId.ClientId,
            ["Auth:EntraId:Authority"] = FakeEntraId.Authority,
        };
        settings[credential == "client_secret" ? "Auth:EntraId:ClientSecret" : "Auth:EntraId:ClientCertificate"] = credential == "client_secret" ? FakeEntraId.ClientSecret : pkcs12;
        if (everythingLogged)
        {
            foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "System" })
            {
                settings[$"Logging:LogLevel:{category}"] = "Trace";
            }
        }

        var backchannel = provider.Handler();
        service = new SecureService(settings, services =>
        {
            services.Configure<OpenIdConnectOptions>(PageSignIn.OpenIdConnectScheme, o => o.BackchannelHttpHandler = backchannel);
            logs.AddTo(services);
        });
        _ = service.Factory.Server;
        return pkcs12;
    }

    private TestBrowser Browser() => new(new Dictionary<string, HttpMessageHandler>
    {
        ["localhost"] = service.Factory.Server.CreateHandler(),
        [FakeEntraId.Host] = provider.Handler(),
    });

    private static string AntiforgeryToken(string html) =>
        Regex.Match(html, @"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""") is { Success: true } match
            ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException("The page has no antiforgery token.");
}
