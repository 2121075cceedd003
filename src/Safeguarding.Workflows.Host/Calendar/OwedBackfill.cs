using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Calendar;

/// <summary>
/// Person calendars read what people owe from the index's <c>Owed</c> column, which a process row saved before the
/// column was kept lacks until its process next changes. Once, a minute after the host starts, this asks the grain of
/// each open process whose row lacks it to write its row again (<see cref="IProcessGrain.SaveIndexAgainAsync"/>).
/// Rows that have it are left alone, so a later start, or another host of the cluster doing the same, finds nothing
/// to do; one process at a time, so an upgrade with thousands of old rows never floods storage.
/// </summary>
public sealed partial class OwedBackfill(PartnershipDirectory partnerships, ProcessIndex index, ProcessGrains grains, ILogger<OwedBackfill> logger) : BackgroundService
{
    /// <summary>After the start's own work (wake schedules catching up on what fell due meanwhile).</summary>
    public static readonly TimeSpan StartAfter = TimeSpan.FromMinutes(1);

    /// <summary>When storage could not be read, the next try.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(10);

    /// <summary>Fills every open process row of every partnership that lacks the column; returns how many were filled.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var filled = 0;
        foreach (var partnership in partnerships.All)
        {
            string? token = null;
            do
            {
                var page = await index.QueryAsync(partnership.Id, new ProcessQuery(Status: ProcessStatus.Open, Top: ProcessIndex.MaxTop, ContinuationToken: token), cancellationToken);
                foreach (var entry in page.Items.Where(e => e.Owed is null))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        if (grains.Find(entry.Key) is { } grain && await SaveAgainAsync(grain))
                        {
                            filled++;
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One process that cannot be read stops no other.
                        LogNotFilled(e, entry.Key.ToString());
                    }
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        if (filled > 0)
        {
            LogFilled(filled);
        }

        return filled;
    }

    private static async Task<bool> SaveAgainAsync(IProcessGrain grain)
    {
        try
        {
            return await grain.SaveIndexAgainAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A grain whose row was saved elsewhere since it read it puts itself away, and the next call reads the row
            // afresh: one more try.
            return await grain.SaveIndexAgainAsync();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Never throws: an exception out of a background service stops the host.
        try
        {
            await Task.Delay(StartAfter, stoppingToken);
            while (true)
            {
                try
                {
                    await RunAsync(stoppingToken);
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(e);
                }

                await Task.Delay(RetryAfter, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping; the next start tries again.
        }
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Wrote the index rows of {Count} open processes saved before people's owed items were kept, for their calendars")]
    private partial void LogFilled(int count);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Could not write the index row of process {ProcessKey} again; its people's calendars list it once it next changes")]
    private partial void LogNotFilled(Exception exception, string processKey);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "Filling the owed items of older process rows failed; trying again later")]
    private partial void LogFailed(Exception exception);
}
