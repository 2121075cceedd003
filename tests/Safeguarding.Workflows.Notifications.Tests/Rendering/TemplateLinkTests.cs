using System.Text.RegularExpressions;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Rendering;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Safeguarding.Workflows.Notifications.Tests.Rendering;

/// <summary>
/// Every link in every email lands on a page its reader can use: a staff page (<c>/partnerships/...</c>, behind the page
/// sign-in) or a contributor's form (<c>/forms/...</c>, with its signed link), never the JSON API. Emails to bodies
/// outside the partnership leave out the footer about case details behind sign-in; every other email keeps it.
/// </summary>
public sealed partial class TemplateLinkTests
{
    private const string BaseUrl = "https://workflows.partnership.example";

    private static readonly EmailRenderer Renderer = new(EmailTemplates.Embedded, MsOptions.Create(new EmailOptions { PublicBaseUrl = BaseUrl }));

    private const string Footer = "the case details are behind the link, for people signed in with access";

    public static TheoryData<string> TemplateNames() => [.. EmailTemplates.Embedded.Names.Order(StringComparer.Ordinal)];

    private static (string Html, string Text) Render(string template, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var values = new Dictionary<string, string>(EmailTemplates.Embedded.Get(template).SampleValues!);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var email = Renderer.Render(new OutgoingEmail(
            $"staffordshire/test/t-1/{template}", "staffordshire", "staffordshire/test/t-1", template, [new EmailRecipient("Business Manager", "manager@partnership.example")], values, Messages.CreatedAt));
        return (email.Html, email.Text);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_link_of_every_template_is_a_page_not_the_API(string template)
    {
        var (html, text) = Render(template);

        foreach (var body in new[] { html, text })
        {
            Assert.DoesNotContain("/api/", body, StringComparison.OrdinalIgnoreCase);
            foreach (var link in OwnLinks().Matches(body).Select(m => m.Groups["path"].Value))
            {
                Assert.True(link.StartsWith("/partnerships/", StringComparison.Ordinal) || link.StartsWith("/forms/", StringComparison.Ordinal), $"{template} links to {link}, which is not a page.");
            }
        }
    }

    [Fact]
    public void The_links_processes_put_in_emails_are_pages()
    {
        var meeting = new ProcessKey("staffordshire", ProcessKinds.Meeting, "board-2026-02");
        var escalation = new ProcessKey("staffordshire", ProcessKinds.Escalation, "esc-2026-007");

        Assert.Equal("/partnerships/staffordshire/meetings/board-2026-02/papers/audit", MeetingLinks.Paper(meeting, "audit"));
        Assert.Equal("/partnerships/staffordshire/escalations/esc-2026-007/documents/formal-notice.docx", FormalNotice.DocumentPage(escalation, FormalNotice.DocxDocument));
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Only_emails_to_external_bodies_leave_out_the_sign_in_footer(string template)
    {
        var (html, text) = Render(template);

        foreach (var body in new[] { html, text })
        {
            Assert.Contains("through Safeguarding Workflows.", body, StringComparison.Ordinal);
            Assert.Equal(!EmailTemplates.ToExternalBodies.Contains(template), body.Contains(Footer, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_submission_to_the_Panel_and_Foundations_is_an_email_to_external_bodies()
    {
        Assert.Contains("annual-reports/submission", EmailTemplates.ToExternalBodies);
        var (html, text) = Render("annual-reports/submission");

        Assert.DoesNotContain("signed in", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("signed in", text, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"https://workflows\.partnership\.example(?<path>/[^\s""'<>]*)")]
    private static partial Regex OwnLinks();
}
