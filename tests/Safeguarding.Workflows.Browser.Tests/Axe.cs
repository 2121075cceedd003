using System.Text.Json;
using Microsoft.Playwright;

namespace Safeguarding.Workflows.Browser.Tests;

/// <summary>axe-core (npm, pinned in package.json) run in the page: WCAG 2.0–2.2 A and AA rules plus best practice.</summary>
public static class Axe
{
    private static readonly Lazy<string> source = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");
        return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException("axe-core is missing: run scripts/install-tools.sh (npm ci).", path);
    });

    public static string Source => source.Value;

    public sealed record Violation(string Id, string Impact, string Help, string[] Nodes)
    {
        public override string ToString() => $"{Impact} {Id}: {Help} at {string.Join(" | ", Nodes)}";
    }

    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
              return result.violations.map(v => ({ id: v.id, impact: v.impact || 'unknown', help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }));
            }
            """);
        return json.Deserialize<List<Violation>>(new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }
}
