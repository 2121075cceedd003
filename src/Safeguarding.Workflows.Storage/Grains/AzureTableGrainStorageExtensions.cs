using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace Safeguarding.Workflows.Storage.Grains;

/// <summary>Registers <see cref="AzureTableGrainStorage"/>. Needs <see cref="StorageServiceCollectionExtensions.AddWorkflowStorage"/>.</summary>
public static class AzureTableGrainStorageExtensions
{
    /// <summary>Adds the grain storage under <paramref name="name"/> (the name in <c>[PersistentState(stateName, name)]</c>).</summary>
    public static ISiloBuilder AddAzureTableGrainStorage(this ISiloBuilder builder, string name) =>
        builder.ConfigureServices(services => services.AddAzureTableGrainStorage(name));

    /// <summary>Adds the grain storage as Orleans' default provider (used when a state names no provider).</summary>
    public static ISiloBuilder AddAzureTableGrainStorageAsDefault(this ISiloBuilder builder) =>
        builder.AddAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    public static IServiceCollection AddAzureTableGrainStorage(this IServiceCollection services, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // Orleans' helper registers the keyed IGrainStorage and its silo lifecycle participation (table creation).
        return services.AddGrainStorage(name, static (provider, key) => new AzureTableGrainStorage(
            key,
            provider.GetRequiredService<StorageClients>(),
            provider.GetRequiredService<ILogger<AzureTableGrainStorage>>()));
    }
}
