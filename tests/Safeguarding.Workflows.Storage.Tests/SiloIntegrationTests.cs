using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Safeguarding.Workflows.Storage.Reminders;

namespace Safeguarding.Workflows.Storage.Tests;

public interface IAlarmGrain : IGrainWithStringKey
{
    Task ScheduleWake();

    Task<bool> HasWake();

    Task CancelWake();
}

public sealed class AlarmGrain : Grain, IAlarmGrain, IRemindable
{
    public const string Wake = "wake";

    public Task ScheduleWake() => this.RegisterOrUpdateReminder(Wake, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<bool> HasWake() => await this.GetReminder(Wake) is not null;

    public async Task CancelWake()
    {
        if (await this.GetReminder(Wake) is { } reminder) await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}

/// <summary>The reminder table inside a real silo, registered exactly as the host registers it.</summary>
public sealed class SiloIntegrationTests : IAsyncLifetime
{
    private readonly string _prefix = Azurite.UniquePrefix("silo");
    private IHost? _host;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(
        [
            new("Storage:ConnectionString", Azurite.ConnectionString),
            new("Storage:Prefix", _prefix),
        ]);
        builder.Services.AddWorkflowStorage(builder.Configuration);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort())
            .UseAzureTableReminderService());
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    private IGrainFactory Grains => _host!.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public void The_reminder_table_is_the_azure_table_provider() =>
        Assert.IsType<AzureTableReminderTable>(_host!.Services.GetRequiredService<IReminderTable>());

    [Fact]
    public async Task A_grain_reminder_is_kept_in_the_reminder_table()
    {
        var grain = Grains.GetGrain<IAlarmGrain>("solihull/rapid-review/rr-1");
        await grain.ScheduleWake();
        Assert.True(await grain.HasWake());

        var table = _host!.Services.GetRequiredService<IReminderTable>();
        var grainId = grain.GetGrainId();
        var row = await table.ReadRow(grainId, AlarmGrain.Wake);
        Assert.NotNull(row);
        Assert.Equal(TimeSpan.FromHours(1), row.Period);

        await grain.CancelWake();
        Assert.Null(await table.ReadRow(grainId, AlarmGrain.Wake));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
