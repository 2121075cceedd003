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
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Safeguarding.Workflows.Notifications.Tests.Sending;

/// <summary>The Graph provider against a mocked handler: the real request shapes for sendMail and the Outlook events.</summary>
public sealed class GraphEmailSenderTests
{
    private const string Mailbox = "safeguarding@partnership.example";
    // Kiota percent-encodes the '@' of the mailbox in the path; Graph accepts either form.
    private const string UsersUrl = "https://graph.microsoft.com/v1.0/users/safeguarding%40partnership.example";
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static readonly EmailOptions Options = new()
    {
        Provider = EmailProvider.Graph,
        Graph = new GraphOptions { Mailbox = Mailbox, TenantId = "tenant", ClientId = "client", ClientSecret = "secret" },
    };

    private readonly MockHttp http = new(Answer);
    private readonly EmailStorageNames storage = TestStorage.NewNames();

    private GraphEmailSender Sender()
    {
        var credential = new Mock<TokenCredential>();
        credential.Setup(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AccessToken("graph-test-token", DateTimeOffset.UtcNow.AddHours(1)));
        var graph = new GraphServiceClient(http.Client(), credential.Object, ["https://graph.microsoft.com/.default"]);
        var calendar = new GraphCalendar(graph, storage, MsOptions.Create(Options), Time, NullLogger<GraphCalendar>.Instance);
        return new GraphEmailSender(graph, calendar, MsOptions.Create(Options), Time);
    }

    private static RenderedEmail Rendered(CalendarInvite? invite = null) =>
        new EmailRenderer(EmailTemplates.Embedded, MsOptions.Create(Options)).Render(Messages.Notice(invite: invite));

    private static HttpResponseMessage Answer(CapturedRequest request) =>
        request.Method == HttpMethod.Post && request.Uri.AbsolutePath.EndsWith("/events", StringComparison.Ordinal)
            ? MockHttp.Json(HttpStatusCode.Created, """{"id":"AAMkEvent1","subject":"Partnership board"}""")
            : request.Method == HttpMethod.Patch
                ? MockHttp.Json(HttpStatusCode.OK, """{"id":"AAMkEvent1"}""")
                : new HttpResponseMessage(HttpStatusCode.Accepted);

    // Graph's action parameters are "Message", "SaveToSentItems" and "Comment" in its metadata; the SDK sends them so
    // and Graph reads them case-insensitively.
    [Fact]
    public async Task Sends_through_the_mailbox_with_an_app_token()
    {
        await Sender().SendAsync(Rendered(), CancellationToken.None);

        var request = Assert.Single(http.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(UsersUrl + "/sendMail", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer graph-test-token", request.Headers["Authorization"]);
        var message = request.Json.GetProperty("Message");
        Assert.Equal("Solihull Safeguarding Children Partnership: test notice RR-2026-014", message.GetProperty("subject").GetString());
        Assert.Equal("html", message.GetProperty("body").GetProperty("contentType").GetString());
        Assert.Contains("<strong>RR-2026-014</strong>", message.GetProperty("body").GetProperty("content").GetString());
        var recipient = Assert.Single(message.GetProperty("toRecipients").EnumerateArray()).GetProperty("emailAddress");
        Assert.Equal("lead@agency.example", recipient.GetProperty("address").GetString());
        Assert.Equal("Safeguarding Lead", recipient.GetProperty("name").GetString());
        var header = Assert.Single(message.GetProperty("internetMessageHeaders").EnumerateArray());
        Assert.Equal(GraphEmailSender.MessageIdHeader, header.GetProperty("name").GetString());
        Assert.Equal("solihull/rapid-review/rr-1/test-notice", header.GetProperty("value").GetString());
        Assert.True(request.Json.GetProperty("SaveToSentItems").GetBoolean());
    }

    [Fact]
    public async Task A_new_invitation_creates_the_outlook_event_then_sends_the_ics()
    {
        await Sender().SendAsync(Rendered(Messages.Invite(sequence: 0)), CancellationToken.None);

        Assert.Equal(2, http.Requests.Count);
        var create = http.Requests[0];
        Assert.Equal(HttpMethod.Post, create.Method);
        Assert.Equal(UsersUrl + "/events", create.Uri.AbsoluteUri);
        Assert.Equal("Bearer graph-test-token", create.Headers["Authorization"]);
        var json = create.Json;
        Assert.Equal("Partnership board", json.GetProperty("subject").GetString());
        Assert.Equal("2026-12-01T10:00:00", json.GetProperty("start").GetProperty("dateTime").GetString());
        Assert.Equal("UTC", json.GetProperty("start").GetProperty("timeZone").GetString());
        Assert.Equal("2026-12-01T12:00:00", json.GetProperty("end").GetProperty("dateTime").GetString());
        Assert.Equal("Council House, Solihull", json.GetProperty("location").GetProperty("displayName").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("transactionId").GetString()));
        Assert.False(json.TryGetProperty("attendees", out _));

        var send = http.Requests[1];
        Assert.EndsWith("/sendMail", send.Uri.AbsolutePath);
        var attachment = Assert.Single(send.Json.GetProperty("Message").GetProperty("attachments").EnumerateArray());
        Assert.Equal("#microsoft.graph.fileAttachment", attachment.GetProperty("@odata.type").GetString());
        Assert.Equal("invite.ics", attachment.GetProperty("name").GetString());
        Assert.StartsWith("text/calendar; method=REQUEST", attachment.GetProperty("contentType").GetString());
        Assert.Contains("METHOD:REQUEST", Encoding.UTF8.GetString(Convert.FromBase64String(attachment.GetProperty("contentBytes").GetString()!)));
    }

    [Fact]
    public async Task A_higher_sequence_updates_the_same_event_and_a_cancellation_cancels_it()
    {
        var sender = Sender();
        await sender.SendAsync(Rendered(Messages.Invite(sequence: 0)), CancellationToken.None);
        await sender.SendAsync(Rendered(Messages.Invite(sequence: 1) with { StartsAt = new DateTimeOffset(2026, 12, 2, 14, 0, 0, TimeSpan.Zero) }), CancellationToken.None);
        await sender.SendAsync(Rendered(Messages.Invite(sequence: 2, InviteMethod.Cancel)), CancellationToken.None);

        var calendarCalls = http.Requests.Where(r => !r.Uri.AbsolutePath.EndsWith("/sendMail", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, calendarCalls.Count);

        var update = calendarCalls[1];
        Assert.Equal(HttpMethod.Patch, update.Method);
        Assert.Equal(UsersUrl + "/events/AAMkEvent1", update.Uri.AbsoluteUri);
        Assert.Equal("2026-12-02T14:00:00", update.Json.GetProperty("start").GetProperty("dateTime").GetString());

        var cancel = calendarCalls[2];
        Assert.Equal(HttpMethod.Post, cancel.Method);
        Assert.Equal(UsersUrl + "/events/AAMkEvent1/cancel", cancel.Uri.AbsoluteUri);
        Assert.Contains("test notice", cancel.Json.GetProperty("Comment").GetString());
        Assert.Equal(3, http.Requests.Count(r => r.Uri.AbsolutePath.EndsWith("/sendMail", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_repeated_invitation_does_not_touch_the_calendar_again()
    {
        var sender = Sender();
        await sender.SendAsync(Rendered(Messages.Invite(sequence: 1)), CancellationToken.None);
        await sender.SendAsync(Rendered(Messages.Invite(sequence: 1)), CancellationToken.None);
        await sender.SendAsync(Rendered(Messages.Invite(sequence: 0)), CancellationToken.None);
        await sender.SendAsync(Rendered(Messages.Invite(sequence: 2, InviteMethod.Cancel)), CancellationToken.None);
        await sender.SendAsync(Rendered(Messages.Invite(sequence: 2, InviteMethod.Cancel)), CancellationToken.None);

        Assert.Single(http.Requests, r => r.Uri.AbsolutePath.EndsWith("/events", StringComparison.Ordinal));
        Assert.Single(http.Requests, r => r.Uri.AbsolutePath.EndsWith("/cancel", StringComparison.Ordinal));
        Assert.DoesNotContain(http.Requests, r => r.Method == HttpMethod.Patch);
    }

    [Fact]
    public async Task A_cancellation_for_an_unknown_event_only_sends_the_email()
    {
        await Sender().SendAsync(Rendered(Messages.Invite(sequence: 3, InviteMethod.Cancel)), CancellationToken.None);

        var request = Assert.Single(http.Requests);
        Assert.EndsWith("/sendMail", request.Uri.AbsolutePath);
    }

    [Fact]
    public async Task Throttling_reports_429_with_retry_after()
    {
        http.Respond = _ =>
        {
            var response = MockHttp.Json(HttpStatusCode.TooManyRequests, """{"error":{"code":"ApplicationThrottled","message":"Too many requests"}}""");
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(17));
            return response;
        };

        var failure = await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender().SendAsync(Rendered(), CancellationToken.None));

        Assert.Equal(429, failure.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(17), failure.RetryAfter);
        Assert.Contains("ApplicationThrottled", failure.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Errors_carry_the_status_code(HttpStatusCode status)
    {
        http.Respond = _ => MockHttp.Json(status, """{"error":{"code":"ErrorAccessDenied","message":"Access is denied."}}""");

        var failure = await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender().SendAsync(Rendered(), CancellationToken.None));

        Assert.Equal((int)status, failure.StatusCode);
    }
}
