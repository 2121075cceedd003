using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Storage.Documents;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Operations;

/// <summary>
/// <c>Retention</c> section. Records about children are kept as long as the partnership's retention schedule says, so
/// purging is off unless <see cref="CompletedProcessDays"/> is set.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days after a process completed or was cancelled before it is erased (state, index, audit log, documents). Null: never.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 36500)]
    public int? CompletedProcessDays { get; set; }

    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most this many processes per run, so a purge never floods storage.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int BatchSize { get; set; } = 100;
}

/// <summary>Erases completed and cancelled processes older than the retention period, a bounded batch at a time.</summary>
public sealed partial class CompletedProcessPurge(
    IOptions<RetentionOptions> options,
    WorkflowClock clock,
    ProcessIndex index,
    ProcessStore store,
    DocumentStore documents,
    ProcessGrains grains,
    ILogger<CompletedProcessPurge> logger) : BackgroundService
{
    /// <summary>Purges one batch; returns how many processes were erased.</summary>
    public async Task<int> PurgeBatchAsync(CancellationToken cancellationToken)
    {
        if (options.Value.CompletedProcessDays is not { } days)
        {
            return 0;
        }

        var before = clock.GetUtcNow().AddDays(-days);
        var purged = 0;
        foreach (var entry in await index.ClosedBeforeAsync(before, options.Value.BatchSize, cancellationToken))
        {
            // The grain erases its own row, and refuses while the process is open, so a process reopened since the
            // index was read survives. Only a kind no longer registered here is erased directly.
            if (grains.Find(entry.Key) is { } grain)
            {
                if (!await grain.PurgeAsync())
                {
                    continue;
                }
            }
            else
            {
                await store.DeleteAsync(entry.Key, cancellationToken);
            }

            await documents.DeleteAllAsync(entry.Key, cancellationToken);
            purged++;
        }

        if (purged > 0)
        {
            LogPurged(purged, days);
        }

        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CompletedProcessDays is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PurgeInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PurgeBatchAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPurgeFailed(e);
            }
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Purged {Count} processes closed more than {Days} days ago")]
    private partial void LogPurged(int count, int days);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Purging closed processes failed; will try again next interval")]
    private partial void LogPurgeFailed(Exception exception);
}
