using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds section <c>Storage</c> of <paramref name="configuration"/> into <see cref="StorageOptions"/>, validated at
    /// start (an invalid setting stops the host with a message naming it), and registers <see cref="StorageClients"/>,
    /// <see cref="ProcessIndex"/> and <see cref="AuditLog"/> as singletons.
    /// </summary>
    public static IServiceCollection AddWorkflowStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(provider => new StorageClients(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value,
            provider.GetService<ILogger<StorageClients>>()));
        services.TryAddSingleton<ProcessIndex>();
        services.TryAddSingleton<AuditLog>();
        // Freshness of a cached copy is wall-clock time, whatever the workflow clock says (a simulated clock may stand still).
        services.TryAddSingleton(provider => new ProcessListing(provider.GetRequiredService<ProcessIndex>(), TimeProvider.System));
        services.TryAddSingleton<ProcessStore>();
        services.TryAddSingleton<ReferenceCounters>();
        services.TryAddSingleton<Documents.DocumentStore>();
        services.TryAddSingleton<Partnerships.PartnershipSettingsStore>();
        services.TryAddSingleton<Partnerships.CalendarFeedStore>();
        services.TryAddSingleton<Meetings.MeetingSeriesStore>();
        services.TryAddSingleton<Meetings.AttendanceConcernStore>();
        services.TryAddSingleton<Meetings.AttendanceRegister>();
        return services;
    }
}
