using System.Text.Json;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage.Meetings;

namespace Safeguarding.Workflows.Host.Meetings;

/// <summary>
/// What the business unit can do with a recurring meeting: list, read and save it. Saving schedules its next meetings
/// at once; <see cref="MeetingSeriesTopUp"/> keeps them scheduled as time passes. Each occurrence is scheduled with
/// <see cref="MeetingCommands.ScheduleAsync"/> under its own id, so doing it again changes nothing; a meeting already
/// scheduled (then moved, cancelled, or scheduled before the series was changed) is left as it is.
/// </summary>
public sealed partial class MeetingSeriesCommands(
    MeetingSeriesStore store, MeetingCommands meetings, PartnershipDirectory partnerships, WorkflowClock clock, ILogger<MeetingSeriesCommands> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<MeetingSeries>> ListAsync(string partnershipId, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(partnershipId, cancellationToken)).Select(Read).OfType<MeetingSeries>().OrderBy(s => s.Title, StringComparer.Ordinal)];

    public async Task<MeetingSeries?> GetAsync(string partnershipId, string id, CancellationToken cancellationToken) =>
        UrlIdRule.Name(MeetingSeries.MaxIdLength).Problem(id) is null && await store.GetAsync(partnershipId, id, cancellationToken) is { } saved ? Read(saved) : null;

    /// <summary>Saves the series and schedules its next meetings; answers how many meetings were newly scheduled.</summary>
    public async Task<int> SaveAsync(string partnershipId, MeetingSeries series, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        await store.SaveAsync(partnershipId, new SavedSeries(series.Id, JsonSerializer.Serialize(series, Json), clock.GetUtcNow(), actor), cancellationToken);
        return await TopUpAsync(partnershipId, series, actor);
    }

    /// <summary>Schedules the series' next meetings that are not scheduled yet; answers how many were.</summary>
    public async Task<int> TopUpAsync(string partnershipId, MeetingSeries series, string actor)
    {
        ArgumentNullException.ThrowIfNull(series);
        var scheduled = 0;
        foreach (var occurrence in series.Upcoming(clock.GetUtcNow(), partnerships.CalendarFor(partnershipId)))
        {
            var id = series.MeetingId(occurrence);
            if ((await meetings.GetAsync(partnershipId, id)).Process is not null)
            {
                continue;
            }

            var reply = await meetings.ScheduleAsync(partnershipId, id, series.RequestFor(occurrence), actor);
            if (reply.Succeeded)
            {
                scheduled++;
                LogScheduled(partnershipId, series.Id, id);
            }
        }

        return scheduled;
    }

    /// <summary>Tops up every series of every partnership (for the hourly run).</summary>
    public async Task TopUpAllAsync(CancellationToken cancellationToken)
    {
        foreach (var partnership in partnerships.All)
        {
            foreach (var series in await ListAsync(partnership.Id, cancellationToken))
            {
                await TopUpAsync(partnership.Id, series, Actors.System);
            }
        }
    }

    private static MeetingSeries? Read(SavedSeries saved) => JsonSerializer.Deserialize<MeetingSeries>(saved.Json, Json);

    [LoggerMessage(EventId = 8010, Level = LogLevel.Information, Message = "Series {SeriesId} of {PartnershipId} scheduled meeting {MeetingId}")]
    private partial void LogScheduled(string partnershipId, string seriesId, string meetingId);
}

/// <summary>
/// Every hour, schedules the next meetings of every recurring meeting (<see cref="MeetingSeriesCommands.TopUpAllAsync"/>),
/// so that a series always has its meetings ahead as the earlier ones pass. A failed run is logged and tried again the
/// next hour.
/// </summary>
public sealed partial class MeetingSeriesTopUp(MeetingSeriesCommands series, ILogger<MeetingSeriesTopUp> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await series.TopUpAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(EventId = 8011, Level = LogLevel.Warning, Message = "Scheduling the recurring meetings failed; trying again in an hour")]
    private partial void LogFailed(Exception exception);
}
