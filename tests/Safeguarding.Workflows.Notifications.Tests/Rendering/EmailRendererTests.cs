using Safeguarding.Workflows.Notifications.Rendering;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Safeguarding.Workflows.Notifications.Tests.Rendering;

public sealed class EmailRendererTests
{
    private static EmailRenderer Renderer(string publicBaseUrl = "https://workflows.partnership.example/") =>
        new(EmailTemplates.Embedded, MsOptions.Create(new EmailOptions { PublicBaseUrl = publicBaseUrl, From = "noreply@partnership.example" }));

    private static Dictionary<string, string> NoticeValues(params (string Key, string Value)[] changes)
    {
        var values = new Dictionary<string, string>(Messages.Notice().Values);
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        return values;
    }

    [Fact]
    public void Renders_subject_html_and_text_inside_the_partnership_layout()
    {
        var email = Renderer().Render(Messages.Notice());

        Assert.Equal("Solihull Safeguarding Children Partnership: test notice RR-2026-014", email.Subject);
        Assert.StartsWith("<!DOCTYPE html>", email.Html);
        Assert.Contains("<title>Solihull Safeguarding Children Partnership: test notice RR-2026-014</title>", email.Html);
        Assert.Equal(3, CountOf(email.Html, "Solihull Safeguarding Children Partnership")); // title, header, footer
        Assert.StartsWith("Solihull Safeguarding Children Partnership\n\nThis is a test notice for RR-2026-014.", email.Text);
        Assert.Contains("Sent by Solihull Safeguarding Children Partnership", email.Text);
        Assert.Empty(email.Attachments);
    }

    [Fact]
    public void Relative_links_get_the_public_base_url()
    {
        var email = Renderer().Render(Messages.Notice());

        Assert.Contains("href=\"https://workflows.partnership.example/forms/solihull/rapid-reviews/rr-1\"", email.Html);
        Assert.Contains("https://workflows.partnership.example/forms/solihull/rapid-reviews/rr-1", email.Text);
    }

    [Fact]
    public void Relative_links_pass_through_the_link_signer_before_the_base_url_and_absolute_ones_do_not()
    {
        var signer = new RecordingSigner(link => link + "?link=signed.token");
        var renderer = new EmailRenderer(EmailTemplates.Embedded, MsOptions.Create(new EmailOptions { PublicBaseUrl = "https://workflows.partnership.example/" }), signer);

        var email = renderer.Render(Messages.Notice());
        renderer.Render(Messages.Notice(values: NoticeValues(("link", "https://www.gov.uk/guidance"))));

        Assert.Contains("href=\"https://workflows.partnership.example/forms/solihull/rapid-reviews/rr-1?link=signed.token\"", email.Html);
        Assert.Contains("https://workflows.partnership.example/forms/solihull/rapid-reviews/rr-1?link=signed.token", email.Text);
        Assert.Equal([("solihull/rapid-review/rr-1", "link", "/forms/solihull/rapid-reviews/rr-1")], signer.Calls);
    }

    [Theory]
    [InlineData("https://evil.example/x")]
    [InlineData("//evil.example/x")]
    public void A_signer_that_makes_a_link_absolute_is_refused(string signed)
    {
        var renderer = new EmailRenderer(EmailTemplates.Embedded, MsOptions.Create(new EmailOptions()), new RecordingSigner(_ => signed));

        Assert.Throws<EmailContentException>(() => renderer.Render(Messages.Notice()));
    }

    private sealed class RecordingSigner(Func<string, string> sign) : IEmailLinkSigner
    {
        public List<(string Process, string Key, string Link)> Calls { get; } = [];

        public string Sign(Domain.Processes.OutgoingEmail email, string key, string relativeLink)
        {
            Calls.Add((email.ProcessKey, key, relativeLink));
            return sign(relativeLink);
        }
    }

    [Fact]
    public void Absolute_https_links_are_kept()
    {
        var email = Renderer().Render(Messages.Notice(values: NoticeValues(("link", "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"))));

        Assert.Contains("href=\"https://www.gov.uk/government/publications/working-together-to-safeguard-children--2\"", email.Html);
    }

    [Theory]
    [InlineData("forms/solihull/x")]
    [InlineData("//evil.example/x")]
    [InlineData("http://insecure.example/x")]
    [InlineData("javascript:alert(1)")]
    public void Other_links_are_refused(string link)
    {
        var refused = Assert.Throws<EmailContentException>(() => Renderer().Render(Messages.Notice(values: NoticeValues(("link", link)))));

        Assert.Contains("'link'", refused.Message);
    }

    [Fact]
    public void Every_value_is_html_encoded_in_html_and_left_alone_in_text()
    {
        var values = NoticeValues(("note", "<script>alert('x')</script> & \"quotes\""), ("reference", "RR<1>"), ("partnershipName", "Brighton & Hove"));

        var email = Renderer().Render(Messages.Notice(values: values));

        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", email.Html);
        Assert.Contains("<strong>RR&lt;1&gt;</strong>", email.Html);
        Assert.Contains("Brighton &amp; Hove", email.Html);
        Assert.DoesNotContain("Brighton & Hove", email.Html);
        Assert.Contains("<script>alert('x')</script> & \"quotes\"", email.Text);
        Assert.Equal("Brighton & Hove: test notice RR<1>", email.Subject);
    }

    [Fact]
    public void The_partnership_id_stands_in_for_a_missing_partnership_name()
    {
        var values = NoticeValues();
        values.Remove("partnershipName");

        var email = Renderer().Render(Messages.Notice(values: values));

        Assert.Equal("solihull: test notice RR-2026-014", email.Subject);
        Assert.Contains(">solihull</td>", email.Html);
    }

    [Fact]
    public void A_template_value_that_is_not_supplied_fails_loudly()
    {
        var values = NoticeValues();
        values.Remove("note");

        var missing = Assert.Throws<EmailContentException>(() => Renderer().Render(Messages.Notice(values: values)));

        Assert.Contains("'note'", missing.Message);
        Assert.Contains("test/notice", missing.Message);
    }

    [Fact]
    public void An_unknown_template_fails_loudly()
    {
        var unknown = Assert.Throws<EmailContentException>(() => Renderer().Render(Messages.Notice() with { Template = "meetings/no-such" }));

        Assert.Contains("meetings/no-such", unknown.Message);
    }

    [Theory]
    [InlineData("childName")]
    [InlineData("ChildName")]
    [InlineData("dateOfBirth")]
    [InlineData("date_of_birth")]
    [InlineData("dob")]
    [InlineData("nhsNumber")]
    [InlineData("address")]
    public void Refused_keys_throw_before_anything_is_rendered(string key)
    {
        var refused = Assert.Throws<EmailContentException>(() => Renderer().Render(Messages.Notice(values: NoticeValues((key, "2014-03-09")))));

        Assert.DoesNotContain("2014-03-09", refused.Message);
    }

    [Theory]
    [InlineData("emailAddress")]
    [InlineData("childrenCount")]
    [InlineData("reviewDate")]
    public void Keys_that_merely_resemble_refused_ones_are_allowed(string key)
    {
        Assert.False(SensitiveValues.IsRefused(key));
    }

    [Fact]
    public void An_invitation_is_attached_as_invite_ics()
    {
        var email = Renderer().Render(Messages.Notice(invite: Messages.Invite(sequence: 1)));

        var attachment = Assert.Single(email.Attachments);
        Assert.Equal("invite.ics", attachment.FileName);
        Assert.Equal("text/calendar; method=REQUEST; charset=UTF-8", attachment.ContentType);
        Assert.Contains("ORGANIZER:mailto:noreply@partnership.example", System.Text.Encoding.UTF8.GetString(attachment.Content));
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        var message = Messages.Notice(invite: Messages.Invite());

        var first = Renderer().Render(message);
        var second = Renderer().Render(message);

        Assert.Equal((first.Subject, first.Html, first.Text), (second.Subject, second.Html, second.Text));
        Assert.Equal(first.Attachments[0].Content, second.Attachments[0].Content);
    }

    [Theory]
    [InlineData("2026-12-01", "Tuesday 1 December 2026")]
    [InlineData("2027-03-28", "Sunday 28 March 2027")]
    [InlineData("2026-06-30T23:30:00Z", "Wednesday 1 July 2026")] // 00:30 in London (BST)
    public void Long_date_shows_the_london_date(string input, string expected)
    {
        Assert.Equal(expected, LiquidFilters.LongDate(input));
    }

    [Theory]
    [InlineData("2026-12-01T10:00:00Z", "Tuesday 1 December 2026 at 10:00")]
    [InlineData("2026-06-04T09:00:00Z", "Thursday 4 June 2026 at 10:00")]
    public void London_time_shows_local_clock_time(string input, string expected)
    {
        Assert.Equal(expected, LiquidFilters.LondonTime(input));
    }

    [Fact]
    public void A_value_that_is_not_a_date_fails_in_a_date_filter()
    {
        var values = new Dictionary<string, string>(EmailTemplates.Embedded.Get("common/deadline-reminder").SampleValues!) { ["dueOn"] = "next Tuesday" };

        var failure = Assert.Throws<EmailContentException>(() => Renderer().Render(Messages.Notice(values: values) with { Template = "common/deadline-reminder" }));

        Assert.Contains("next Tuesday", failure.Message);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
