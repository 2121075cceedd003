using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Notifications.Rendering;
using Safeguarding.Workflows.Notifications.Sending;
using Safeguarding.Workflows.Notifications.Sending.Graph;
using Safeguarding.Workflows.Notifications.Sending.Outbox;
using Safeguarding.Workflows.Notifications.Sending.SendGrid;

namespace Safeguarding.Workflows.Notifications;

public static class EmailDeliveryExtensions
{
    /// <summary>
    /// Email delivery: <see cref="EmailQueue"/> to send, the <see cref="DeliveryWorker"/>, the provider chosen by
    /// <c>Email:Provider</c>, templates, and the outbox and failed-message stores. Options are validated at start.
    /// </summary>
    /// <remarks>
    /// Storage comes from an <see cref="EmailStorageNames"/> registered before this call, or else from
    /// <c>Storage:ConnectionString</c> and <c>Storage:Prefix</c>. A <see cref="TimeProvider"/> registered before this
    /// call (the simulated clock) is used for timestamps.
    /// </remarks>
    /// <summary>
    /// Key of an optional <see cref="TimeProvider"/> for the Outbox provider's <c>sentAt</c>: the host registers the
    /// process clock here, so that a simulated clock shows when messages were sent. Retry and backoff keep real time.
    /// </summary>
    public const string ProcessClockKey = "process-clock";

    public static IServiceCollection AddEmailDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => EmailStorageNames.FromConnectionString(
            configuration["Storage:ConnectionString"] is { Length: > 0 } connectionString ? connectionString : "UseDevelopmentStorage=true",
            configuration["Storage:Prefix"] is { Length: > 0 } prefix ? prefix : "sgw"));

        services.TryAddSingleton(EmailTemplates.Embedded);
        // The host registers its own signer for contributor forms' links; without one, links go out unsigned.
        services.TryAddSingleton<IEmailLinkSigner>(UnsignedEmailLinks.Instance);
        services.TryAddSingleton<EmailRenderer>();
        services.TryAddSingleton<EmailQueue>();
        services.TryAddSingleton<SentMessages>();
        services.TryAddSingleton<FailedMessages>();
        services.TryAddSingleton<Outbox>();

        // The senders are singletons that keep their HttpClient: pooled connections are recycled instead, so DNS
        // changes are still seen. A hung request becomes a timeout, which the delivery policy retries.
        foreach (var name in new[] { nameof(SendGridEmailSender), nameof(GraphEmailSender) })
        {
            services.AddHttpClient(name, client => client.Timeout = TimeSpan.FromSeconds(30))
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }

        services.TryAddSingleton(sp => CreateGraphClient(sp));
        services.TryAddSingleton<GraphCalendar>();
        services.TryAddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Provider switch
        {
            EmailProvider.SendGrid => new SendGridEmailSender(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SendGridEmailSender)),
                sp.GetRequiredService<IOptions<EmailOptions>>(),
                sp.GetRequiredService<TimeProvider>()),
            EmailProvider.Graph => ActivatorUtilities.CreateInstance<GraphEmailSender>(sp),
            _ => new OutboxSender(sp.GetRequiredService<Outbox>(), sp.GetKeyedService<TimeProvider>(ProcessClockKey) ?? sp.GetRequiredService<TimeProvider>()),
        });

        services.AddMetrics();
        services.TryAddSingleton<EmailMetrics>();
        services.TryAddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        return services;
    }

    /// <summary>App-only Graph access: the client secret when one is configured, otherwise the managed identity.</summary>
    public static TokenCredential CreateGraphCredential(GraphOptions graph) => string.IsNullOrEmpty(graph.ClientSecret)
        ? new ManagedIdentityCredential(string.IsNullOrEmpty(graph.ClientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(graph.ClientId))
        : new ClientSecretCredential(graph.TenantId, graph.ClientId, graph.ClientSecret);

    private static GraphServiceClient CreateGraphClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EmailOptions>>().Value;
        // A plain HttpClient: Graph's own retry handler would retry under our DeliveryPolicy; one policy is enough.
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(GraphEmailSender));
        return new GraphServiceClient(http, CreateGraphCredential(options.Graph), ["https://graph.microsoft.com/.default"]);
    }
}
