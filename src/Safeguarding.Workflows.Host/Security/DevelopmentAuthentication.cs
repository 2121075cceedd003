using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>
/// <c>Auth:Mode=Development</c> only: a request without credentials is <c>local-user</c>, a business-unit user of every
/// partnership, so the local API and scripts work without sign-in; <c>X-Dev-User: {name}</c> acts as a named local
/// user from <c>Auth:Development:Users</c> instead, to try the other roles.
/// </summary>
public sealed class DevelopmentAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Development";
    public const string UserHeader = "X-Dev-User";
    public const string LocalUser = "local-user";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        var name = Request.Headers[UserHeader].ToString();
        if (name.Length == 0)
        {
            identity.AddClaim(new Claim(ClaimTypes.Name, LocalUser));
            identity.AddClaim(new Claim(Grant.ClaimType, new Grant(Roles.BusinessUnit, Grant.AllPartnerships).ToString()));
        }
        else if (auth.Value.Development.Users.TryGetValue(name, out var user) && user.Role is { } role)
        {
            identity.AddClaim(new Claim(ClaimTypes.Name, name));
            foreach (var grant in Grant.ForPartnerships(role, user.Partnerships))
            {
                identity.AddClaim(new Claim(Grant.ClaimType, grant.ToString()));
            }
        }
        else
        {
            return Task.FromResult(AuthenticateResult.Fail("No local user has that name (Auth:Development:Users)."));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        SecurityProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Not signed in", $"The {UserHeader} header names no local user in Auth:Development:Users.");
}
