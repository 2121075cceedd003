using System.Globalization;
using System.Text;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Domain.Timeliness;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.RapidReviews;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Timeliness;

/// <summary>
/// Gathers a partnership's deadlines and agency contributions for a financial year and hands them to the pure
/// <see cref="TimelinessRules"/> report; the timeliness page and its CSV both read it.
/// </summary>
public sealed class TimelinessFigures(
    ProcessListing listing, ProcessGrains grains, MeetingCommands meetings, RapidReviewCommands rapidReviews, PartnershipDirectory partnerships, WorkflowClock clock)
{
    public DateOnly Today => LondonTime.LocalDate(clock.GetUtcNow());

    /// <summary>The report for the financial year starting 1 April <paramref name="startYear"/>.</summary>
    public async Task<TimelinessReport> ForYearAsync(string partnershipId, int startYear, CancellationToken cancellationToken)
    {
        var (from, to) = (new DateOnly(startYear, 4, 1), new DateOnly(startYear + 1, 3, 31));
        var fromInstant = LondonTime.At(from, TimeOnly.MinValue);
        var deadlines = new List<TimedDeadline>();
        var contributions = new List<Contribution>();
        var attended = new List<AttendedMeeting>();

        // A process last changed before the year began cannot have a deadline fall due in it unmarked (every due
        // deadline wakes its process), so only open ones and those changed since are read in full.
        var relevant = (await listing.AllAsync(partnershipId, cancellationToken))
            .Where(e => e.Status == ProcessStatus.Open || e.UpdatedAt >= fromInstant)
            .ToList();
        foreach (var batch in relevant.Chunk(50))
        {
            var read = await Task.WhenAll(batch.Select(async e => (Entry: e, Overview: grains.Find(e.Key) is { } grain ? await grain.GetOverviewAsync() : null)));
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

        var report = TimelinessRules.For(deadlines, contributions, from, to, Today, partnerships.CalendarFor(partnershipId));
        return partnerships.Find(partnershipId) is { } arrangements
            ? report with { Attendance = AttendanceRules.ByAgency(arrangements, attended.Where(m => m.On >= from && m.On <= to)) }
            : report;
    }

    /// <summary>
    /// What agencies were asked to send (a meeting's papers, due at its paper deadline; a rapid review's agency
    /// summaries), and who attended a meeting whose attendance was recorded.
    /// </summary>
    private async Task AddContributionsAsync(ProcessIndexEntry entry, List<Contribution> contributions, List<AttendedMeeting> attended)
    {
        if (entry.Kind == ProcessKinds.Meeting && (await meetings.GetAsync(entry.PartnershipId, entry.Id)).Process is { } meeting)
        {
            if (meeting.Deadlines.FirstOrDefault(d => d.Name == MeetingDeadlines.PaperDeadline) is { } paperDeadline)
            {
                contributions.AddRange(meeting.Papers.Where(p => p.Status != PaperStatus.Withdrawn).Select(p => new Contribution(
                    Papers, p.Author.Agency, paperDeadline.DueOn, p.ReceivedAt is { } at ? LondonTime.LocalDate(at) : null)));
            }

            if (meeting.Attendance is { } attendance)
            {
                attended.Add(new AttendedMeeting(LondonTime.LocalDate(meeting.StartsAt), attendance.Report.Present));
            }
        }
        else if (entry.Kind == ProcessKinds.RapidReview && (await rapidReviews.GetAsync(entry.PartnershipId, entry.Id)).Process is { } review)
        {
            contributions.AddRange(review.Agencies.Select(a => new Contribution(AgencySummaries, a.Agency, a.DueOn, a.ReceivedOn)));
        }
    }

    public const string Papers = "paper";
    public const string AgencySummaries = "agency-summary";

    /// <summary>A clock in words: the kinds' own labels where they have them.</summary>
    public static string ClockLabel(string kind, string clock) => (kind, clock) switch
    {
        (ProcessKinds.RapidReview, _) => RapidReviewDeadlines.Label(clock),
        (ProcessKinds.PracticeReview, _) => PracticeReviewDeadlines.Label(clock, fullReport: true),
        (_, MeetingDeadlines.PaperDeadline) => "Papers in",
        (_, MeetingDeadlines.Circulation) => "Papers circulated to members",
        (_, MeetingDeadlines.Notes) => "Notes of the meeting",
        (_, "action") => "Actions",
        _ when clock.StartsWith("stage-", StringComparison.Ordinal) => $"Stage {clock["stage-".Length..]} response",
        _ => char.ToUpperInvariant(clock[0]) + clock[1..].Replace('-', ' '),
    };

    public static string ContributionLabel(string what) => what == Papers ? "Meeting papers" : "Agency summaries";

    /// <summary>The report as CSV (RFC 4180): one line per clock, then one per agency and kind of contribution.</summary>
    public static string Csv(TimelinessReport report)
    {
        var csv = new StringBuilder();
        csv.Append("section,kind,name,fell due,on time,late,missed,waived,most working days late\r\n");
        foreach (var row in report.Clocks)
        {
            Line(csv, "clock", Pages.Shared.Show.KindTitle(row.Kind), ClockLabel(row.Kind, row.Name), row);
        }

        foreach (var row in report.Agencies)
        {
            Line(csv, "agency", ContributionLabel(row.Kind), row.Name, row);
        }

        // Attendance in the same columns: meetings held, present, absent; "most" is the absences in a row to the latest.
        foreach (var row in report.Attendance)
        {
            csv.Append(string.Join(',', new[] { "attendance", "Meetings attended", row.Agency }.Select(Field)))
                .Append(CultureInfo.InvariantCulture, $",{row.Meetings},{row.Present},,{row.Absent},,{row.AbsentInARow}\r\n");
        }

        return csv.ToString();
    }

    private static void Line(StringBuilder csv, string section, string kind, string name, TimelinessRow row) =>
        csv.Append(string.Join(',', new[] { section, kind, name }.Select(Field)))
            .Append(CultureInfo.InvariantCulture, $",{row.FellDue},{row.OnTime},{row.Late},{row.Missed},{row.Waived},{row.MostWorkingDaysLate}\r\n");

    // Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula.
    private static string Field(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
