using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>
/// What a contributor link is for, declared once by the feature that sends it and used both to create links and to
/// mark the endpoint that accepts them. A single-use purpose's link opens its form for one successful submission.
/// </summary>
public sealed record LinkPurpose(string Name, bool SingleUse = false);

/// <summary>A link that checked out: its id (the actor <c>link:{id}</c>), what it is for and until when.</summary>
public sealed record ContributorLink(string Id, string Purpose, ProcessKey Process, string ItemId, DateTimeOffset ExpiresAt)
{
    public const string QueryName = "link";

    public string Actor => $"link:{Id}";
}

public enum LinkCheck
{
    Valid,

    /// <summary>Not a link this service signed: malformed or changed.</summary>
    Invalid,

    Expired,

    /// <summary>Signed and in date, but for another purpose, process or item.</summary>
    WrongItem,
}

/// <summary>
/// Signed, expiring, single-purpose links for external contributors (an agency's summary, a report section). The
/// token is <c>{base64url(payload)}.{base64url(HMAC-SHA256(payload))}</c> with payload
/// <c>purpose|partnershipId|kind/id|itemId|expiry (Unix seconds)</c>, keyed by <c>Auth:LinkSigningKey</c>. It names
/// the process and item (never a child) and carries no secret beyond the signature. Expiry is read from the process
/// clock, so a simulated clock moves link expiry with the processes that sent them.
/// </summary>
public sealed class ContributorLinks(LinkSigningKey key, WorkflowClock clock)
{
    private const char Separator = '|';

    /// <summary>The relative URL query <c>?link={token}</c> to append to the form's path.</summary>
    public string Create(LinkPurpose purpose, ProcessKey process, string itemId, DateTimeOffset expiresAt) =>
        $"?{ContributorLink.QueryName}={CreateToken(purpose, process, itemId, expiresAt)}";

    public string CreateToken(LinkPurpose purpose, ProcessKey process, string itemId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        foreach (var (value, name) in new[] { (purpose.Name, "purpose"), (process.PartnershipId, "partnership"), (process.Kind, "kind"), (process.Id, "id"), (itemId, "itemId") })
        {
            if (string.IsNullOrEmpty(value) || value.Contains(Separator, StringComparison.Ordinal))
            {
                throw new ArgumentException($"A link's {name} must be non-empty and contain no '{Separator}'.", nameof(process));
            }
        }

        if (process.Kind.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A process kind contains no '/'.", nameof(process));
        }

        var payload = string.Join(Separator, purpose.Name, process.PartnershipId, $"{process.Kind}/{process.Id}", itemId, expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var bytes = Encoding.UTF8.GetBytes(payload);
        return $"{WebEncoders.Base64UrlEncode(bytes)}.{WebEncoders.Base64UrlEncode(Sign(bytes))}";
    }

    /// <summary>Checks the signature and the expiry; the link is returned only when both hold.</summary>
    public LinkCheck Read(string? token, out ContributorLink? link)
    {
        link = null;
        if (token is null || token.Length > 4096 || token.Split('.') is not [var payloadPart, var macPart])
        {
            return LinkCheck.Invalid;
        }

        byte[] payload, mac;
        try
        {
            payload = WebEncoders.Base64UrlDecode(payloadPart);
            mac = WebEncoders.Base64UrlDecode(macPart);
        }
        catch (FormatException)
        {
            return LinkCheck.Invalid;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, Sign(payload)))
        {
            return LinkCheck.Invalid;
        }

        // Signed by us, so well formed; checked anyway so a key shared with an older format fails safe.
        if (Encoding.UTF8.GetString(payload).Split(Separator) is not [var purpose, var partnership, var process, var item, var expiry]
            || process.Split('/', 2) is not [var kind, var id]
            || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return LinkCheck.Invalid;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (clock.GetUtcNow() >= expiresAt)
        {
            return LinkCheck.Expired;
        }

        link = new ContributorLink(IdOf(mac), purpose, new ProcessKey(partnership, kind, id), item, expiresAt);
        return LinkCheck.Valid;
    }

    /// <summary>Checks signature, expiry, and that the link is for exactly this purpose, process and item.</summary>
    public LinkCheck Validate(string? token, LinkPurpose purpose, ProcessKey process, string itemId)
    {
        var check = Read(token, out var link);
        return check != LinkCheck.Valid ? check
            : link!.Purpose == purpose.Name && link.Process == process && link.ItemId == itemId ? LinkCheck.Valid
            : LinkCheck.WrongItem;
    }

    /// <summary>The link a request was authenticated with, or null for any other caller.</summary>
    public static ContributorLink? Of(ClaimsPrincipal user)
    {
        if (user.Identity is not { AuthenticationType: ContributorLinkAuthenticationHandler.SchemeName })
        {
            return null;
        }

        string? Claim(string type) => user.FindFirst(type)?.Value;
        return Claim(ClaimTypes.LinkId) is { } id && Claim(ClaimTypes.Purpose) is { } purpose && Claim(ClaimTypes.Partnership) is { } partnership
            && Claim(ClaimTypes.Kind) is { } kind && Claim(ClaimTypes.ProcessId) is { } processId && Claim(ClaimTypes.Item) is { } item
            && long.TryParse(Claim(ClaimTypes.Expires), CultureInfo.InvariantCulture, out var expires)
            ? new ContributorLink(id, purpose, new ProcessKey(partnership, kind, processId), item, DateTimeOffset.FromUnixTimeSeconds(expires))
            : null;
    }

    internal static IEnumerable<Claim> ClaimsOf(ContributorLink link) =>
    [
        new(System.Security.Claims.ClaimTypes.Name, link.Actor),
        new(ClaimTypes.LinkId, link.Id),
        new(ClaimTypes.Purpose, link.Purpose),
        new(ClaimTypes.Partnership, link.Process.PartnershipId),
        new(ClaimTypes.Kind, link.Process.Kind),
        new(ClaimTypes.ProcessId, link.Process.Id),
        new(ClaimTypes.Item, link.ItemId),
        new(ClaimTypes.Expires, link.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ];

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(key.Bytes, payload);

    // A short, stable name for the link in the audit log. Derived from the signature one-way, so it reveals nothing
    // that would let anyone rebuild the link.
    private static string IdOf(byte[] mac) => Convert.ToHexStringLower(SHA256.HashData(mac))[..16];

    private static class ClaimTypes
    {
        public const string LinkId = "sgw:link-id";
        public const string Purpose = "sgw:link-purpose";
        public const string Partnership = "sgw:link-partnership";
        public const string Kind = "sgw:link-kind";
        public const string ProcessId = "sgw:link-process";
        public const string Item = "sgw:link-item";
        public const string Expires = "sgw:link-expires";
    }
}
