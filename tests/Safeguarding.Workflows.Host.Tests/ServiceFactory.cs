using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Safeguarding.Workflows.Host.Tests;

/// <summary>
/// The whole service in-process, against the Azurite that ./test.sh started (AZURITE_CONNECTION_STRING), with its own
/// storage prefix and Orleans ports so tests never see each other. Settings can be overridden per test. A second
/// factory given the same <see cref="StoragePrefix"/> sees the same durable state: that is a host restart.
/// </summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? configureServices;

    /// <param name="configureServices">More test services, after the app's own (e.g. a log capture, token validation keys).</param>
    public ServiceFactory(IDictionary<string, string?>? overrides = null, string? storagePrefix = null, Action<IServiceCollection>? configureServices = null)
    {
        this.configureServices = configureServices;
        StoragePrefix = storagePrefix ?? "t" + Guid.NewGuid().ToString("N")[..10];
        settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestStorage.ConnectionString,
            ["Storage:Prefix"] = StoragePrefix,
            ["Clock:Mode"] = "Simulated",
            ["Clock:SimulatedStart"] = "2026-01-05T08:00:00+00:00",
            ["Email:Provider"] = "Outbox",
            ["Email:PollInterval"] = "00:00:00.200",
            ["Engine:SiloPort"] = FreePort().ToString(),
            ["Engine:GatewayPort"] = FreePort().ToString(),
            ["Engine:WakeScanInterval"] = "00:00:01",
            ["Engine:ClusterId"] = StoragePrefix,
            ["Diagnostics:EnableDrills"] = "true",
            // No sign-in: requests act as local-user, a business-unit user of every partnership (Security/ tests use real credentials).
            ["Auth:Mode"] = "Development",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    public string StoragePrefix { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public static class TestStorage
{
    /// <summary>Set by ./test.sh; falls back to the default local Azurite ports.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";
}
