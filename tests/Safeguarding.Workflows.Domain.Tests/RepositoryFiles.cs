namespace Safeguarding.Workflows.Domain.Tests;

/// <summary>Finds files committed in the repository (for example <c>config/</c>) from the test's build output.</summary>
public static class RepositoryFiles
{
    public static string Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{relativePath}' was not found above {AppContext.BaseDirectory}.");
    }
}
