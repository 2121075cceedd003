using System.Net;
using System.Text;
using Azure.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Moq;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Rendering;
using Safeguarding.Workflows.Notifications.Sending;
using Safeguarding.Workflows.Notifications.Sending.Graph;
using Safeguarding.Workflows.Notifications.Sending.SendGrid;
using Safeguarding.Workflows.Notifications.Tests.Sending;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Safeguarding.Workflows.Notifications.Tests.Rendering;

/// <summary>
/// Renders every template in the assembly (including ones added later) with its sample values, the way a process
/// builds a message: from references and links only, while the process itself knows who the child is.
/// Nothing identifying may reach a subject, a body, an attachment or a provider request.
/// </summary>
public sealed class EveryTemplateTests
{
    /// <summary>What a rapid review knows and must never email.</summary>
    private sealed record RapidReviewCase(string Id, string CaseReference, string ChildName, string DateOfBirth, string Address, string NhsNumber);

    private static readonly RapidReviewCase Case = new("rr-2026-014", "RR-2026-014", "Amelia Thornbury", "2014-03-09", "14 Larkspur Close, Shirley", "943 476 5919");

    private static readonly string[] Sensitive =
    [
        Case.ChildName, "Amelia", "Thornbury", Case.DateOfBirth, "9 March 2014", "09/03/2014", "20140309",
        Case.Address, "Larkspur", Case.NhsNumber, Case.NhsNumber.Replace(" ", ""),
    ];

    private static readonly EmailOptions Options = new()
    {
        PublicBaseUrl = "https://workflows.partnership.example",
        From = "noreply@partnership.example",
        SendGrid = new SendGridOptions { ApiKey = "SG.test", SandboxMode = true },
        Graph = new GraphOptions { Mailbox = "safeguarding@partnership.example" },
    };

    public static TheoryData<string> TemplateNames() => [.. EmailTemplates.Embedded.Names.Order(StringComparer.Ordinal)];

    /// <summary>The process builds its email from its reference and a link: the child's details are not passed.</summary>
    private static OutgoingEmail EmailFor(RapidReviewCase process, string template)
    {
        var sample = EmailTemplates.Embedded.Get(template).SampleValues
            ?? throw new Xunit.Sdk.XunitException($"Templates/{template}.sample.json is missing: every template needs sample values.");
        var values = new Dictionary<string, string>(sample);
        if (values.ContainsKey("reference"))
        {
            values["reference"] = process.CaseReference;
        }

        return new OutgoingEmail(
            $"solihull/rapid-review/{process.Id}/{template}",
            "solihull",
            $"solihull/rapid-review/{process.Id}",
            template,
            [new EmailRecipient("Safeguarding Lead", "lead@agency.example"), new EmailRecipient("Business Manager", "manager@partnership.example")],
            values,
            Messages.CreatedAt,
            new CalendarInvite($"solihull/rapid-review/{process.Id}/meeting", 1, InviteMethod.Request, $"Rapid review meeting {process.CaseReference}", Messages.CreatedAt.AddDays(3), Messages.CreatedAt.AddDays(3).AddHours(2), "Council House, Solihull"));
    }

    // Emails to national bodies (the Panel, Foundations) who cannot sign in to the service: they carry the public URL instead.
    private static readonly HashSet<string> ToOutsideBodies = ["annual-reports/submission"];

    private static void AssertClean(string where, string text)
    {
        foreach (var secret in Sensitive)
        {
            Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"'{secret}' appeared in {where}.");
        }
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_template_renders_strictly_from_its_sample_values(string template)
    {
        var sample = EmailTemplates.Embedded.Get(template).SampleValues;

        Assert.NotNull(sample);
        Assert.DoesNotContain(sample.Keys, SensitiveValues.IsRefused);
        var email = new EmailRenderer(EmailTemplates.Embedded, MsOptions.Create(Options)).Render(EmailFor(Case, template));
        Assert.False(string.IsNullOrWhiteSpace(email.Subject));
        Assert.DoesNotContain('\n', email.Subject);
        if (!ToOutsideBodies.Contains(template))
        {
            Assert.Contains("https://workflows.partnership.example/", email.Html); // it links to the process
            Assert.Contains("https://workflows.partnership.example/", email.Text);
        }

        Assert.Contains(sample.GetValueOrDefault("partnershipName", "solihull"), email.Text);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void No_template_leaks_what_identifies_the_child(string template)
    {
        var email = new EmailRenderer(EmailTemplates.Embedded, MsOptions.Create(Options)).Render(EmailFor(Case, template));

        AssertClean("the subject", email.Subject);
        AssertClean("the HTML body", email.Html);
        AssertClean("the text body", email.Text);
        foreach (var attachment in email.Attachments)
        {
            AssertClean(attachment.FileName, Encoding.UTF8.GetString(attachment.Content));
        }
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public async Task No_provider_request_carries_what_identifies_the_child(string template)
    {
        var time = new FakeTimeProvider(Messages.CreatedAt);
        var email = new EmailRenderer(EmailTemplates.Embedded, MsOptions.Create(Options)).Render(EmailFor(Case, template));

        var sendGridHttp = new MockHttp();
        await new SendGridEmailSender(sendGridHttp.Client(), MsOptions.Create(Options), time).SendAsync(email, CancellationToken.None);

        var graphHttp = new MockHttp(r => r.Uri.AbsolutePath.EndsWith("/events", StringComparison.Ordinal)
            ? MockHttp.Json(HttpStatusCode.Created, """{"id":"AAMk1"}""")
            : new HttpResponseMessage(HttpStatusCode.Accepted));
        var credential = new Mock<TokenCredential>();
        credential.Setup(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>())).ReturnsAsync(new AccessToken("t", DateTimeOffset.UtcNow.AddHours(1)));
        var graph = new GraphServiceClient(graphHttp.Client(), credential.Object);
        var calendar = new GraphCalendar(graph, TestStorage.NewNames(), MsOptions.Create(Options), time, NullLogger<GraphCalendar>.Instance);
        await new GraphEmailSender(graph, calendar, MsOptions.Create(Options), time).SendAsync(email, CancellationToken.None);

        foreach (var request in sendGridHttp.Requests.Concat(graphHttp.Requests))
        {
            // Base64 would hide a leak from a plain search: decode attachments too.
            AssertClean($"{request.Method} {request.Uri}", request.Everything + DecodedAttachments(request.Body));
        }

        Assert.NotEmpty(sendGridHttp.Requests);
        Assert.Equal(2, graphHttp.Requests.Count);
    }

    private static string DecodedAttachments(string body)
    {
        var decoded = new StringBuilder();
        foreach (var token in body.Split('"').Where(t => t.Length > 40 && t.All(c => char.IsLetterOrDigit(c) || c is '+' or '/' or '=')))
        {
            try
            {
                decoded.Append(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            }
            catch (FormatException)
            {
            }
        }

        if (body.Contains("invite.ics", StringComparison.Ordinal))
        {
            Assert.Contains("BEGIN:VCALENDAR", decoded.ToString());
        }

        return decoded.ToString();
    }

    [Fact]
    public void The_guard_refuses_the_childs_details_even_if_a_process_tried_to_pass_them()
    {
        var leaking = EmailFor(Case, "test/notice") is var email
            ? email with { Values = new Dictionary<string, string>(email.Values) { ["childName"] = Case.ChildName } }
            : null;

        var refused = Assert.Throws<EmailContentException>(() => new EmailRenderer(EmailTemplates.Embedded, MsOptions.Create(Options)).Render(leaking!));

        AssertClean("the refusal", refused.Message);
    }

    [Fact]
    public void The_sensitive_strings_are_real_test_data_not_absent_by_accident()
    {
        // Guards the test itself: the process does hold these strings; only the email must not.
        Assert.Contains(Case.ChildName, Case.ToString());
        Assert.Contains(Case.DateOfBirth, Case.ToString());
        Assert.NotEmpty(TemplateNames());
    }
}
