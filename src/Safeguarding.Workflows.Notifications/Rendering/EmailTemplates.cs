using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using Fluid;
using Fluid.Ast;

namespace Safeguarding.Workflows.Notifications.Rendering;

/// <summary>One message type: its subject, HTML and plain-text Liquid sources, and the sample values tests render it with.</summary>
public sealed record EmailTemplate(string Name, string Subject, string Html, string Text, IReadOnlyDictionary<string, string>? SampleValues);

/// <summary>
/// The templates found under <c>Templates/</c>: <c>{area}/{name}.subject.liquid</c>, <c>.html.liquid</c>,
/// <c>.txt.liquid</c> and <c>.sample.json</c>, plus the shared <c>_layout.html.liquid</c> and <c>_layout.txt.liquid</c>.
/// Every template is parsed and checked when the catalogue loads, so a broken template stops the host at start.
/// </summary>
public sealed class EmailTemplates
{
    private const string Root = "Templates/";
    private static readonly string[] Parts = [".subject.liquid", ".html.liquid", ".txt.liquid", ".sample.json"];

    private static readonly Lazy<EmailTemplates> EmbeddedTemplates = new(() => FromAssembly(typeof(EmailTemplates).Assembly));
    private readonly FrozenDictionary<string, EmailTemplate> templates;

    private EmailTemplates(FrozenDictionary<string, EmailTemplate> templates, string htmlLayout, string textLayout)
    {
        this.templates = templates;
        HtmlLayout = Parse("_layout.html.liquid", htmlLayout);
        TextLayout = Parse("_layout.txt.liquid", textLayout);
        foreach (var template in templates.Values)
        {
            Parse(template.Name + ".subject.liquid", template.Subject);
            Parse(template.Name + ".html.liquid", template.Html);
            Parse(template.Name + ".txt.liquid", template.Text);
        }
    }

    /// <summary>The templates embedded in this assembly.</summary>
    public static EmailTemplates Embedded => EmbeddedTemplates.Value;

    public IReadOnlyCollection<string> Names => templates.Keys;

    /// <summary>
    /// Templates sent to bodies outside the partnership (the national Panel, Foundations): they have no sign-in here, so
    /// the layout leaves out its "case details are behind the link" footer.
    /// </summary>
    public static IReadOnlySet<string> ToExternalBodies { get; } = new HashSet<string>(StringComparer.Ordinal) { "annual-reports/submission" };

    internal string HtmlLayout { get; }

    internal string TextLayout { get; }

    public bool Contains(string name) => templates.ContainsKey(name);

    public EmailTemplate Get(string name) =>
        templates.TryGetValue(name, out var template) ? template : throw new EmailContentException($"There is no email template '{name}'.");

    public static EmailTemplates FromAssembly(Assembly assembly)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Root, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            files[resource[Root.Length..]] = reader.ReadToEnd();
        }

        return FromFiles(files);
    }

    /// <summary>Builds a catalogue from file contents keyed by path under <c>Templates/</c> (tests use it for broken templates).</summary>
    public static EmailTemplates FromFiles(IReadOnlyDictionary<string, string> files)
    {
        string Layout(string file) => files.TryGetValue(file, out var source) ? source : throw new InvalidOperationException($"The email layout Templates/{file} is missing.");

        var names = files.Keys
            .Where(path => !Path.GetFileName(path).StartsWith('_'))
            .Select(path => Parts.FirstOrDefault(path.EndsWith) is { } part
                ? path[..^part.Length]
                : throw new InvalidOperationException($"Templates/{path} is not a template file ({string.Join(", ", Parts)})."))
            .Distinct(StringComparer.Ordinal);

        var templates = new Dictionary<string, EmailTemplate>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            string Part(string suffix) => files.TryGetValue(name + suffix, out var source)
                ? source
                : throw new InvalidOperationException($"The email template '{name}' has no Templates/{name}{suffix}.");

            var sample = files.TryGetValue(name + ".sample.json", out var json)
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? throw new InvalidOperationException($"Templates/{name}.sample.json is empty.")
                : null;
            templates[name] = new EmailTemplate(name, Part(".subject.liquid"), Part(".html.liquid"), Part(".txt.liquid"), sample);
        }

        return new EmailTemplates(templates.ToFrozenDictionary(StringComparer.Ordinal), Layout("_layout.html.liquid"), Layout("_layout.txt.liquid"));
    }

    private static string Parse(string file, string source)
    {
        if (!Liquid.Parser.TryParse(source, out var template, out var error))
        {
            throw new InvalidOperationException($"Templates/{file} is not valid Liquid: {error}");
        }

        // An unknown filter would only fail when a message reaches it; we would rather find out when the template loads.
        var filters = new FilterNames();
        filters.VisitTemplate(template);
        if (filters.Names.FirstOrDefault(name => !Liquid.IsFilter(name)) is { } unknown)
        {
            throw new InvalidOperationException($"Templates/{file} uses the unknown filter '{unknown}'.");
        }

        return source;
    }

    private sealed class FilterNames : AstVisitor
    {
        public List<string> Names { get; } = [];

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            Names.Add(filterExpression.Name);
            return base.VisitFilterExpression(filterExpression);
        }
    }
}
