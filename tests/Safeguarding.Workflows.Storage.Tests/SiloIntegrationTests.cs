using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Safeguarding.Workflows.Storage.Grains;
using Safeguarding.Workflows.Storage.Reminders;

namespace Safeguarding.Workflows.Storage.Tests;

/// <summary>A domain-style state: an immutable record with no Orleans attributes and no parameterless constructor.</summary>
public sealed record NotebookState(ImmutableList<string> Lines, DateOnly? LastOn)
{
    public static readonly NotebookState Empty = new([], null);
}

public interface INotebookGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<string>> Add(string line, DateOnly on);

    Task<IReadOnlyList<string>> Lines();

    Task<bool> Exists();

    Task ScheduleWake();

    Task<bool> HasWake();

    Task CancelWake();

    Task Forget();
}

public sealed class NotebookGrain([PersistentState("notebook")] IPersistentState<NotebookState> notebook) : Grain, INotebookGrain, IRemindable
{
    public const string Wake = "wake";

    // Orleans makes the initial instance; a record without a parameterless constructor may come out with null fields.
    private NotebookState State => notebook.State is { Lines: not null } state ? state : NotebookState.Empty;

    public async Task<IReadOnlyList<string>> Add(string line, DateOnly on)
    {
        notebook.State = State with { Lines = State.Lines.Add(line), LastOn = on };
        await notebook.WriteStateAsync();
        return notebook.State.Lines;
    }

    public Task<IReadOnlyList<string>> Lines() => Task.FromResult<IReadOnlyList<string>>(State.Lines);

    public Task<bool> Exists() => Task.FromResult(notebook.RecordExists);

    public Task ScheduleWake() => this.RegisterOrUpdateReminder(Wake, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<bool> HasWake() => await this.GetReminder(Wake) is not null;

    public async Task CancelWake()
    {
        if (await this.GetReminder(Wake) is { } reminder) await this.UnregisterReminder(reminder);
    }

    public Task Forget() => notebook.ClearStateAsync();

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}

/// <summary>The providers inside a real silo, registered exactly as the host registers them.</summary>
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
            .AddAzureTableGrainStorageAsDefault()
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

    private StorageClients Clients => _host!.Services.GetRequiredService<StorageClients>();

    [Fact]
    public void The_default_grain_storage_is_the_azure_table_provider()
    {
        Assert.IsType<AzureTableGrainStorage>(_host!.Services.GetRequiredKeyedService<IGrainStorage>("Default"));
        Assert.IsType<AzureTableReminderTable>(_host.Services.GetRequiredService<IReminderTable>());
    }

    [Fact]
    public async Task A_grain_writes_its_state_to_the_table_and_reads_it_back_after_deactivation()
    {
        var grain = Grains.GetGrain<INotebookGrain>("solihull/meeting/m-1");
        await grain.Add("papers requested", new DateOnly(2026, 3, 2));
        await grain.Add("papers circulated", new DateOnly(2026, 3, 9));

        var management = Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(["papers requested", "papers circulated"], await Grains.GetGrain<INotebookGrain>("solihull/meeting/m-1").Lines());

        var table = Clients.Table(AzureTableGrainStorage.TableSuffix);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        var stored = Assert.Single(rows);
        Assert.Contains("\"lastOn\":\"2026-03-09\"", stored.GetString("Json"));

        await grain.Forget();
        Assert.False(await grain.Exists());
    }

    [Fact]
    public async Task A_grain_reminder_is_kept_in_the_reminder_table()
    {
        var grain = Grains.GetGrain<INotebookGrain>("solihull/rapid-review/rr-1");
        await grain.ScheduleWake();
        Assert.True(await grain.HasWake());

        var table = _host!.Services.GetRequiredService<IReminderTable>();
        var grainId = grain.GetGrainId();
        var row = await table.ReadRow(grainId, NotebookGrain.Wake);
        Assert.NotNull(row);
        Assert.Equal(TimeSpan.FromHours(1), row.Period);

        await grain.CancelWake();
        Assert.Null(await table.ReadRow(grainId, NotebookGrain.Wake));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
