using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>
/// Keeps every partnership's <see cref="WakeScheduleGrain"/> running: each host calls each one at start and every few
/// seconds after. Orleans keeps one activation of each in the cluster, so when a host dies the next call starts its
/// readers on a survivor, without a durable reminder per process or per partnership.
/// </summary>
public sealed partial class WakeScheduleKeeper(IGrainFactory grains, PartnershipDirectory partnerships, ILogger<WakeScheduleKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var partnership in partnerships.All)
            {
                try
                {
                    await grains.GetGrain<IWakeScheduleGrain>(partnership.Id).EnsureRunningAsync().WaitAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogNotRunning(e, partnership.Id);
                }
            }

            await Task.Delay(Every, stoppingToken);
        }
    }

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Could not reach the wake schedule of partnership {PartnershipId}; trying again shortly")]
    private partial void LogNotRunning(Exception exception, string partnershipId);
}
