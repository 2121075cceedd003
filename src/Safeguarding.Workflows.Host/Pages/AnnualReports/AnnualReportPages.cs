using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.AnnualReports;

namespace Safeguarding.Workflows.Host.Pages.AnnualReports;

/// <summary>What the annual report pages share: finding the report, and saying where its sections stand.</summary>
public static class AnnualReportPages
{
    public static async Task<(PartnershipArrangements Partnership, AnnualReport Report)?> FindAsync(
        PartnershipDirectory partnerships, AnnualReportCommands commands, string p, string year) =>
        partnerships.Find(p) is { } partnership && (await commands.GetAsync(p, year)).Process is { } report ? (partnership, report) : null;

    /// <summary>"2 of 15".</summary>
    public static string Received(AnnualReport report) => $"{report.Sections.Count(s => s.IsReceived)} of {report.Sections.Count}";

    /// <summary>The GOV.UK task list status of a section; once the report is published or cancelled a missing one is simply not received.</summary>
    public static (string Text, string Css) Tag(AnnualReport report, ReportSection section) => report.StatusOf(section) switch
    {
        SectionStatus.Received => ("Received", "govuk-tag--green"),
        _ when report.Status != Domain.Processes.ProcessStatus.Open => ("Not received", "govuk-tag--grey"),
        SectionStatus.Late => ("Overdue", "govuk-tag--red"),
        _ => ("Awaited", "govuk-tag--blue"),
    };

    /// <summary>Who a section is asked of: "Jo Bloggs (Staffordshire Police)", several joined with "and".</summary>
    public static string Owners(ReportSection section) =>
        string.Join(", ", section.Owners.Select(o => string.IsNullOrWhiteSpace(o.Agency) ? o.Name : $"{o.Name} ({o.Agency})"));

    /// <summary>
    /// The years a business manager may open now: the current reporting year and the three before it, latest first,
    /// leaving out those already opened.
    /// </summary>
    public static IReadOnlyList<ReportingYear> YearsToOpen(DateTimeOffset now, IEnumerable<AnnualReport> opened)
    {
        var today = LondonTime.LocalDate(now);
        var current = today.Month >= 4 ? today.Year : today.Year - 1;
        var taken = opened.Select(r => r.Year.Id).ToHashSet(StringComparer.Ordinal);
        return [.. Enumerable.Range(0, 4).Select(i => new ReportingYear(current - i)).Where(y => !taken.Contains(y.Id))];
    }
}
