using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Safeguarding.Workflows.Browser.Tests;

/// <summary>
/// The whole service in-process, listening on a real socket (Kestrel on a free port) so that Chromium can reach it,
/// against the Azurite that ./test.sh started (AZURITE_CONNECTION_STRING), with its own storage prefix and a
/// simulated clock.
/// </summary>
public sealed class BrowserService : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public BrowserService()
    {
        Port = FreePort();
        StoragePrefix = "b" + Guid.NewGuid().ToString("N")[..10];
        settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = ConnectionString,
            ["Storage:Prefix"] = StoragePrefix,
            ["Clock:Mode"] = "Simulated",
            ["Clock:SimulatedStart"] = "2026-01-05T08:00:00+00:00",
            ["Email:Provider"] = "Outbox",
            ["Email:PollInterval"] = "00:00:00.200",
            ["Email:PublicBaseUrl"] = $"http://127.0.0.1:{Port}",
            ["Engine:SiloPort"] = FreePort().ToString(),
            ["Engine:GatewayPort"] = FreePort().ToString(),
            ["Engine:WakeScanInterval"] = "00:00:01",
            ["Engine:ClusterId"] = StoragePrefix,
            ["Diagnostics:EnableDrills"] = "true",
            // No sign-in: the browser acts as local-user, a business-unit user of every partnership.
            ["Auth:Mode"] = "Development",
            // One reader, picked with the X-Dev-User header, for the pages a reader uses on their own behalf.
            [$"Auth:Development:Users:{Scrutineer}:Role"] = "scrutineer",
            [$"Auth:Development:Users:{Scrutineer}:Partnerships"] = "warwickshire",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
        };
        UseKestrel(Port);
    }

    /// <summary>A scrutineer of Warwickshire, signed in by their email address (<c>X-Dev-User</c>).</summary>
    public const string Scrutineer = "sam.scrutineer@warwickshire.example.org";

    public int Port { get; }

    public string StoragePrefix { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>An API client on the same socket the browser uses.</summary>
    public HttpClient Api() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Set by ./test.sh; falls back to the default local Azurite ports.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
