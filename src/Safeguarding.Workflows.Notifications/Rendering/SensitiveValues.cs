using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Notifications.Rendering;

/// <summary>
/// The rule: an email carries references, dates and links only; what identifies a child stays behind authentication.
/// This guard is the backstop for that rule. <see cref="EmailQueue"/> and <see cref="EmailRenderer"/> refuse any
/// value whose key names child-identifying data, whatever its spelling (<c>childName</c>, <c>child_name</c>, <c>DOB</c>...).
/// </summary>
public static class SensitiveValues
{
    /// <summary>Normalised keys (letters and digits only, lower case) that are refused.</summary>
    public static readonly IReadOnlySet<string> RefusedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "childname", "dateofbirth", "dob", "nhsnumber", "address",
    };

    public static bool IsRefused(string key) => RefusedKeys.Contains(Normalise(key));

    /// <summary>Throws <see cref="EmailContentException"/> if the message carries a refused value.</summary>
    public static void Guard(OutgoingEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        foreach (var key in email.Values.Keys)
        {
            if (IsRefused(key))
            {
                // The value itself is never repeated: it is exactly what must not travel.
                throw new EmailContentException($"Email '{email.Id}' carries the value '{key}', which could identify a child. Emails carry references and links only.");
            }
        }
    }

    private static string Normalise(string key) => string.Concat(key.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
