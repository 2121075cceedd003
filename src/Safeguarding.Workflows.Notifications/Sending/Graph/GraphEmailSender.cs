using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;
using Microsoft.Kiota.Abstractions;

namespace Safeguarding.Workflows.Notifications.Sending.Graph;

/// <summary>
/// The <c>Graph</c> provider: <c>POST /users/{mailbox}/sendMail</c> as <c>Email:Graph:Mailbox</c>, with app-only
/// credentials. A message with an invitation first brings the mailbox's Outlook calendar in step
/// (<see cref="GraphCalendar"/>), then sends the email with <c>invite.ics</c> attached.
/// </summary>
public sealed class GraphEmailSender(GraphServiceClient graph, GraphCalendar calendar, IOptions<EmailOptions> options, TimeProvider time) : IEmailSender
{
    /// <summary>Our message id travels in this internet header (custom headers must start with <c>X-</c>).</summary>
    public const string MessageIdHeader = "X-Safeguarding-Message-Id";

    private readonly string mailbox = options.Value.Graph.Mailbox ?? throw new InvalidOperationException("Email:Graph:Mailbox is not set.");

    public async Task SendAsync(RenderedEmail email, CancellationToken cancellationToken)
    {
        if (email.Message.Invite is { } invite)
        {
            await calendar.SyncAsync(invite, email.Subject, cancellationToken);
        }

        var body = new SendMailPostRequestBody
        {
            Message = new Message
            {
                Subject = email.Subject,
                Body = new ItemBody { ContentType = BodyType.Html, Content = email.Html },
                ToRecipients = [.. email.Message.To.Select(r => new Recipient { EmailAddress = new EmailAddress { Address = r.Email, Name = r.Name } })],
                InternetMessageHeaders = [new InternetMessageHeader { Name = MessageIdHeader, Value = email.Id }],
                Attachments = [.. email.Attachments.Select(a => (Attachment)new FileAttachment { Name = a.FileName, ContentType = a.ContentType, ContentBytes = a.Content })],
            },
            SaveToSentItems = true,
        };

        await GraphErrors.TranslateAsync(() => graph.Users[mailbox].SendMail.PostAsync(body, cancellationToken: cancellationToken), "sendMail", time, cancellationToken);
    }
}

/// <summary>Turns Graph's exceptions into <see cref="EmailDeliveryException"/> with the status and <c>Retry-After</c>.</summary>
internal static class GraphErrors
{
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> call, string operation, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (ApiException e)
        {
            var headers = e.ResponseHeaders?.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value;
            var code = e is Microsoft.Graph.Models.ODataErrors.ODataError odata ? odata.Error?.Code : null;
            throw new EmailDeliveryException($"Graph {operation} answered HTTP {e.ResponseStatusCode}{(code is null ? "" : " " + code)}.", e.ResponseStatusCode, EmailDeliveryException.ReadRetryAfter(headers, time.GetUtcNow()), e);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new EmailDeliveryException($"Graph {operation} could not be reached: {e.GetType().Name}.", null, null, e);
        }
    }

    public static Task TranslateAsync(Func<Task> call, string operation, TimeProvider time, CancellationToken cancellationToken) =>
        TranslateAsync(async () =>
        {
            await call();
            return true;
        }, operation, time, cancellationToken);
}
