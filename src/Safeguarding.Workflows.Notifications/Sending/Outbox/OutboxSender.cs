using Azure;

namespace Safeguarding.Workflows.Notifications.Sending.Outbox;

/// <summary>The <c>Outbox</c> provider: "sends" by storing the message where <c>GET /api/outbox</c> lists it. Nothing leaves the service.</summary>
public sealed class OutboxSender(Outbox outbox, TimeProvider time) : IEmailSender
{
    public async Task SendAsync(RenderedEmail email, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.StoreAsync(Outbox.ToEntry(email, time.GetUtcNow()), cancellationToken);
        }
        catch (RequestFailedException e)
        {
            throw new EmailDeliveryException($"The outbox store refused the message: HTTP {e.Status} {e.ErrorCode}.", e.Status == 0 ? null : e.Status, null, e);
        }
    }
}
