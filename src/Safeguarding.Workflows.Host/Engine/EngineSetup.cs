using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Dashboard;
using Orleans.Serialization;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.Telemetry;
using Safeguarding.Workflows.Storage;

namespace Safeguarding.Workflows.Host.Engine;

/// <summary>The co-hosted Orleans silo, its durable storage and the process clock.</summary>
public static class EngineSetup
{
    /// <summary>Orleans' membership table is <c>{Storage:Prefix}silos</c>.</summary>
    public const string MembershipTableSuffix = "silos";

    public static WebApplicationBuilder AddWorkflowEngine(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.AdvertisedAddress is null || IPAddress.TryParse(o.AdvertisedAddress, out _), "Engine:AdvertisedAddress must be an IP address.")
            .ValidateOnStart();
        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.Section)
            .Validate(o => o.Mode == ClockMode.System || !builder.Environment.IsProduction(), "Clock:Mode=Simulated is refused in Production.")
            .ValidateOnStart();
        services.AddSingleton<WorkflowClock>();
        services.AddSingleton<SendingTimes>();
        services.AddSingleton<ProcessEngine>();
        services.AddSingleton<ProcessGrains>();
        services.AddSingleton<Orchestration.Timeliness.TimelinessRecords>();
        services.AddHostedService<ProcessKindCheck>();
        services.AddSingleton(sp => new WakesInProgress(sp.GetRequiredService<IOptions<EngineOptions>>().Value.MaxWakesInProgress));
        services.AddSingleton<ClockAdvancer>();
        services.AddSingleton<WorkflowMetrics>();

        var engine = builder.Configuration.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions();
        builder.UseOrleans(silo =>
        {
            if (engine.Clustering == EngineClustering.AzureStorage)
            {
                // Several hosts, one cluster: membership in a table beside the processes (same account, credential and
                // prefix, so nothing else to run or secure), each host reachable on its advertised address.
                silo.UseAzureStorageClustering(membership => membership.Configure<StorageClients>((o, storage) =>
                {
                    o.TableServiceClient = storage.TableService;
                    o.TableName = storage.TableName(MembershipTableSuffix);
                }));
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (engine.ClusterId, engine.ServiceId));
                silo.ConfigureEndpoints(AdvertisedAddress(engine), engine.SiloPort, engine.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.UseLocalhostClustering(engine.SiloPort, engine.GatewayPort, serviceId: engine.ServiceId, clusterId: engine.ClusterId);
            }

            silo.AddDashboard();
            // Domain records carry no Orleans attributes (the Domain project may not reference Orleans), so they cross
            // grain calls as JSON.
            silo.Services.AddSerializer(s => s.AddJsonSerializer(
                isSupported: type => type.Namespace?.StartsWith("Safeguarding.Workflows.Domain", StringComparison.Ordinal) == true,
                jsonSerializerOptions: DomainJson));
        });

        // After the silo (hosted services start in order), so its first calls find the silo running.
        services.AddHostedService<WakeScheduleKeeper>();
        return builder;
    }

    private static IPAddress AdvertisedAddress(EngineOptions engine) =>
        engine.AdvertisedAddress is { } configured ? IPAddress.Parse(configured)
            : Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback;

    private static readonly JsonSerializerOptions DomainJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
