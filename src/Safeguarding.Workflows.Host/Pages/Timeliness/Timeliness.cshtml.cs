using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Timeliness;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Timeliness;

namespace Safeguarding.Workflows.Host.Pages.Timeliness;

/// <summary>
/// <c>/partnerships/{p}/timeliness</c>: how timely the partnership was in a financial year (the last whole one unless
/// chosen), per kind and statutory clock and per agency for papers and agency summaries; <c>.../timeliness/csv</c> is
/// the same figures as a spreadsheet (<see cref="TimelinessCsv"/>). The figures are gathered by
/// <see cref="TimelinessRecords"/>, which the annual report's appendix uses too. Anyone who may read the partnership may read it.
/// </summary>
public sealed class TimelinessModel(PartnershipDirectory partnerships, TimelinessRecords records, WorkflowClock clock) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    public TimelinessReport Report { get; private set; } = null!;

    public int Year { get; private set; }

    /// <summary>The years offered: from five years back to the one today is in.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string p, int? year, CancellationToken cancellationToken) =>
        await ReadAsync(p, year, cancellationToken) ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(string p, int? year, CancellationToken cancellationToken) =>
        await ReadAsync(p, year, cancellationToken)
            ?? File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(TimelinessCsv.Of(Report))).ToArray(), "text/csv; charset=utf-8", $"{p}-timeliness-{Year}-{(Year + 1) % 100:00}.csv");

    private async Task<IActionResult?> ReadAsync(string p, int? year, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var today = LondonTime.LocalDate(clock.GetUtcNow());
        var current = today.Month >= 4 ? today.Year : today.Year - 1;
        Years = [.. Enumerable.Range(current - 5, 6).Reverse()];
        Year = year is { } chosen && Years.Contains(chosen) ? chosen : TimelinessRules.LastFinancialYear(today).From.Year;
        Partnership = partnership;
        Report = await records.ForYearAsync(p, Year, today, cancellationToken);
        return null;
    }

    public static string YearName(int startYear) => $"April {startYear} to March {startYear + 1}";
}
