using Safeguarding.Workflows.Notifications.Rendering;

namespace Safeguarding.Workflows.Notifications.Tests.Rendering;

public sealed class EmailTemplatesTests
{
    private static Dictionary<string, string> Files(params (string Path, string Source)[] extra)
    {
        var files = new Dictionary<string, string>
        {
            ["_layout.html.liquid"] = "<html>{{ content }}</html>",
            ["_layout.txt.liquid"] = "{{ content }}",
            ["area/ok.subject.liquid"] = "Hello {{ reference }}",
            ["area/ok.html.liquid"] = "<p>{{ reference | upcase }}</p>",
            ["area/ok.txt.liquid"] = "{{ reference }}",
        };
        foreach (var (path, source) in extra)
        {
            files[path] = source;
        }

        return files;
    }

    [Fact]
    public void The_generic_templates_processes_use_are_embedded()
    {
        Assert.Superset(
            new HashSet<string> { "test/notice", "common/deadline-reminder", "common/deadline-missed", "common/process-cancelled" },
            EmailTemplates.Embedded.Names.ToHashSet());
    }

    [Fact]
    public void Templates_load_from_files_keyed_by_path()
    {
        var templates = EmailTemplates.FromFiles(Files(("area/ok.sample.json", """{"reference":"R-1"}""")));

        var template = templates.Get("area/ok");
        Assert.Equal("Hello {{ reference }}", template.Subject);
        Assert.Equal("R-1", template.SampleValues!["reference"]);
    }

    [Fact]
    public void A_template_missing_a_part_is_refused_at_load()
    {
        var files = Files();
        files.Remove("area/ok.txt.liquid");

        var failure = Assert.Throws<InvalidOperationException>(() => EmailTemplates.FromFiles(files));

        Assert.Contains("area/ok.txt.liquid", failure.Message);
    }

    [Fact]
    public void An_unknown_filter_is_refused_at_load()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => EmailTemplates.FromFiles(Files(("area/ok.html.liquid", "<p>{{ reference | shout }}</p>"))));

        Assert.Contains("'shout'", failure.Message);
    }

    [Fact]
    public void A_filter_name_inside_a_quoted_string_is_not_a_filter()
    {
        var templates = EmailTemplates.FromFiles(Files(("area/ok.html.liquid", "<p>{{ reference | append: ' | shout' }}</p>")));

        Assert.True(templates.Contains("area/ok"));
    }

    [Fact]
    public void Invalid_liquid_is_refused_at_load()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => EmailTemplates.FromFiles(Files(("area/ok.html.liquid", "<p>{% if reference %}</p>"))));

        Assert.Contains("area/ok.html.liquid", failure.Message);
    }

    [Fact]
    public void A_stray_file_is_refused_at_load()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => EmailTemplates.FromFiles(Files(("area/ok.htm", "<p></p>"))));

        Assert.Contains("area/ok.htm", failure.Message);
    }
}
