using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;

namespace Safeguarding.Workflows.Host.Tests.Reliability;

/// <summary>
/// A stopped service leaves nothing running that keeps it in memory. (ASP.NET Core's rate-limiting middleware left a
/// timer per host, and the host tests' process grew to 17 GB of stopped services.)
/// </summary>
public sealed class StoppedServiceTests
{
    [Fact]
    public async Task A_stopped_service_is_collected()
    {
        // The first service of a process may be kept by a runtime thread started while it ran (the event-counter
        // poller keeps the execution context it was started in), so it is not counted.
        await StartAndStopAsync();
        var stopped = new[] { await StartAndStopAsync(), await StartAndStopAsync() };

        for (var i = 0; i < 20 && stopped.Any(s => s.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(250);
        }

        Assert.All(stopped, s => Assert.False(s.IsAlive, "A stopped service's services are still in memory."));
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // so no local of this frame keeps the service alive
    private static async Task<WeakReference> StartAndStopAsync()
    {
        var factory = new ServiceFactory();
        using (var client = factory.CreateClient())
        {
            (await client.GetAsync("/health")).EnsureSuccessStatusCode();
        }

        var services = new WeakReference(factory.Services.GetRequiredService<IServiceProvider>());
        await factory.DisposeAsync();
        return services;
    }
}
