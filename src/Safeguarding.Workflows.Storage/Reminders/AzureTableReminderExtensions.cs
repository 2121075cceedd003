using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Hosting;

namespace Safeguarding.Workflows.Storage.Reminders;

/// <summary>Registers <see cref="AzureTableReminderTable"/>. Needs <see cref="StorageServiceCollectionExtensions.AddWorkflowStorage"/>.</summary>
public static class AzureTableReminderExtensions
{
    /// <summary>Adds Orleans reminders kept in table <c>{prefix}reminders</c>.</summary>
    public static ISiloBuilder UseAzureTableReminderService(this ISiloBuilder builder) =>
        builder.ConfigureServices(services => services.UseAzureTableReminderService());

    public static IServiceCollection UseAzureTableReminderService(this IServiceCollection services)
    {
        services.AddReminders();
        services.RemoveAll<IReminderTable>();
        services.AddSingleton<IReminderTable, AzureTableReminderTable>();
        return services;
    }
}
