using System.Globalization;
using System.Text;
using Safeguarding.Workflows.Domain.Timeliness;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Timeliness;

/// <summary>The timeliness page's figures as a spreadsheet (<c>.../timeliness/csv</c>), in the page's own words.</summary>
public static class TimelinessCsv
{
    /// <summary>The report as CSV (RFC 4180): one line per clock, then one per agency and kind of contribution, then attendance.</summary>
    public static string Of(TimelinessReport report)
    {
        var csv = new StringBuilder();
        csv.Append("section,kind,name,fell due,on time,late,missed,waived,most working days late\r\n");
        foreach (var row in report.Clocks)
        {
            Line(csv, "clock", Show.KindTitle(row.Kind), TimelinessLabels.Clock(row.Kind, row.Name), row);
        }

        foreach (var row in report.Agencies)
        {
            Line(csv, "agency", TimelinessLabels.Contribution(row.Kind), row.Name, row);
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
