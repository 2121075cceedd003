using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>How callers prove who they are.</summary>
public enum AuthMode
{
    /// <summary>Staff sign in with Microsoft Entra ID bearer tokens. The default, and the only mode outside development and tests.</summary>
    EntraId,

    /// <summary>
    /// A request without credentials acts as <c>local-user</c>, a business-unit user of every partnership; named local
    /// users are picked with the <c>X-Dev-User</c> header. Refused at start outside the Development and Testing environments.
    /// </summary>
    Development,
}

/// <summary>Configuration section <c>Auth</c>. Secrets (key hashes, the link signing key) are never logged.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.EntraId;

    public EntraIdOptions EntraId { get; set; } = new();

    /// <summary>Per-agency (or per-system) API keys, by name; the name is the actor (<c>api-key:{name}</c>).</summary>
    public Dictionary<string, ApiKeyOptions> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Base64 of at least 32 random bytes that sign contributor links (<c>openssl rand -base64 32</c>).</summary>
    public string? LinkSigningKey { get; set; }

    /// <summary>
    /// How long a contributor link in an email works, from the moment the email is rendered (process clock). Four
    /// weeks: longer than any contribution window between two emails about it (reminders and chases carry fresh links),
    /// short enough that an old or forwarded email soon stops opening the form.
    /// </summary>
    public TimeSpan ContributorLinkLifetime { get; set; } = DefaultContributorLinkLifetime;

    public static readonly TimeSpan DefaultContributorLinkLifetime = TimeSpan.FromDays(28);

    public static readonly TimeSpan MaxContributorLinkLifetime = TimeSpan.FromDays(366);

    public DevelopmentAuthOptions Development { get; set; } = new();

    public override string ToString() => $"Auth(Mode={Mode}, ApiKeys={ApiKeys.Count}, LinkSigningKey={(LinkSigningKey is null ? "unset" : "set")})";
}

/// <summary><c>Auth:EntraId</c>: the app registration whose access tokens the service accepts.</summary>
public sealed class EntraIdOptions
{
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    public string? TenantId { get; set; }

    /// <summary>Overrides <c>{Instance}{TenantId}/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The application ID URI or client id the tokens are issued for (<c>aud</c>).</summary>
    public string? Audience { get; set; }

    /// <summary>Entra group object id → comma-separated grants (<c>scrutineer:solihull,read-only:staffordshire</c>).</summary>
    public Dictionary<string, string> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The app registration staff sign in to the pages with (OpenID Connect, authorization code flow with PKCE). Set, the
    /// dashboard and forms send a browser without a session to Entra ID; unset, pages answer 401 like the API.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret of <see cref="ClientId"/> (from Key Vault); or use <see cref="ClientCertificate"/>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Base64 of a PKCS#12 (.pfx) certificate with its private key, as Key Vault hands out a certificate through its
    /// secret: the app proves itself with a signed client assertion instead of a secret.
    /// </summary>
    public string? ClientCertificate { get; set; }

    /// <summary>How long a page session lasts before Entra ID is asked again (usually without a prompt).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public bool InteractiveSignIn => !string.IsNullOrWhiteSpace(ClientId);

    public string EffectiveAuthority => Authority ?? $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";

    public override string ToString() =>
        $"EntraId(Authority={EffectiveAuthority}, Audience={Audience}, ClientId={ClientId ?? "unset"}, ClientSecret={(string.IsNullOrEmpty(ClientSecret) ? "unset" : "set")}, ClientCertificate={(string.IsNullOrEmpty(ClientCertificate) ? "unset" : "set")})";
}

/// <summary><c>Auth:ApiKeys:{name}</c>.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Lower- or upper-case hex SHA-256 of the key's UTF-8 bytes (64 characters). The key itself is never stored.</summary>
    public string? Hash { get; set; }

    public string? Role { get; set; }

    /// <summary>Comma-separated partnership ids, or <c>*</c> for every partnership.</summary>
    public string? Partnerships { get; set; }

    /// <summary>
    /// Optional, for <c>agency-contributor</c> keys: comma-separated item ids (an agency, a section) the key may post
    /// forms for; without it, any item of its partnerships.
    /// </summary>
    public string? Items { get; set; }
}

/// <summary><c>Auth:Development</c>: named local users for trying roles by hand.</summary>
public sealed class DevelopmentAuthOptions
{
    public Dictionary<string, DevelopmentUserOptions> Users { get; set; } = new(StringComparer.Ordinal);
}

/// <summary><c>Auth:Development:Users:{name}</c>.</summary>
public sealed class DevelopmentUserOptions
{
    public string? Role { get; set; }

    /// <summary>Comma-separated partnership ids, or <c>*</c>.</summary>
    public string? Partnerships { get; set; }
}

/// <summary>Checks the whole <c>Auth</c> section at start, naming the key at fault and never its value.</summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (options.Mode == AuthMode.Development && !AllowsDevelopmentMode(environment))
        {
            errors.Add($"Auth:Mode=Development is refused in the {environment.EnvironmentName} environment; it is for local development and tests only.");
        }

        if (options.Mode == AuthMode.EntraId)
        {
            if (string.IsNullOrWhiteSpace(options.EntraId.Audience))
            {
                errors.Add("Auth:EntraId:Audience is required with Auth:Mode=EntraId (the application ID URI or client id of the app registration).");
            }

            if (string.IsNullOrWhiteSpace(options.EntraId.TenantId) && string.IsNullOrWhiteSpace(options.EntraId.Authority))
            {
                errors.Add("Auth:EntraId:TenantId (or Auth:EntraId:Authority) is required with Auth:Mode=EntraId.");
            }
            else if (!Uri.TryCreate(options.EntraId.EffectiveAuthority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            {
                errors.Add("Auth:EntraId:Authority (or Instance and TenantId) must make an https URL.");
            }

            CheckInteractiveSignIn(options.EntraId, errors);

            foreach (var (group, grants) in options.EntraId.Groups)
            {
                if (Grant.ParseList(grants) is null)
                {
                    errors.Add($"Auth:EntraId:Groups:{group} must be comma-separated grants such as 'scrutineer:solihull' (roles: {string.Join(", ", Roles.All)}).");
                }
            }
        }

        var linkKeySet = !string.IsNullOrWhiteSpace(options.LinkSigningKey);
        if (linkKeySet && LinkSigningKey.Decode(options.LinkSigningKey!) is null)
        {
            errors.Add($"Auth:LinkSigningKey must be base64 of at least {LinkSigningKey.MinimumBytes} bytes (for example the output of 'openssl rand -base64 32').");
        }
        else if (!linkKeySet && !AllowsDevelopmentMode(environment))
        {
            errors.Add($"Auth:LinkSigningKey is required: base64 of at least {LinkSigningKey.MinimumBytes} random bytes ('openssl rand -base64 32').");
        }

        if (options.ContributorLinkLifetime < TimeSpan.FromHours(1) || options.ContributorLinkLifetime > AuthOptions.MaxContributorLinkLifetime)
        {
            errors.Add("Auth:ContributorLinkLifetime must be from 1 hour to 366 days (for example '28.00:00:00').");
        }

        foreach (var (keyName, apiKey) in options.ApiKeys)
        {
            if (!ApiKeyHash.IsValidHex(apiKey.Hash))
            {
                errors.Add($"Auth:ApiKeys:{keyName}:Hash must be the 64 hex digits of the SHA-256 of the key ('printf %s \"$KEY\" | sha256sum').");
            }

            CheckRoleAndPartnerships($"Auth:ApiKeys:{keyName}", apiKey.Role, apiKey.Partnerships, errors);
        }

        if (options.Mode == AuthMode.Development)
        {
            foreach (var (userName, user) in options.Development.Users)
            {
                CheckRoleAndPartnerships($"Auth:Development:Users:{userName}", user.Role, user.Partnerships, errors);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Development mode and a generated link key are for a developer's machine and the test suite only.</summary>
    public static bool AllowsDevelopmentMode(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    // The page sign-in needs the app to prove itself to Entra ID with exactly one credential; neither value is ever repeated.
    private static void CheckInteractiveSignIn(EntraIdOptions entra, List<string> errors)
    {
        var hasSecret = !string.IsNullOrWhiteSpace(entra.ClientSecret);
        var hasCertificate = !string.IsNullOrWhiteSpace(entra.ClientCertificate);
        if (!entra.InteractiveSignIn)
        {
            if (hasSecret || hasCertificate)
            {
                errors.Add("Auth:EntraId:ClientSecret or ClientCertificate is set without Auth:EntraId:ClientId (the app registration staff sign in to the pages with).");
            }

            return;
        }

        if (hasSecret == hasCertificate)
        {
            errors.Add("Auth:EntraId:ClientId needs exactly one of Auth:EntraId:ClientSecret and Auth:EntraId:ClientCertificate (keep either in Key Vault).");
        }
        else if (hasCertificate && ClientAssertion.LoadCertificate(entra.ClientCertificate!) is null)
        {
            errors.Add("Auth:EntraId:ClientCertificate must be base64 of a PKCS#12 (.pfx) certificate with its RSA private key and no password, as Key Vault gives it.");
        }

        if (entra.SessionLifetime < TimeSpan.FromMinutes(5) || entra.SessionLifetime > TimeSpan.FromDays(1))
        {
            errors.Add("Auth:EntraId:SessionLifetime must be from 5 minutes to 1 day (for example '08:00:00').");
        }
    }

    private static void CheckRoleAndPartnerships(string section, string? role, string? partnerships, List<string> errors)
    {
        if (role is null || !Roles.IsKnown(role))
        {
            errors.Add($"{section}:Role must be one of {string.Join(", ", Roles.All)}.");
        }

        if (Grant.SplitList(partnerships).Count == 0)
        {
            errors.Add($"{section}:Partnerships must name at least one partnership id (comma-separated) or '*'.");
        }
        else if (role == Roles.Operator && partnerships?.Trim() != Grant.AllPartnerships)
        {
            errors.Add($"{section}:Partnerships must be '*' for the operator role: operators run the service for every partnership.");
        }
    }
}

/// <summary>The key that signs contributor links: configured, or (in development and tests only) generated at start.</summary>
public sealed class LinkSigningKey
{
    public const int MinimumBytes = 32;

    public LinkSigningKey(byte[] bytes, bool generated)
    {
        if (bytes.Length < MinimumBytes)
        {
            throw new ArgumentException($"A link signing key needs at least {MinimumBytes} bytes.", nameof(bytes));
        }

        Bytes = bytes;
        Generated = generated;
    }

    public byte[] Bytes { get; }

    /// <summary>True when no key was configured and one was made for this run: links stop working when the host restarts.</summary>
    public bool Generated { get; }

    public static LinkSigningKey Generate() => new(RandomNumberGenerator.GetBytes(MinimumBytes), generated: true);

    public static byte[]? Decode(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written >= MinimumBytes ? buffer[..written] : null;
    }

    public override string ToString() => "LinkSigningKey(redacted)";
}
