using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>
/// A tiny OpenID Connect provider in the test process, shaped like Entra ID's v2.0 endpoints (discovery document, JWKS,
/// authorize, token, logout) at the made-up host <c>login.test</c>: nothing leaves the process. The "person at the
/// keyboard" is <see cref="NextUser"/>; the token endpoint checks the code, PKCE and the client's secret or certificate
/// assertion, and issues an RS256-signed ID token with the user's roles and groups.
/// </summary>
public sealed class FakeEntraId : IAsyncDisposable
{
    public const string Host = "login.test";
    public const string Tenant = "test-tenant";
    public const string ClientId = "6f1d2c3b-4a59-4e8d-9c7b-0a1b2c3d4e5f";
    public const string ClientSecret = "fake-entra-client-secret-7Q~b3d9f1e";

    public static readonly string Authority = $"https://{Host}/{Tenant}/v2.0";

    private static readonly string TokenEndpoint = $"https://{Host}/{Tenant}/oauth2/v2.0/token";

    private readonly WebApplication app;
    private readonly RSA rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, PendingCode> codes = new(StringComparer.Ordinal);
    private readonly X509Certificate2? clientCertificate;

    private FakeEntraId(WebApplication app, X509Certificate2? clientCertificate)
    {
        this.app = app;
        this.clientCertificate = clientCertificate;
    }

    public sealed record User(string Name, string[] Roles, string[]? Groups = null);

    /// <summary>Who signs in at the next authorize request.</summary>
    public User? NextUser { get; set; }

    /// <summary>How the app proved itself at each token request: <c>client_secret</c> or <c>private_key_jwt</c>.</summary>
    public ConcurrentQueue<string> ClientAuthentications { get; } = new();

    public ConcurrentQueue<string> SignOuts { get; } = new();

    /// <summary>Every code and token handed out: none may ever appear in the app's logs.</summary>
    public ConcurrentQueue<string> Issued { get; } = new();

    /// <summary>Why client assertions were refused, for a failing test's message.</summary>
    public ConcurrentQueue<string> Rejections { get; } = new();

    public HttpMessageHandler Handler() => app.GetTestServer().CreateHandler();

    /// <param name="clientCertificate">The public certificate the app registration trusts; null: only the client secret.</param>
    public static async Task<FakeEntraId> StartAsync(X509Certificate2? clientCertificate = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new FakeEntraId(app, clientCertificate);
        provider.Map(app);
        await app.StartAsync();
        return provider;
    }

    /// <summary>A self-signed certificate for the client assertion, and its base64 PKCS#12 as Key Vault would give it.</summary>
    public static (X509Certificate2 Public, string Pkcs12Base64) NewClientCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=safeguarding-workflows-tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)), Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12)));
    }

    private void Map(WebApplication routes)
    {
        var tenant = $"/{Tenant}";
        routes.MapGet($"{tenant}/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = $"https://{Host}/{Tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = TokenEndpoint,
            ["end_session_endpoint"] = $"https://{Host}/{Tenant}/oauth2/v2.0/logout",
            ["jwks_uri"] = $"https://{Host}/{Tenant}/discovery/v2.0/keys",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "private_key_jwt" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
        }));
        routes.MapGet($"{tenant}/discovery/v2.0/keys", () =>
        {
            var parameters = rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", kid = "fake-key", alg = "RS256", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            });
        });
        routes.MapGet($"{tenant}/oauth2/v2.0/authorize", Authorize);
        routes.MapPost($"{tenant}/oauth2/v2.0/token", Token);
        routes.MapGet($"{tenant}/oauth2/v2.0/logout", (HttpRequest request) =>
        {
            SignOuts.Enqueue(request.Query["post_logout_redirect_uri"].ToString());
            var back = QueryHelpers.AddQueryString(request.Query["post_logout_redirect_uri"].ToString(), "state", request.Query["state"].ToString());
            return Results.Redirect(back);
        });
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256"
            || !query["scope"].ToString().Split(' ').Contains("openid") || string.IsNullOrEmpty(query["redirect_uri"]) || string.IsNullOrEmpty(query["nonce"]))
        {
            return Results.BadRequest("invalid_request");
        }

        var user = NextUser ?? throw new InvalidOperationException("The test did not say who signs in.");
        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        Issued.Enqueue(code);
        codes[code] = new PendingCode(user, query["redirect_uri"]!, query["nonce"]!, query["code_challenge"]!);
        var redirectUri = query["redirect_uri"].ToString();
        var state = query["state"].ToString();
        if (query["response_mode"] == "form_post")
        {
            // What Entra ID sends: a page whose script posts the code back to the app at once.
            var html = new StringBuilder()
                .Append("<html><head><title>Working...</title></head><body onload=\"javascript:document.forms[0].submit()\">")
                .Append($"<form method=\"POST\" action=\"{WebUtility.HtmlEncode(redirectUri)}\">")
                .Append($"<input type=\"hidden\" name=\"code\" value=\"{WebUtility.HtmlEncode(code)}\" />")
                .Append($"<input type=\"hidden\" name=\"state\" value=\"{WebUtility.HtmlEncode(state)}\" />")
                .Append("</form></body></html>");
            return Results.Content(html.ToString(), "text/html");
        }

        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?> { ["code"] = code, ["state"] = state }));
    }

    private async Task<IResult> Token(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || !codes.TryRemove(form["code"].ToString(), out var pending)
            || form["redirect_uri"] != pending.RedirectUri || form["client_id"] != ClientId)
        {
            Rejections.Enqueue("invalid_grant");
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        var verifier = form["code_verifier"].ToString();
        if (verifier.Length == 0 || WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != pending.CodeChallenge)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "PKCE" }, statusCode: 400);
        }

        if (await ClientAuthenticationAsync(form) is not { } method)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        ClientAuthentications.Enqueue(method);
        var accessToken = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = $"sub-{pending.User.Name}",
            ["oid"] = Guid.NewGuid().ToString(),
            ["tid"] = Tenant,
            ["preferred_username"] = pending.User.Name,
            ["name"] = pending.User.Name,
            ["nonce"] = pending.Nonce,
            ["at_hash"] = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
        };
        if (pending.User.Roles.Length > 0)
        {
            claims["roles"] = pending.User.Roles;
        }

        if (pending.User.Groups is { Length: > 0 } groups)
        {
            claims["groups"] = groups;
        }

        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "fake-key" }, SecurityAlgorithms.RsaSha256),
        });
        Issued.Enqueue(accessToken);
        Issued.Enqueue(idToken);
        Issued.Enqueue(idToken.Split('.')[2]);
        return Results.Json(new Dictionary<string, object> { ["token_type"] = "Bearer", ["access_token"] = accessToken, ["id_token"] = idToken, ["expires_in"] = 3600 });
    }

    private async Task<string?> ClientAuthenticationAsync(IFormCollection form)
    {
        if (form["client_secret"] is { Count: 1 } secret)
        {
            return secret == ClientSecret ? "client_secret" : null;
        }

        if (clientCertificate is null || form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        {
            Rejections.Enqueue($"no client credential ({string.Join(", ", form.Keys)})");
            return null;
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(form["client_assertion"].ToString(), new TokenValidationParameters
        {
            ValidIssuer = ClientId,
            ValidAudience = TokenEndpoint,
            IssuerSigningKey = new X509SecurityKey(clientCertificate),
            RequireExpirationTime = true,
        });
        if (!result.IsValid)
        {
            Rejections.Enqueue(result.Exception?.Message ?? "invalid assertion");
            return null;
        }

        var header = ((JsonWebToken)result.SecurityToken).TryGetHeaderValue<string>("x5t", out var thumbprint) ? thumbprint : null;
        if (result.Claims.TryGetValue("sub", out var subject) && subject as string == ClientId && header == Base64UrlEncoder.Encode(clientCertificate.GetCertHash()))
        {
            return "private_key_jwt";
        }

        Rejections.Enqueue($"sub {subject}, x5t {header}");
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        rsa.Dispose();
    }

    private sealed record PendingCode(User User, string RedirectUri, string Nonce, string CodeChallenge);
}

/// <summary>
/// What a browser does that matters for sign-in, over in-memory test servers: keeps cookies per host (Secure ones over
/// https only), follows redirects, and submits the self-posting form an identity provider answers with.
/// </summary>
public sealed class TestBrowser(IReadOnlyDictionary<string, HttpMessageHandler> servers)
{
    private readonly CookieContainer cookies = new();
    private readonly Dictionary<string, HttpClient> clients = servers.ToDictionary(s => s.Key, s => new HttpClient(s.Value, disposeHandler: false), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every URL requested, in order.</summary>
    public List<Uri> Visited { get; } = [];

    /// <summary>One request, no redirects followed.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, HttpContent? content = null, string accept = "text/html")
    {
        Visited.Add(url);
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Accept.ParseAdd(accept);
        if (cookies.GetCookieHeader(url) is { Length: > 0 } cookieHeader)
        {
            request.Headers.Add("Cookie", cookieHeader);
        }

        var response = await clients[url.Host].SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                cookies.SetCookies(url, setCookie);
            }
        }

        return response;
    }

    /// <summary>Opens a page as a person would: follows redirects and self-posting forms until a page stays put.</summary>
    public async Task<(HttpResponseMessage Response, Uri Url)> OpenAsync(Uri url, HttpMethod? method = null, HttpContent? content = null)
    {
        var response = await SendAsync(method ?? HttpMethod.Get, url, content);
        for (var hop = 0; hop < 10; hop++)
        {
            if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.MovedPermanently or HttpStatusCode.RedirectKeepVerb or HttpStatusCode.PermanentRedirect)
            {
                url = new Uri(url, response.Headers.Location!);
                response = await SendAsync(HttpMethod.Get, url);
            }
            else if (response.StatusCode == HttpStatusCode.OK && SelfPostingForm(await response.Content.ReadAsStringAsync()) is var (action, fields))
            {
                url = new Uri(url, action);
                response = await SendAsync(HttpMethod.Post, url, new FormUrlEncodedContent(fields));
            }
            else
            {
                return (response, url);
            }
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    private static (string Action, Dictionary<string, string> Fields)? SelfPostingForm(string html)
    {
        if (!html.Contains("document.forms[0].submit()", StringComparison.Ordinal))
        {
            return null;
        }

        var action = System.Text.RegularExpressions.Regex.Match(html, @"<form[^>]*action=""([^""]+)""").Groups[1].Value;
        var fields = System.Text.RegularExpressions.Regex.Matches(html, @"<input type=""hidden"" name=""([^""]+)"" value=""([^""]*)""")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return (WebUtility.HtmlDecode(action), fields);
    }
}
