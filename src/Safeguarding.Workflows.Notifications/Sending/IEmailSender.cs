namespace Safeguarding.Workflows.Notifications.Sending;

/// <summary>
/// The one sending seam: Outbox, SendGrid or Graph, chosen by <c>Email:Provider</c>. The delivery worker calls it with
/// a rendered message; failures are reported as <see cref="EmailDeliveryException"/> so the retry policy lives in one place.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(RenderedEmail email, CancellationToken cancellationToken);
}
