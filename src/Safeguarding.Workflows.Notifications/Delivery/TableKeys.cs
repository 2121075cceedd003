namespace Safeguarding.Workflows.Notifications.Delivery;

/// <summary>Message ids contain '/', which Azure Table keys forbid; percent-encoding keeps them readable and reversible.</summary>
internal static class TableKeys
{
    public static string Escape(string id) => Uri.EscapeDataString(id);

    public static string Unescape(string key) => Uri.UnescapeDataString(key);
}
