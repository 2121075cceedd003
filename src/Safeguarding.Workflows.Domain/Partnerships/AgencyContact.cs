namespace Safeguarding.Workflows.Domain.Partnerships;

/// <summary>
/// A named member of an agency's staff: a rapid review's contact for an agency summary, a meeting paper's author, a
/// meeting action's owner. Staff only, never a child or family member. Stored state names its properties
/// (<c>name</c>, <c>email</c>, <c>agency</c>, in any order), so states saved by either of the two records this
/// replaces still load.
/// </summary>
public sealed record AgencyContact(string Name, string Email, string Agency)
{
    /// <summary>The agency as it appears in links and email ids: lower case, words joined by '-' ("Staffordshire Police" → "staffordshire-police").</summary>
    public static string Slug(string agency)
    {
        var chars = agency.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-');
        var slug = string.Join('-', new string([.. chars]).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "agency" : slug;
    }
}
