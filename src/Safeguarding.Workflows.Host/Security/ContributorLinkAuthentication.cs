using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>
/// A request with <c>?link={token}</c> is the external contributor the link was sent to, acting as
/// <c>link:{id}</c>. This handler only proves the link is ours and in date; whether it opens this endpoint (purpose,
/// process, item, single use) is decided by <see cref="PartnershipAccessMiddleware"/>.
/// </summary>
public sealed partial class ContributorLinkAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ContributorLinks links) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ContributorLink";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Query.TryGetValue(ContributorLink.QueryName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        ContributorLink? link = null;
        var check = values.Count == 1 ? links.Read(values[0], out link) : LinkCheck.Invalid;
        switch (check)
        {
            case LinkCheck.Valid:
                var identity = new ClaimsIdentity(ContributorLinks.ClaimsOf(link!), SchemeName, ClaimTypes.Name, ClaimTypes.Role);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            case LinkCheck.Expired:
                LogRefused(Logger, "expired");
                return Task.FromResult(AuthenticateResult.Fail("This link has expired. Ask the partnership's business unit for a new one."));
            default:
                LogRefused(Logger, "invalid");
                return Task.FromResult(AuthenticateResult.Fail("This link is not valid."));
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await SecurityProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Not signed in", result.Failure?.Message ?? "This link is not valid.");
    }

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "A contributor link was refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string reason);
}
