using System.Text.RegularExpressions;

namespace Safeguarding.Workflows.Domain.Privacy;

/// <summary>
/// The rule for a case reference (the only thing that names a case in emails, lists and titles): a non-identifying
/// reference such as <c>RR-2026-014</c> or <c>LCSPR/2026/03</c>. Upper-case letters, digits, <c>/</c> and <c>-</c>; 3 to 31
/// characters, starting with a letter or digit; and at least one digit, so that a name typed in capitals
/// (<c>JOHNSMITH</c>) cannot pass as a reference.
/// </summary>
public static partial class CaseReference
{
    public const string Pattern = "^[A-Z0-9][A-Z0-9/-]{2,30}$";

    /// <summary>Null when <paramref name="value"/> is an acceptable reference; otherwise why not (never repeating the value).</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "Give a case reference such as RR-2026-014.";
        }

        if (!ReferencePattern().IsMatch(value))
        {
            return "A case reference is 3 to 31 upper-case letters, digits, '/' or '-' (for example RR-2026-014); never a child's name or date of birth.";
        }

        if (!value.Any(char.IsAsciiDigit))
        {
            return "A case reference must contain at least one digit (for example RR-2026-014), so that it cannot be a name.";
        }

        return IdentifyingText.Problem(value);
    }

    public static bool IsValid(string? value) => Problem(value) is null;

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
