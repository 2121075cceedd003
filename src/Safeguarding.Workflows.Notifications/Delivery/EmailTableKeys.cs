using Safeguarding.Workflows.Storage;

namespace Safeguarding.Workflows.Notifications.Delivery;

/// <summary>
/// Keys of the email tables (sent, failed, calendar events): message ids and invitation uids escaped with the one
/// <see cref="TableKeys"/>. Rows written before 6 December 2026 were keyed by percent-encoding (which Azure Storage
/// can mishandle in URLs), so reads try that key too and those rows are still found.
/// </summary>
internal static class EmailTableKeys
{
    public static string Of(string id) => TableKeys.Escape(id);

    /// <summary>The key, then the key the row has if an earlier release wrote it (when that differs).</summary>
    public static IEnumerable<string> ToRead(string id)
    {
        var key = Of(id);
        yield return key;
        var earlier = Uri.EscapeDataString(id);
        if (earlier != key)
        {
            yield return earlier;
        }
    }

    /// <summary>The id a row key stands for, whichever release wrote it ('%' never needs escaping in the new keys, '~' always did).</summary>
    public static string IdOf(string key) => key.Contains('%') && !key.Contains('~') ? Uri.UnescapeDataString(key) : TableKeys.Unescape(key);
}
