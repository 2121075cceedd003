using System.Globalization;
using System.Text;

namespace Safeguarding.Workflows.Storage;

/// <summary>
/// Makes any string safe as an Azure Table PartitionKey or RowKey, reversibly.
/// </summary>
/// <remarks>
/// Keys may not contain <c>/ \ # ?</c> or control characters. Each of those, the escape character <c>~</c> itself and
/// <see cref="Separator"/> become <c>~XX</c> (two upper-case hex digits) or <c>~uXXXX</c>. <c>%</c> is deliberately
/// not the escape: Azure Storage mishandles <c>%</c> in keys addressed through the URL. Escaping is per character,
/// so <c>Escape(a + b) == Escape(a) + Escape(b)</c> and prefix queries on escaped keys work.
/// </remarks>
public static class TableKeys
{
    /// <summary>Joins escaped parts of a composite key; never produced by <see cref="Escape"/>.</summary>
    public const char Separator = '|';

    /// <summary>Azure Tables accepts keys up to 1 KiB.</summary>
    public const int MaxKeyLength = 1024;

    private const char EscapeChar = '~';

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(NeedsEscape)) return value;

        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (!NeedsEscape(c)) escaped.Append(c);
            else if (c <= 0xFF) escaped.Append(EscapeChar).Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else escaped.Append(EscapeChar).Append('u').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }

        return escaped.ToString();
    }

    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains(EscapeChar)) return value;

        var plain = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != EscapeChar)
            {
                plain.Append(value[i]);
                continue;
            }

            var wide = i + 1 < value.Length && value[i + 1] == 'u';
            var start = wide ? i + 2 : i + 1;
            var length = wide ? 4 : 2;
            if (start + length > value.Length
                || !int.TryParse(value.AsSpan(start, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw new FormatException($"'{value}' is not an escaped table key.");
            }

            plain.Append((char)code);
            i = start + length - 1;
        }

        return plain.ToString();
    }

    /// <summary>Escapes and checks the length limit, naming what the key is for in the error.</summary>
    public static string Key(string value, string what) => Checked(Escape(value), what);

    /// <summary>Escapes each part and joins them with <see cref="Separator"/>, so parts can never run into each other.</summary>
    public static string Join(string what, params ReadOnlySpan<string> parts)
    {
        var escaped = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++) escaped[i] = Escape(parts[i]);
        return Checked(string.Join(Separator, escaped), what);
    }

    private static string Checked(string key, string what)
    {
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"The {what} is too long for an Azure Table key ({key.Length} characters escaped; at most {MaxKeyLength}).", what);
        }

        return key;
    }

    private static bool NeedsEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or EscapeChar or Separator || char.IsControl(c) || c is '\uFFFE' or '\uFFFF';
}
