using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>SHA-256 of an API key, as configured in <c>Auth:ApiKeys:{name}:Hash</c>.</summary>
public static class ApiKeyHash
{
    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes: what to put in configuration for a new key.</summary>
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsValidHex(string? hash) => hash is { Length: 64 } && hash.All(char.IsAsciiHexDigit);
}

/// <summary>
/// Systems that post forms send <c>X-Api-Key: {key}</c>. The key's SHA-256 is compared, in constant time, with every
/// configured hash; the matching key's name is the actor (<c>api-key:{name}</c>) and its role and partnerships are its
/// grants. Keys are high-entropy random strings, so a plain SHA-256 is enough (no password stretching needed).
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ItemsClaimType = "sgw:items";

    // Decoded once per handler instance (one per request); the configuration is small.
    private readonly IReadOnlyList<(string Name, byte[] Hash, ApiKeyOptions Key)> keys = auth.Value.ApiKeys
        .Where(k => ApiKeyHash.IsValidHex(k.Value.Hash))
        .Select(k => (k.Key, Convert.FromHexString(k.Value.Hash!), k.Value))
        .ToList();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(values.ToString()));
        (string Name, byte[] Hash, ApiKeyOptions Key)? match = null;
        foreach (var key in keys)
        {
            // Every configured hash is compared, so the time taken says nothing about which one (if any) matched.
            if (CryptographicOperations.FixedTimeEquals(presented, key.Hash))
            {
                match = key;
            }
        }

        if (match is not { } found)
        {
            LogUnknownKey(Logger);
            return Task.FromResult(AuthenticateResult.Fail("The API key is not recognised."));
        }

        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, $"api-key:{found.Name}"));
        foreach (var grant in Grant.ForPartnerships(found.Key.Role!, found.Key.Partnerships))
        {
            identity.AddClaim(new Claim(Grant.ClaimType, grant.ToString()));
        }

        foreach (var item in Grant.SplitList(found.Key.Items))
        {
            identity.AddClaim(new Claim(ItemsClaimType, item));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        SecurityProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Not signed in", "Send a valid API key in the X-Api-Key header.");

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "A request carried an API key that is not configured")]
    private static partial void LogUnknownKey(ILogger logger);
}
