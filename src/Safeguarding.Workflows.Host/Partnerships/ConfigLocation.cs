namespace Safeguarding.Workflows.Host.Partnerships;

/// <summary>
/// Finds the repository's <c>config/</c> files. The host may run from the repository (content root src/...), from its
/// build output (the csproj copies <c>config/**</c> next to the binaries) or from a published folder.
/// </summary>
internal static class ConfigLocation
{
    /// <summary>
    /// <paramref name="configured"/> (relative to the content root) when set; otherwise <paramref name="relativePath"/>
    /// in the content root or the nearest folder above it, then in the application's base directory. Null when none exists.
    /// </summary>
    public static string? Resolve(string? configured, string contentRoot, string relativePath, bool directory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativePath);
            if (directory ? Directory.Exists(candidate) : File.Exists(candidate))
            {
                return candidate;
            }
        }

        var beside = Path.Combine(AppContext.BaseDirectory, relativePath);
        return (directory ? Directory.Exists(beside) : File.Exists(beside)) ? beside : null;
    }
}
