using System.Security.Claims;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>What a request needs to be allowed.</summary>
public enum Permission
{
    /// <summary>See a partnership's processes and documents (GET and HEAD by default).</summary>
    Read,

    /// <summary>Change them (every other method by default).</summary>
    Write,

    /// <summary>Run the partnership's business: its emails (sent and failed), retrying a failed email.</summary>
    BusinessUnit,

    /// <summary>
    /// Operate the service as a whole: the simulated clock and the Orleans dashboard, which show every partnership at
    /// once. Needs an <c>operator:*</c> grant, or the business unit of every partnership (<c>business-unit:*</c>).
    /// </summary>
    Operate,
}

/// <summary>The roles of the partnership's people and systems, each granted per partnership.</summary>
public static class Roles
{
    /// <summary>The partnership's business unit: reads, writes and runs the service.</summary>
    public const string BusinessUnit = "business-unit";

    /// <summary>A safeguarding partner (local authority, police, ICB) or their delegate: reads and writes.</summary>
    public const string SafeguardingPartner = "safeguarding-partner";

    /// <summary>An agency that contributes to one item (a summary, a section) through a link or an API key only.</summary>
    public const string AgencyContributor = "agency-contributor";

    /// <summary>The independent scrutineer: reads.</summary>
    public const string Scrutineer = "scrutineer";

    /// <summary>Reads.</summary>
    public const string ReadOnly = "read-only";

    /// <summary>Runs the service (the simulated clock, the Orleans dashboard); reads no partnership's processes. Only as <c>operator:*</c>.</summary>
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> All = [BusinessUnit, SafeguardingPartner, AgencyContributor, Scrutineer, ReadOnly, Operator];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>The role table: what each role may do in a partnership it is granted for.</summary>
    public static bool Allows(string role, Permission permission) => (role, permission) switch
    {
        (BusinessUnit, _) => true,
        (Operator, Permission.Operate) => true,
        (SafeguardingPartner, Permission.Read or Permission.Write) => true,
        (Scrutineer or ReadOnly, Permission.Read) => true,
        _ => false,
    };
}

/// <summary>
/// One role in one partnership (<c>*</c>: every partnership), written <c>{role}:{partnershipId}</c> — the format of
/// Entra ID app role values, group mappings, API keys and development users alike. Carried on the signed-in user as
/// claims of type <see cref="ClaimType"/>.
/// </summary>
public readonly record struct Grant(string Role, string Partnership)
{
    public const string ClaimType = "sgw:grant";
    public const string AllPartnerships = "*";

    public bool Covers(string partnershipId) =>
        Partnership == AllPartnerships || string.Equals(Partnership, partnershipId, StringComparison.Ordinal);

    /// <summary>
    /// Whether this grant allows <paramref name="permission"/> somewhere. Operating the service shows every partnership,
    /// so it needs a grant for all of them: one partnership's business unit is not an operator.
    /// </summary>
    public bool Allows(Permission permission) =>
        Roles.Allows(Role, permission) && (permission != Permission.Operate || Partnership == AllPartnerships);

    public override string ToString() => $"{Role}:{Partnership}";

    /// <summary>Parses <c>role:partnership</c>; false for an unknown role, a missing partnership, or an operator of one partnership.</summary>
    public static bool TryParse(string? value, out Grant grant)
    {
        grant = default;
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (value is null || colon <= 0 || colon == value.Length - 1)
        {
            return false;
        }

        var role = value[..colon].Trim();
        var partnership = value[(colon + 1)..].Trim();
        if (!Roles.IsKnown(role) || partnership.Length == 0 || partnership.Contains(':', StringComparison.Ordinal)
            || (role == Roles.Operator && partnership != AllPartnerships))
        {
            return false;
        }

        grant = new Grant(role, partnership);
        return true;
    }

    /// <summary>Parses <c>role:p1,role:p2</c>; null when any entry is not a grant or there is none.</summary>
    public static IReadOnlyList<Grant>? ParseList(string? value)
    {
        var grants = new List<Grant>();
        foreach (var entry in SplitList(value))
        {
            if (!TryParse(entry, out var grant))
            {
                return null;
            }

            grants.Add(grant);
        }

        return grants.Count == 0 ? null : grants;
    }

    public static IReadOnlyList<string> SplitList(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The grants of a role in each of the comma-separated partnerships.</summary>
    public static IEnumerable<Grant> ForPartnerships(string role, string? partnerships) =>
        SplitList(partnerships).Select(p => new Grant(role, p));

    public static IReadOnlyList<Grant> Of(ClaimsPrincipal user) =>
        user.FindAll(ClaimType).Select(c => TryParse(c.Value, out var g) ? g : (Grant?)null).OfType<Grant>().ToList();

    /// <summary>True when the user holds any role in <paramref name="partnershipId"/> (they may know it exists).</summary>
    public static bool CanSee(ClaimsPrincipal user, string partnershipId) => Of(user).Any(g => g.Covers(partnershipId));

    /// <summary>The partnerships where the user may do <paramref name="permission"/>; null when that is every partnership.</summary>
    public static IReadOnlySet<string>? PartnershipsAllowing(ClaimsPrincipal user, Permission permission)
    {
        var allowing = Of(user).Where(g => g.Allows(permission)).ToList();
        return allowing.Any(g => g.Partnership == AllPartnerships) ? null : allowing.Select(g => g.Partnership).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True when the user may do <paramref name="permission"/> in <paramref name="partnershipId"/>.</summary>
    public static bool Allows(ClaimsPrincipal user, string partnershipId, Permission permission) =>
        Of(user).Any(g => g.Covers(partnershipId) && g.Allows(permission));
}
