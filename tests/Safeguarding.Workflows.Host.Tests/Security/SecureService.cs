using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>
/// The whole service as it runs in production (<c>Auth:Mode=EntraId</c>), with real credentials: bearer tokens signed
/// by a test key the service is told to trust (instead of fetching Entra's keys), two API keys and a link signing key.
/// </summary>
public sealed class SecureService : IAsyncDisposable
{
    public const string Own = "staffordshire";
    public const string Other = "solihull";
    public const string Issuer = "https://login.microsoftonline.com/test-tenant/v2.0";
    public const string Audience = "api://safeguarding-workflows-tests";
    public const string ScrutinyGroup = "5d0e9a8c-4f31-4b7e-9a52-1c2d3e4f5a6b";

    /// <summary>An agency's system: agency-contributor in Staffordshire.</summary>
    public const string AgencyKey = "sgw-test-agency-3b1f0e9d7c5a4b2e8f6d0c1a9e7b5d3f";

    /// <summary>The county's case system: business-unit in Staffordshire.</summary>
    public const string CountyKey = "sgw-test-county-8e2d4c6a0b9f1e3d5c7a9b0d2f4e6a8c";

    public static readonly string LinkSigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());

    public static readonly SymmetricSecurityKey TokenKey = new(Enumerable.Range(1, 32).Select(i => (byte)(255 - i)).ToArray()) { KeyId = "test-key" };

    public SecureService(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "EntraId",
            ["Auth:EntraId:TenantId"] = "test-tenant",
            ["Auth:EntraId:Audience"] = Audience,
            ["Auth:EntraId:Groups:" + ScrutinyGroup] = "scrutineer:" + Other,
            ["Auth:LinkSigningKey"] = LinkSigningKey,
            ["Auth:ApiKeys:police-system:Hash"] = ApiKeyHash.Of(AgencyKey),
            ["Auth:ApiKeys:police-system:Role"] = Roles.AgencyContributor,
            ["Auth:ApiKeys:police-system:Partnerships"] = Own,
            ["Auth:ApiKeys:county-system:Hash"] = ApiKeyHash.Of(CountyKey).ToUpperInvariant(),
            ["Auth:ApiKeys:county-system:Role"] = Roles.BusinessUnit,
            ["Auth:ApiKeys:county-system:Partnerships"] = Own,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        Factory = new ServiceFactory(settings, configureServices: services =>
        {
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                // What Entra's metadata document would say, without fetching it.
                o.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
                o.Configuration.SigningKeys.Add(TokenKey);
            });
            configureServices?.Invoke(services);
        });
    }

    public ServiceFactory Factory { get; }

    public IServiceProvider Services => Factory.Services;

    /// <summary>Redirects are not followed: a client would not send its credentials to the new address.</summary>
    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient WithApiKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    /// <summary>A staff member's client with the given app roles (<c>business-unit:staffordshire</c>...).</summary>
    public HttpClient As(string user, params string[] roles) => WithToken(Token(user, roles));

    public static string Token(string user, string[] roles, string[]? groups = null, DateTime? expires = null, SecurityKey? key = null, string audience = Audience)
    {
        var claims = new Dictionary<string, object> { ["preferred_username"] = user, ["oid"] = Guid.NewGuid().ToString() };
        if (roles.Length > 0)
        {
            claims["roles"] = roles;
        }

        if (groups is not null)
        {
            claims["groups"] = groups;
        }

        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(key ?? TokenKey, SecurityAlgorithms.HmacSha256),
        });
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
