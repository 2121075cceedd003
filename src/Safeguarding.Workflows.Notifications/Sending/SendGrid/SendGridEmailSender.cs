using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Safeguarding.Workflows.Notifications.Sending.SendGrid;

/// <summary>
/// The <c>SendGrid</c> provider: one v3 mail/send call per message, from <c>Email:From</c>, with our message id in
/// <c>custom_args.messageId</c> (so events and the activity feed can be traced back) and sandbox mode when configured.
/// </summary>
public sealed class SendGridEmailSender : IEmailSender
{
    public const string MessageIdArg = "messageId";

    private readonly SendGridClient client;
    private readonly EmailOptions options;
    private readonly TimeProvider time;

    public SendGridEmailSender(HttpClient http, IOptions<EmailOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
        client = new SendGridClient(http, new SendGridClientOptions { ApiKey = this.options.SendGrid.ApiKey, HttpErrorAsException = false });
    }

    public async Task SendAsync(RenderedEmail email, CancellationToken cancellationToken)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(options.From, options.FromName),
            Subject = email.Subject,
            PlainTextContent = email.Text,
            HtmlContent = email.Html,
        };
        message.AddTos([.. email.Message.To.Select(r => new EmailAddress(r.Email, r.Name))]);
        message.AddGlobalCustomArg(MessageIdArg, email.Id);
        message.AddGlobalCustomArg("partnershipId", email.Message.PartnershipId);
        message.SetSandBoxMode(options.SendGrid.SandboxMode);
        foreach (var attachment in email.Attachments)
        {
            message.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.ContentType, "attachment");
        }

        Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new EmailDeliveryException($"SendGrid could not be reached: {e.GetType().Name}.", null, null, e);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            var retryAfter = EmailDeliveryException.ReadRetryAfter(response.Headers?.RetryAfter, time.GetUtcNow()) ?? RateLimitReset(response);
            var detail = await ErrorDetailAsync(response);
            throw new EmailDeliveryException($"SendGrid answered HTTP {status}{detail}.", status, retryAfter);
        }
    }

    // SendGrid's rate limiting says when the window resets rather than sending Retry-After.
    private TimeSpan? RateLimitReset(Response response) =>
        response.Headers is { } headers
        && headers.TryGetValues("X-RateLimit-Reset", out var values)
        && long.TryParse(values.FirstOrDefault(), out var epochSeconds)
            ? TimeSpan.FromSeconds(Math.Max(0, epochSeconds - time.GetUtcNow().ToUnixTimeSeconds()))
            : null;

    // SendGrid's error bodies name the field at fault, never the message content; keep them short anyway.
    private static async Task<string> ErrorDetailAsync(Response response)
    {
        try
        {
            var body = await response.Body.ReadAsStringAsync();
            return string.IsNullOrWhiteSpace(body) ? "" : ": " + (body.Length <= 300 ? body : body[..300]);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or ObjectDisposedException)
        {
            return "";
        }
    }
}
