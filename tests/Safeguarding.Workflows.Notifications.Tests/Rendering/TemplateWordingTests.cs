using System.Text.RegularExpressions;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Rendering;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Safeguarding.Workflows.Notifications.Tests.Rendering;

/// <summary>
/// Every template, rendered with its sample values (and the annual report submission with the two real recipients),
/// says things in the partnerships' own words: Foundations is a name (no "the"), the Secretary of State and the
/// national Panel are capitalised, the report is the "annual report", and nothing is said twice in a row.
/// </summary>
public sealed partial class TemplateWordingTests
{
    private static readonly EmailRenderer Renderer = new(EmailTemplates.Embedded, MsOptions.Create(new EmailOptions { PublicBaseUrl = "https://workflows.partnership.example" }));

    public static TheoryData<string> TemplateNames() => [.. EmailTemplates.Embedded.Names.Order(StringComparer.Ordinal)];

    public static TheoryData<string> SubmissionRecipients() =>
        [SubmissionAddresses.Statutory.Panel.Name, SubmissionAddresses.Statutory.Foundations.Name];

    private static IEnumerable<string> Rendered(string template, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var values = new Dictionary<string, string>(EmailTemplates.Embedded.Get(template).SampleValues!);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var email = Renderer.Render(new OutgoingEmail(
            $"solihull/test/t-1/{template}", "solihull", "solihull/test/t-1", template, [new EmailRecipient("Business Manager", "manager@partnership.example")], values, Messages.CreatedAt));
        return [email.Subject, email.Text, email.Html];
    }

    private static void AssertWording(string text)
    {
        Assert.False(text.Contains("the Foundations", StringComparison.OrdinalIgnoreCase), $"'the Foundations' (Foundations is a name): {text}");
        Assert.All(SecretaryOfState().Matches(text), m => Assert.Equal("Secretary of State", m.Value));
        Assert.All(Panel().Matches(text), m => Assert.Equal("Panel", m.Value));
        Assert.DoesNotContain("yearly", text, StringComparison.OrdinalIgnoreCase);
        Assert.False(SaidTwice().IsMatch(text), $"Something is said twice in a row: {SaidTwice().Match(text).Value}");
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_template_uses_the_partnerships_words(string template)
    {
        Assert.All(Rendered(template), AssertWording);
    }

    [Theory]
    [MemberData(nameof(SubmissionRecipients))]
    public void The_submission_addresses_each_national_body_by_its_name(string recipient)
    {
        var rendered = Rendered("annual-reports/submission", new Dictionary<string, string> { ["recipientName"] = recipient }).ToList();

        Assert.All(rendered, AssertWording);
        Assert.Contains($"To: {recipient}", rendered[1]);
    }

    [Fact]
    public void The_checks_catch_what_they_are_for()
    {
        Assert.ThrowsAny<Exception>(() => AssertWording("To the Foundations, the What Works Centre"));
        Assert.ThrowsAny<Exception>(() => AssertWording("referred to the Secretary of state"));
        Assert.ThrowsAny<Exception>(() => AssertWording("sent to the panel"));
        Assert.ThrowsAny<Exception>(() => AssertWording("The Yearly report"));
        Assert.ThrowsAny<Exception>(() => AssertWording("Dear Board Manager, Board Manager"));
        AssertWording("To: Foundations, the What Works Centre for Children & Families; the Panel and the Secretary of State.");
    }

    [GeneratedRegex("secretary of state", RegexOptions.IgnoreCase)]
    private static partial Regex SecretaryOfState();

    [GeneratedRegex(@"\bpanel\b", RegexOptions.IgnoreCase)]
    private static partial Regex Panel();

    // "Board Manager, Board Manager": the same words of two or more letters either side of a comma.
    [GeneratedRegex(@"\b(\w{2,}(?: \w+)*), \1\b")]
    private static partial Regex SaidTwice();
}
