using System.Text.RegularExpressions;

namespace Safeguarding.Workflows.Domain.Privacy;

/// <summary>
/// The one rule for ids that appear in URLs and email links: letters, digits and '-', up to a kind's length. Each
/// kind of id says which variant it follows (<see cref="Case"/>, <see cref="Name"/>, <see cref="Reference"/>); the
/// route filter for <c>/api/partnerships/{p}/{kind}/{id}</c> and the kind's commands (which the pages call) both check
/// with it, so an id is refused, or not found, the same way wherever it arrives.
/// </summary>
/// <param name="MaxLength">The longest id allowed.</param>
/// <param name="DigitRequired">
/// An id that names a case (a rapid or practice review, an action): at least one digit and nothing that looks like a
/// child's name or date of birth (<see cref="IdentifyingText"/>), so that an id cannot be a name.
/// </param>
/// <param name="UpperCase">Upper-case letters allowed too (escalations, raised under that rule).</param>
public sealed partial record UrlIdRule(int MaxLength, bool DigitRequired, bool UpperCase)
{
    public const int DefaultMaxLength = 64;

    /// <summary>A case's id: lower case, with a digit (<c>rr-2026-014</c>, <c>r1</c>).</summary>
    public static UrlIdRule Case(int maxLength = DefaultMaxLength) => new(maxLength, DigitRequired: true, UpperCase: false);

    /// <summary>An id made from a title (a meeting, a paper, a meeting's action): lower case, no digit needed (<c>board</c>).</summary>
    public static UrlIdRule Name(int maxLength) => new(maxLength, DigitRequired: false, UpperCase: false);

    /// <summary>An escalation's id: letters of either case, no digit needed (<c>ESC-2026-01</c>).</summary>
    public static UrlIdRule Reference(int maxLength) => new(maxLength, DigitRequired: false, UpperCase: true);

    /// <summary>Null when <paramref name="id"/> follows the rule; otherwise what to change (never repeating the id).</summary>
    public string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || !(UpperCase ? AnyCase() : LowerCase()).IsMatch(id))
        {
            return $"Use 1 to {MaxLength} {(UpperCase ? "" : "lower-case ")}letters, digits and '-', starting with a letter or digit (for example {(DigitRequired ? "rr-2026-014" : UpperCase ? "ESC-2026-01" : "board")}).";
        }

        if (!DigitRequired)
        {
            return null;
        }

        if (!id.Any(char.IsAsciiDigit))
        {
            return "An id must contain at least one digit (for example rr-2026-014), so that it cannot be a name.";
        }

        return IdentifyingText.Problem(id);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LowerCase();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AnyCase();
}

/// <summary>The common case: <see cref="UrlIdRule.Case"/>.</summary>
public static class UrlId
{
    public const int DefaultMaxLength = UrlIdRule.DefaultMaxLength;

    public static string? Problem(string? id, int maxLength = DefaultMaxLength) => UrlIdRule.Case(maxLength).Problem(id);
}
