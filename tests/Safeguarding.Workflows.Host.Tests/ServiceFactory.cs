using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Safeguarding.Workflows.Host.Tests;

/// <summary>
/// The whole service in-process, against the Azurite that ./test.sh started (AZURITE_CONNECTION_STRING), with its own
/// storage prefix so tests never see each other's data. Settings can be overridden per test.
/// </summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public ServiceFactory(IDictionary<string, string?>? overrides = null, string? storagePrefix = null)
    {
        StoragePrefix = storagePrefix ?? "t" + Guid.NewGuid().ToString("N")[..10];
        settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestStorage.ConnectionString,
            ["Storage:Prefix"] = StoragePrefix,
            ["Clock:Mode"] = "Simulated",
            ["Email:Provider"] = "Outbox",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    /// <summary>The table/container prefix; a second factory with the same prefix sees the same durable state (a restart).</summary>
    public string StoragePrefix { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

public static class TestStorage
{
    /// <summary>Set by ./test.sh; falls back to the default local Azurite ports.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";
}
