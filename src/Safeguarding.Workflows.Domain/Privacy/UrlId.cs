using System.Text.RegularExpressions;

namespace Safeguarding.Workflows.Domain.Privacy;

/// <summary>
/// The rule for ids that appear in URLs and email links (a rapid review's or a practice review's id, an action's id):
/// lower-case letters, digits and '-', starting with a letter or digit, with at least one digit (<c>rr-2026-014</c>,
/// <c>r1</c>), so that an id cannot be a child's name.
/// </summary>
public static partial class UrlId
{
    public const int DefaultMaxLength = 64;

    public static string? Problem(string? id, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(id) || id.Length > maxLength || !IdPattern().IsMatch(id))
        {
            return $"Use 1 to {maxLength} lower-case letters, digits and '-', starting with a letter or digit (for example rr-2026-014).";
        }

        if (!id.Any(char.IsAsciiDigit))
        {
            return "An id must contain at least one digit (for example rr-2026-014), so that it cannot be a name.";
        }

        return IdentifyingText.Problem(id);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
