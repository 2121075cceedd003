namespace Safeguarding.Workflows.Host.Pages.Shared;

/// <summary>The <c>aria-describedby</c> of a field: its hint and its error message, so screen readers read both.</summary>
public static class Describe
{
    public static string? By(string id, string? hint, string? error)
    {
        var ids = new List<string>(2);
        if (hint is not null) ids.Add(id + "-hint");
        if (error is not null) ids.Add(id + "-error");
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }
}
