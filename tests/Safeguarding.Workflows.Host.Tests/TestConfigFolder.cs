using System.Text.Json.Nodes;

namespace Safeguarding.Workflows.Host.Tests;

/// <summary>A temporary folder for configuration files a test writes (partnership files, bank holidays); deleted after.</summary>
public sealed class TestConfigFolder : IDisposable
{
    public TestConfigFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sgw-config-" + Guid.NewGuid().ToString("N")[..10]);

    /// <summary>The committed preset of <paramref name="id"/>, changed by <paramref name="change"/>, written as {id}.json.</summary>
    public string WritePartnership(string id, Action<JsonObject>? change = null, string? fileName = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(Preset(id)))!.AsObject();
        change?.Invoke(json);
        return WriteFile(fileName ?? $"{id}.json", json.ToJsonString());
    }

    public string WriteFile(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public static string Preset(string id)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "config", "partnerships", $"{id}.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No preset '{id}' above {AppContext.BaseDirectory}.");
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
