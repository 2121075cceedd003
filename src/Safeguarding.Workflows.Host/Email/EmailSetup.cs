using Safeguarding.Workflows.Notifications;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage;

namespace Safeguarding.Workflows.Host.Email;

public static class EmailSetup
{
    /// <summary>
    /// Email delivery on the service's own storage account and prefix (so managed identity works too), with the
    /// Outbox provider stamping messages with the process clock, so a simulated clock shows when things were sent.
    /// </summary>
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<StorageClients>();
            return new EmailStorageNames(storage.TableService, storage.BlobService, storage.QueueService, storage.Prefix.ToLowerInvariant());
        });
        builder.Services.AddKeyedSingleton<TimeProvider>(EmailDeliveryExtensions.ProcessClockKey, (sp, _) => sp.GetRequiredService<WorkflowClock>());
        builder.Services.AddEmailDelivery(builder.Configuration);

        // Links point at this service unless Email:PublicBaseUrl says where the public reaches it.
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{EmailOptions.Section}:{nameof(EmailOptions.PublicBaseUrl)}"]))
        {
            var listening = PublicBaseAddress.Of(builder.Configuration);
            builder.Services.PostConfigure<EmailOptions>(o => o.PublicBaseUrl = listening);
        }

        return builder;
    }
}
