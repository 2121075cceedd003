using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Notifications.Rendering;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>
/// Who may do what, in which partnership, and what bad input gets. Applied globally, so an endpoint is protected
/// without doing anything: it needs a signed-in caller with a role in the route's partnership that allows the method.
/// Exceptions are declared on the endpoint (<see cref="EndpointSecurity"/>, <c>.AllowAnonymous()</c>).
/// </summary>
public static partial class SecuritySetup
{
    /// <summary>The one authentication scheme endpoints see; it forwards to the scheme the request's credentials need.</summary>
    public const string Scheme = "Safeguarding";

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton(CreateLinkSigningKey);
        services.AddSingleton<ContributorLinks>();
        // Emails sent to contributors carry signed links to their one form (the email renderer's seam).
        services.AddSingleton<IEmailLinkSigner, ContributorEmailLinks>();
        services.AddSingleton<ConsumedLinks>();
        services.AddHostedService<StartupReport>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Entra ID, API key, contributor link or local user", o => o.ForwardDefaultSelector = SchemeFor)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ContributorLinkAuthenticationHandler>(ContributorLinkAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, DevelopmentAuthenticationHandler>(DevelopmentAuthenticationHandler.SchemeName, null)
            .AddJwtBearer()
            .AddPageSignIn(builder.Configuration);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => EntraIdAuthentication.Configure(jwt, auth.Value.EntraId));

        var signedIn = new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(signedIn)
            .SetDefaultPolicy(signedIn)
            .AddPolicy(EndpointSecurity.ContributorLinkPolicy, signedIn);

        services.AddClientRateLimits();

        // Azure Container Apps (like App Service) ends TLS at its ingress and says so in X-Forwarded-Proto: without it the
        // page sign-in would send Entra ID an http redirect URI. Only the scheme is taken; client addresses are not.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });

        // Request URLs may carry contributor link tokens and whatever a caller typed into them: never log them, even
        // when someone turns ASP.NET's request logging up to find a problem.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // The sign-in handler traces the authorization code it receives; the code is single-use and PKCE-bound, but is
        // still a credential for a moment.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Authentication.OpenIdConnect", LogLevel.Information);
        return builder;
    }

    /// <summary>
    /// First in the pipeline, so every response carries the headers, the page assets and the error pages included, and
    /// cookies know the scheme the client used (Secure behind an ingress that ends TLS).
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    /// <summary>Order matters: size before anything reads the body; the rate limit per client once the client is known.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseClientRateLimits();
        app.UseAuthorization();
        app.UseMiddleware<PartnershipAccessMiddleware>();
        app.UseMiddleware<TextGuardMiddleware>();
        return app;
    }

    /// <summary>
    /// An API key header wins, then a bearer token, then a link; without any, the mode's own scheme: in Entra ID mode with
    /// page sign-in, the session cookie for pages (whose challenge sends the browser to Entra ID) and bearer tokens for the API.
    /// </summary>
    private static string SchemeFor(HttpContext context)
    {
        var auth = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        var mode = auth.Mode;
        if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }

        if (mode == AuthMode.EntraId && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        if (context.Request.Query.ContainsKey(ContributorLink.QueryName))
        {
            return ContributorLinkAuthenticationHandler.SchemeName;
        }

        if (mode == AuthMode.Development)
        {
            return DevelopmentAuthenticationHandler.SchemeName;
        }

        return auth.EntraId.InteractiveSignIn && !PageSignIn.IsApi(context.Request) ? PageSignIn.CookieScheme : JwtBearerDefaults.AuthenticationScheme;
    }

    private static LinkSigningKey CreateLinkSigningKey(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<AuthOptions>>().Value.LinkSigningKey;
        if (!string.IsNullOrWhiteSpace(configured) && LinkSigningKey.Decode(configured) is { } bytes)
        {
            return new LinkSigningKey(bytes, generated: false);
        }

        // Only reachable where AuthOptionsValidator allows a missing key (Development and Testing).
        return AuthOptionsValidator.AllowsDevelopmentMode(services.GetRequiredService<IHostEnvironment>())
            ? LinkSigningKey.Generate()
            : throw new InvalidOperationException("Auth:LinkSigningKey is required.");
    }

    /// <summary>Says loudly at start what protects the service, and never any secret.</summary>
    private sealed class StartupReport(IOptions<AuthOptions> auth, LinkSigningKey linkKey, ILogger<StartupReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var options = auth.Value;
            if (options.Mode == AuthMode.Development)
            {
                LogDevelopmentMode(logger);
            }
            else
            {
                LogEntraId(logger, options.EntraId.EffectiveAuthority, options.EntraId.Audience ?? "");
                if (options.EntraId.InteractiveSignIn)
                {
                    LogPageSignIn(logger, options.EntraId.ClientId!, string.IsNullOrWhiteSpace(options.EntraId.ClientCertificate) ? "a client secret" : "a certificate");
                }
                else
                {
                    LogNoPageSignIn(logger);
                }
            }

            if (linkKey.Generated)
            {
                LogGeneratedLinkKey(logger);
            }

            LogApiKeys(logger, options.ApiKeys.Count, string.Join(", ", options.ApiKeys.Keys.Order(StringComparer.Ordinal)));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1510, Level = LogLevel.Warning, Message = "!!! Auth:Mode=Development: NO SIGN-IN. Every request without credentials acts as 'local-user', a business-unit user of EVERY partnership. Never expose this host to anyone else. !!!")]
    private static partial void LogDevelopmentMode(ILogger logger);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Information, Message = "Staff sign in with Entra ID (authority {Authority}, audience {Audience})")]
    private static partial void LogEntraId(ILogger logger, string authority, string audience);

    [LoggerMessage(EventId = 1514, Level = LogLevel.Information, Message = "Staff sign in to the pages with Entra ID (client id {ClientId}, proving itself with {Credential})")]
    private static partial void LogPageSignIn(ILogger logger, string clientId, string credential);

    [LoggerMessage(EventId = 1517, Level = LogLevel.Warning, Message = "Auth:EntraId:ClientId is not set: the dashboard and forms have no interactive sign-in and answer 401 to browsers without a bearer token")]
    private static partial void LogNoPageSignIn(ILogger logger);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Warning, Message = "!!! Auth:LinkSigningKey is not set: a random key was generated for this run. Contributor links stop working when the host restarts. Set it outside development. !!!")]
    private static partial void LogGeneratedLinkKey(ILogger logger);

    [LoggerMessage(EventId = 1513, Level = LogLevel.Information, Message = "{Count} API keys configured: {Names}")]
    private static partial void LogApiKeys(ILogger logger, int count, string names);
}
