using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Notifications.Sending;
using Safeguarding.Workflows.Notifications.Sending.Outbox;

namespace Safeguarding.Workflows.Notifications.Tests.Delivery;

/// <summary>Email delivery as the host wires it (AddEmailDelivery), on a fresh Azurite prefix, with the worker started on demand.</summary>
public sealed class DeliveryHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private bool started;

    public DeliveryHarness(IEmailSender? sender = null, IDictionary<string, string?>? settings = null, TimeProvider? time = null, EmailStorageNames? storage = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Email:Provider"] = "Outbox",
            ["Email:InitialBackoff"] = "00:00:00",
            ["Email:MaxBackoff"] = "00:00:00",
            ["Email:MaxAttempts"] = "3",
            ["Email:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        Storage = storage ?? TestStorage.NewNames();
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(Storage);
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        collection.AddEmailDelivery(configuration);
        if (sender is not null)
        {
            collection.Replace(ServiceDescriptor.Singleton(sender));
        }

        services = collection.BuildServiceProvider();
    }

    public EmailStorageNames Storage { get; }

    public IServiceProvider Services => services;

    public EmailQueue Queue => services.GetRequiredService<EmailQueue>();

    public FailedMessages Failed => services.GetRequiredService<FailedMessages>();

    public SentMessages Sent => services.GetRequiredService<SentMessages>();

    public Outbox Outbox => services.GetRequiredService<Outbox>();

    public DeliveryWorker Worker => services.GetRequiredService<DeliveryWorker>();

    public async Task StartAsync()
    {
        started = true;
        await Worker.StartAsync(CancellationToken.None);
    }

    /// <summary>Fails the test if delivery does not settle in time.</summary>
    public async Task IdleAsync(int seconds = 30) =>
        Assert.True(await Queue.WaitUntilIdleAsync(TimeSpan.FromSeconds(seconds)), $"Email delivery still had {Queue.Pending} message(s) after {seconds} s.");

    public async ValueTask DisposeAsync()
    {
        if (started)
        {
            await Worker.StopAsync(CancellationToken.None);
        }

        await services.DisposeAsync();
    }
}

/// <summary>A provider whose answer to the n-th call (from 1) the test decides; records every call.</summary>
public sealed class ScriptedSender(Func<int, RenderedEmail, Exception?>? script = null) : IEmailSender
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int calls;

    public ConcurrentQueue<(RenderedEmail Email, TimeSpan At, bool Succeeded)> Calls { get; } = new();

    public Func<int, RenderedEmail, Exception?> Script { get; set; } = script ?? ((_, _) => null);

    public IEnumerable<RenderedEmail> Delivered => Calls.Where(c => c.Succeeded).Select(c => c.Email);

    public Task SendAsync(RenderedEmail email, CancellationToken cancellationToken)
    {
        var failure = Script(Interlocked.Increment(ref calls), email);
        Calls.Enqueue((email, clock.Elapsed, failure is null));
        return failure is null ? Task.CompletedTask : Task.FromException(failure);
    }
}
