using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Timeliness;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.Meetings;
using Safeguarding.Workflows.Orchestration.RapidReviews;
using Safeguarding.Workflows.Storage.Meetings;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Orchestration.Timeliness;

/// <summary>
/// Gathers a partnership's deadlines, agency contributions and meeting attendance from its processes and hands them to
/// the pure <see cref="TimelinessRules"/> and <see cref="AttendanceRules"/>. One place for the timeliness page and its
/// CSV, the annual report's appendix, and the attendance check when a meeting's attendance is recorded.
/// </summary>
public sealed class TimelinessRecords(ProcessListing listing, ProcessGrains grains, PartnershipDirectory partnerships, AttendanceRegister register)
{
    // Processes read at once: enough to be quick, few enough not to flood the silo.
    private const int Batch = 50;

    /// <summary>The report for the financial year starting 1 April <paramref name="startYear"/>, as it stands on <paramref name="today"/>.</summary>
    /// <param name="caller">A process grain asking (the annual report compiling), with its own overview: a grain cannot await a call to itself.</param>
    public async Task<TimelinessReport> ForYearAsync(
        string partnershipId, int startYear, DateOnly today, CancellationToken cancellationToken, (ProcessKey Key, ProcessOverview Overview)? caller = null)
    {
        var (from, to) = (new DateOnly(startYear, 4, 1), new DateOnly(startYear + 1, 3, 31));
        var fromInstant = LondonTime.At(from, TimeOnly.MinValue);
        var deadlines = new List<TimedDeadline>();
        var contributions = new List<Contribution>();
        var attended = new List<AttendedMeeting>();

        // A process last changed before the year began cannot have a deadline fall due in it unmarked (every due
        // deadline wakes its process), so only open ones and those changed since are read in full. Of those, one created
        // after the year whose deadlines all fall after it has nothing in the year either: its other dates (a meeting,
        // its papers, an agency asked later) are on or after the day it was created. So a past year's report reads that
        // year's processes, not every one since. A row saved before it held its earliest deadline is read.
        var afterYear = LondonTime.At(to.AddDays(1), TimeOnly.MinValue);
        var relevant = (await listing.AllAsync(partnershipId, cancellationToken))
            .Where(e => e.Status == ProcessStatus.Open || e.UpdatedAt >= fromInstant)
            .Where(e => e.CreatedAt < afterYear || e.EarliestDueOn is not { } earliest || earliest <= to)
            .ToList();
        foreach (var batch in relevant.Chunk(Batch))
        {
            var read = await Task.WhenAll(batch.Select(async e => (Entry: e, Overview: caller is { } self && self.Key == e.Key ? self.Overview
                : grains.Find(e.Key) is { } grain ? await grain.GetOverviewAsync() : null)));
            foreach (var (entry, overview) in read)
            {
                if (overview is null)
                {
                    continue;
                }

                deadlines.AddRange(overview.Deadlines.Select(d => new TimedDeadline(entry.Kind, TimelinessRules.ClockOf(d.Name), d)));
                await AddContributionsAsync(entry, contributions, attended);
            }
        }

        var report = TimelinessRules.For(deadlines, contributions, from, to, today, partnerships.CalendarFor(partnershipId));
        return partnerships.Find(partnershipId) is { } arrangements
            ? report with { Attendance = AttendanceRules.ByAgency(arrangements, attended.Where(m => m.On >= from && m.On <= to)) }
            : report;
    }

    /// <summary>
    /// The partnership's latest meetings whose attendance is recorded, but <paramref name="except"/>, oldest first: back
    /// to the one each agency the chair may be told of last attended (<see cref="AttendanceRules.RunsEndWithin"/>), or
    /// all of them while one never has. They come from the attendance register (<see cref="AttendanceRegister"/>), a
    /// page of rows, instead of every meeting's grain; a cancelled meeting, or one no longer kept, does not count.
    /// </summary>
    public async Task<IReadOnlyList<AttendedMeeting>> LatestAttendedAsync(
        string partnershipId, PartnershipArrangements arrangements, ProcessKey except, CancellationToken cancellationToken)
    {
        var counted = (await listing.AllAsync(partnershipId, cancellationToken))
            .Where(e => e.Kind == ProcessKinds.Meeting && e.Status != ProcessStatus.Cancelled && e.Key != except)
            .Select(e => e.Id)
            .ToHashSet(StringComparer.Ordinal);
        if (!await register.IsCompleteAsync(partnershipId, cancellationToken))
        {
            await FillRegisterAsync(partnershipId, cancellationToken);
        }

        var latest = new List<AttendedMeeting>();
        await foreach (var held in register.LatestFirstAsync(partnershipId, cancellationToken))
        {
            if (!counted.Contains(held.MeetingId))
            {
                continue;
            }

            latest.Add(new AttendedMeeting(held.On, held.Present));
            if (AttendanceRules.RunsEndWithin(arrangements, latest))
            {
                break;
            }
        }

        latest.Reverse();
        return latest;
    }

    /// <summary>Puts the meeting in the attendance register once its attendance is recorded (again changes nothing).</summary>
    public Task RegisterAsync(Meeting meeting, CancellationToken cancellationToken) =>
        meeting.Attendance is { } attendance
            ? register.RecordAsync(meeting.Key.PartnershipId, new HeldMeeting(meeting.Key.Id, LondonTime.LocalDate(meeting.StartsAt), attendance.Report.Present), cancellationToken)
            : Task.CompletedTask;

    // Once per partnership: the meetings whose attendance was recorded before the register existed are copied in from
    // their grains, then the register is marked complete. Interrupted, it runs again (a row written twice is the same).
    private async Task FillRegisterAsync(string partnershipId, CancellationToken cancellationToken)
    {
        var meetings = (await listing.AllAsync(partnershipId, cancellationToken))
            .Where(e => e.Kind == ProcessKinds.Meeting && e.Status != ProcessStatus.Cancelled)
            .ToList();
        foreach (var batch in meetings.Chunk(Batch))
        {
            var read = await Task.WhenAll(batch.Select(e => grains.Find(e.Key) is IMeetingGrain grain ? grain.GetAsync() : Task.FromResult<Meeting?>(null)));
            await Task.WhenAll(read.OfType<Meeting>().Select(m => RegisterAsync(m, cancellationToken)));
        }

        await register.MarkCompleteAsync(partnershipId, cancellationToken);
    }

    private static AttendedMeeting? Attended(Meeting? meeting) =>
        meeting?.Attendance is { } attendance ? new AttendedMeeting(LondonTime.LocalDate(meeting.StartsAt), attendance.Report.Present) : null;

    /// <summary>
    /// What agencies were asked to send (a meeting's papers, due at its paper deadline; a rapid review's agency
    /// summaries), and who attended a meeting whose attendance was recorded.
    /// </summary>
    private async Task AddContributionsAsync(ProcessIndexEntry entry, List<Contribution> contributions, List<AttendedMeeting> attended)
    {
        if (entry.Kind == ProcessKinds.Meeting && grains.Find(entry.Key) is IMeetingGrain meetingGrain && await meetingGrain.GetAsync() is { } meeting)
        {
            if (meeting.Deadlines.FirstOrDefault(d => d.Name == MeetingDeadlines.PaperDeadline) is { } paperDeadline)
            {
                contributions.AddRange(meeting.Papers.Where(p => p.Status != PaperStatus.Withdrawn).Select(p => new Contribution(
                    TimelinessLabels.Papers, p.Author.Agency, paperDeadline.DueOn, p.ReceivedAt is { } at ? LondonTime.LocalDate(at) : null)));
            }

            if (Attended(meeting) is { } held)
            {
                attended.Add(held);
            }
        }
        else if (entry.Kind == ProcessKinds.RapidReview && grains.Find(entry.Key) is IRapidReviewGrain reviewGrain && await reviewGrain.GetAsync() is { } review)
        {
            contributions.AddRange(review.Agencies.Select(a => new Contribution(TimelinessLabels.AgencySummaries, a.Agency, a.DueOn, a.ReceivedOn)));
        }
    }
}
