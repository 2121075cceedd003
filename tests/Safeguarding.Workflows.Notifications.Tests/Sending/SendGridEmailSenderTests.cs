using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Safeguarding.Workflows.Notifications.Rendering;
using Safeguarding.Workflows.Notifications.Sending;
using Safeguarding.Workflows.Notifications.Sending.SendGrid;

namespace Safeguarding.Workflows.Notifications.Tests.Sending;

public sealed class SendGridEmailSenderTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    internal static EmailOptions Options(bool sandbox = true) => new()
    {
        Provider = EmailProvider.SendGrid,
        From = "noreply@partnership.example",
        FromName = "Solihull Safeguarding Children Partnership",
        SendGrid = new SendGridOptions { ApiKey = "SG.test-key", SandboxMode = sandbox },
    };

    internal static RenderedEmail Rendered(EmailOptions options, bool invite = false) =>
        new EmailRenderer(EmailTemplates.Embedded, Microsoft.Extensions.Options.Options.Create(options)).Render(Messages.Notice(invite: invite ? Messages.Invite(sequence: 1) : null));

    [Fact]
    public async Task Posts_the_v3_mail_send_request_with_key_recipients_subject_and_custom_args()
    {
        var http = new MockHttp();
        var options = Options();
        var sender = new SendGridEmailSender(http.Client(), Microsoft.Extensions.Options.Options.Create(options), Time);

        await sender.SendAsync(Rendered(options), CancellationToken.None);

        var request = Assert.Single(http.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.sendgrid.com/v3/mail/send", request.Uri.ToString());
        Assert.Equal("Bearer SG.test-key", request.Headers["Authorization"]);
        var json = request.Json;
        var to = Assert.Single(json.GetProperty("personalizations").EnumerateArray()).GetProperty("to");
        Assert.Equal("lead@agency.example", Assert.Single(to.EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal("noreply@partnership.example", json.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("Solihull Safeguarding Children Partnership: test notice RR-2026-014", json.GetProperty("subject").GetString());
        var content = json.GetProperty("content").EnumerateArray().ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("value").GetString()!);
        Assert.Contains("RR-2026-014", content["text/plain"]);
        Assert.Contains("<strong>RR-2026-014</strong>", content["text/html"]);
        Assert.Equal("solihull/rapid-review/rr-1/test-notice", json.GetProperty("custom_args").GetProperty("messageId").GetString());
        Assert.True(json.GetProperty("mail_settings").GetProperty("sandbox_mode").GetProperty("enable").GetBoolean());
    }

    [Fact]
    public async Task Sandbox_mode_is_off_unless_configured()
    {
        var http = new MockHttp();
        var options = Options(sandbox: false);
        var sender = new SendGridEmailSender(http.Client(), Microsoft.Extensions.Options.Options.Create(options), Time);

        await sender.SendAsync(Rendered(options), CancellationToken.None);

        Assert.False(Assert.Single(http.Requests).Json.GetProperty("mail_settings").GetProperty("sandbox_mode").GetProperty("enable").GetBoolean());
    }

    [Fact]
    public async Task Attaches_the_invitation_as_invite_ics()
    {
        var http = new MockHttp();
        var options = Options();
        var sender = new SendGridEmailSender(http.Client(), Microsoft.Extensions.Options.Options.Create(options), Time);

        await sender.SendAsync(Rendered(options, invite: true), CancellationToken.None);

        var attachment = Assert.Single(Assert.Single(http.Requests).Json.GetProperty("attachments").EnumerateArray());
        Assert.Equal("invite.ics", attachment.GetProperty("filename").GetString());
        Assert.StartsWith("text/calendar; method=REQUEST", attachment.GetProperty("type").GetString());
        var ics = Encoding.UTF8.GetString(Convert.FromBase64String(attachment.GetProperty("content").GetString()!));
        Assert.Contains("SEQUENCE:1", ics);
        Assert.Contains("ORGANIZER:mailto:noreply@partnership.example", ics);
    }

    [Fact]
    public async Task Rate_limiting_reports_429_with_retry_after()
    {
        var http = new MockHttp(_ =>
        {
            var response = MockHttp.Json(HttpStatusCode.TooManyRequests, """{"errors":[{"message":"too many requests"}]}""");
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return response;
        });
        var options = Options();
        var sender = new SendGridEmailSender(http.Client(), Microsoft.Extensions.Options.Options.Create(options), Time);

        var failure = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(Rendered(options), CancellationToken.None));

        Assert.Equal(429, failure.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), failure.RetryAfter);
    }

    [Fact]
    public async Task Rate_limit_reset_stands_in_for_a_missing_retry_after()
    {
        var http = new MockHttp(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.Add("X-RateLimit-Reset", (Time.GetUtcNow().ToUnixTimeSeconds() + 45).ToString());
            return response;
        });
        var options = Options();
        var sender = new SendGridEmailSender(http.Client(), Microsoft.Extensions.Options.Options.Create(options), Time);

        var failure = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(Rendered(options), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(45), failure.RetryAfter);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task Errors_carry_the_status_code(HttpStatusCode status)
    {
        var http = new MockHttp(_ => MockHttp.Json(status, """{"errors":[{"message":"The from address does not match a verified Sender Identity.","field":"from"}]}"""));
        var options = Options();
        var sender = new SendGridEmailSender(http.Client(), Microsoft.Extensions.Options.Options.Create(options), Time);

        var failure = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(Rendered(options), CancellationToken.None));

        Assert.Equal((int)status, failure.StatusCode);
        Assert.Null(failure.RetryAfter);
        Assert.Contains($"HTTP {(int)status}", failure.Message);
    }

    [Fact]
    public async Task A_connection_failure_has_no_status_so_it_is_retried()
    {
        var http = new MockHttp(_ => throw new HttpRequestException("connection refused"));
        var options = Options();
        var sender = new SendGridEmailSender(http.Client(), Microsoft.Extensions.Options.Options.Create(options), Time);

        var failure = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(Rendered(options), CancellationToken.None));

        Assert.Null(failure.StatusCode);
    }
}
