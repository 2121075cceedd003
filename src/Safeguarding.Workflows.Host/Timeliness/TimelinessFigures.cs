using System.Globalization;
using System.Text;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Timeliness;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Timeliness;

namespace Safeguarding.Workflows.Host.Timeliness;

/// <summary>
/// The timeliness page's figures: the report of a financial year, gathered by <see cref="TimelinessRecords"/> (which the
/// annual report's appendix uses too), and its labels and CSV.
/// </summary>
public sealed class TimelinessFigures(TimelinessRecords records, WorkflowClock clock)
{
    public DateOnly Today => LondonTime.LocalDate(clock.GetUtcNow());

    /// <summary>The report for the financial year starting 1 April <paramref name="startYear"/>.</summary>
    public Task<TimelinessReport> ForYearAsync(string partnershipId, int startYear, CancellationToken cancellationToken) =>
        records.ForYearAsync(partnershipId, startYear, Today, cancellationToken);

    public const string Papers = TimelinessLabels.Papers;
    public const string AgencySummaries = TimelinessLabels.AgencySummaries;

    /// <summary>A clock in words: the kinds' own labels where they have them.</summary>
    public static string ClockLabel(string kind, string clock) => TimelinessLabels.Clock(kind, clock);

    public static string ContributionLabel(string what) => TimelinessLabels.Contribution(what);

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
