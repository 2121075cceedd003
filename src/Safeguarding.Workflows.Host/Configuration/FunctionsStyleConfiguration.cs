using System.Text.Json;

namespace Safeguarding.Workflows.Host.Configuration;

/// <summary>
/// The configuration files someone who knows Azure Functions expects: <c>host.json</c> (engine, timer, retry and email
/// settings) and, in Development, the <c>Values</c> of <c>local.settings.json</c>. Environment variables still win.
/// </summary>
public static class FunctionsStyleConfiguration
{
    public static WebApplicationBuilder AddFunctionsStyleConfiguration(this WebApplicationBuilder builder)
    {
        var hostJson = FindUpwards(builder.Environment.ContentRootPath, "host.json") ?? Path.Combine(AppContext.BaseDirectory, "host.json");
        var sources = builder.Configuration.Sources;
        // Insert before environment variables and command line so those keep overriding, as in ASP.NET.
        var index = sources.TakeWhile(s => s is not Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource).Count();
        var added = new ConfigurationBuilder().AddJsonFile(hostJson, optional: true, reloadOnChange: false);
        if (builder.Environment.IsDevelopment() && FindUpwards(builder.Environment.ContentRootPath, "local.settings.json") is { } localSettings)
        {
            added.AddInMemoryCollection(ReadValues(localSettings));
        }

        foreach (var source in added.Sources.Reverse())
        {
            sources.Insert(Math.Min(index, sources.Count), source);
        }

        return builder;
    }

    /// <summary>Reads the <c>Values</c> object of a local.settings.json; <c>Section__Key</c> names become <c>Section:Key</c>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ReadValues(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return values.EnumerateObject()
            .Select(p => new KeyValuePair<string, string?>(p.Name.Replace("__", ":", StringComparison.Ordinal), p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))
            .ToList();
    }

    // The files live at the repository root; the host may run from src/... or from its build output.
    private static string? FindUpwards(string start, string fileName)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
