using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>
/// Staff sign in to the pages (dashboard, forms) interactively with Entra ID: OpenID Connect, authorization code flow
/// with PKCE, then a session cookie. A browser without a session is sent to Entra ID and comes back signed in; API
/// calls (<c>/api/...</c>) never use the cookie and never redirect: they keep bearer tokens and API keys, and get 401
/// problems. Roles and partnerships come from the ID token's <c>roles</c> and <c>groups</c>, mapped to grants exactly
/// as for bearer tokens (<see cref="EntraIdAuthentication.AddGrants"/>). On when <c>Auth:EntraId:ClientId</c> is set.
/// </summary>
public static partial class PageSignIn
{
    public const string CookieScheme = "Session";
    public const string OpenIdConnectScheme = "EntraIdSignIn";
    public const string CookieName = "sgw-session";
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    /// <summary>Where a browser lands after signing out (an anonymous page).</summary>
    public const string SignedOutPath = "/signed-out";

    /// <summary>The API: bearer tokens, API keys and links only, whatever cookies the caller has.</summary>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds the session cookie and the OpenID Connect schemes when the configuration asks for page sign-in.</summary>
    public static void AddPageSignIn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.Mode != AuthMode.EntraId || !auth.EntraId.InteractiveSignIn)
        {
            return;
        }

        authentication
            .AddCookie(CookieScheme, "Page session", o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                // Lax: the session is sent when someone follows a link to a page from an email, never on cross-site posts.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = false;
                o.ForwardChallenge = OpenIdConnectScheme;
                o.Events.OnRedirectToAccessDenied = context =>
                    SecurityProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "Your role does not allow this.");
            })
            .AddOpenIdConnect(OpenIdConnectScheme, "Entra ID", _ => { });
        authentication.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<AuthOptions>>((cookie, options) => cookie.ExpireTimeSpan = options.Value.EntraId.SessionLifetime);
        authentication.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectScheme)
            .Configure<IOptions<AuthOptions>, ILoggerFactory>((oidc, options, loggers) => Configure(oidc, options.Value.EntraId, loggers.CreateLogger(typeof(PageSignIn).FullName!)));
    }

    private static void Configure(OpenIdConnectOptions options, EntraIdOptions entra, ILogger logger)
    {
        options.SignInScheme = CookieScheme;
        options.SignOutScheme = CookieScheme;
        options.Authority = entra.EffectiveAuthority;
        options.ClientId = entra.ClientId;
        options.ClientSecret = string.IsNullOrWhiteSpace(entra.ClientSecret) ? null : entra.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.CallbackPath = CallbackPath;
        options.SignedOutCallbackPath = SignedOutCallbackPath;
        options.SignedOutRedirectUri = SignedOutPath;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        // Only the ID token's claims are needed; no tokens are kept in the cookie.
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = EntraIdAuthentication.NameClaim;
        options.TokenValidationParameters.RoleClaimType = EntraIdAuthentication.RolesClaim;
        options.CorrelationCookie.Name = "sgw-signin-correlation.";
        options.NonceCookie.Name = "sgw-signin-nonce.";
        var certificate = string.IsNullOrWhiteSpace(entra.ClientCertificate) ? null : ClientAssertion.LoadCertificate(entra.ClientCertificate);
        options.Events = new OpenIdConnectEvents
        {
            OnAuthorizationCodeReceived = async context =>
            {
                if (certificate is not null && context.TokenEndpointRequest is { } request)
                {
                    // The provider's metadata is cached by the handler: this reads it, it does not fetch it again.
                    var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
                    request.ClientAssertionType = ClientAssertion.Type;
                    request.ClientAssertion = ClientAssertion.Create(certificate, entra.ClientId!, configuration.TokenEndpoint, DateTimeOffset.UtcNow);
                }
            },
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is ClaimsIdentity identity)
                {
                    EntraIdAuthentication.AddGrants(identity, entra);
                    LogSignedIn(logger, Grant.Of(context.Principal).Count);
                }

                return Task.CompletedTask;
            },
            OnRemoteFailure = async context =>
            {
                // A cancelled or failed sign-in (the user declined, a stale or replayed callback): a plain 401, no stack trace.
                LogSignInFailed(logger, context.Failure?.GetType().Name ?? "unknown");
                context.HandleResponse();
                await SecurityProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Not signed in", "Signing in with Entra ID did not complete. Open the page again to try once more.");
            },
        };
    }

    [LoggerMessage(EventId = 1515, Level = LogLevel.Information, Message = "A member of staff signed in to the pages ({GrantCount} grants)")]
    private static partial void LogSignedIn(ILogger logger, int grantCount);

    [LoggerMessage(EventId = 1516, Level = LogLevel.Warning, Message = "An interactive sign-in did not complete ({Failure})")]
    private static partial void LogSignInFailed(ILogger logger, string failure);
}

/// <summary>
/// The app's proof of identity to Entra ID's token endpoint when it holds a certificate instead of a secret: a short-lived
/// JWT signed with the certificate's private key (RFC 7523 <c>private_key_jwt</c>), naming the certificate by thumbprint.
/// </summary>
public static class ClientAssertion
{
    public const string Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>A certificate with an RSA private key from base64 PKCS#12 without a password; null when it is not one.</summary>
    public static X509Certificate2? LoadCertificate(string base64)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64.Trim()), password: null, X509KeyStorageFlags.EphemeralKeySet);
            if (certificate.GetRSAPrivateKey() is null)
            {
                certificate.Dispose();
                return null;
            }

            return certificate;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }

    public static string Create(X509Certificate2 certificate, string clientId, string tokenEndpoint, DateTimeOffset now) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenEndpoint,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString("N") },
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(5).UtcDateTime,
            SigningCredentials = new X509SigningCredentials(certificate, SecurityAlgorithms.RsaSha256),
        });
}
