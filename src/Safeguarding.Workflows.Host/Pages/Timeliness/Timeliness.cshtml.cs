using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Timeliness;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.Timeliness;

namespace Safeguarding.Workflows.Host.Pages.Timeliness;

/// <summary>
/// <c>/partnerships/{p}/timeliness</c>: how timely the partnership was in a financial year (the last whole one unless
/// chosen), per kind and statutory clock and per agency for papers and agency summaries; <c>.../timeliness/csv</c> is
/// the same figures as a spreadsheet. Anyone who may read the partnership may read it.
/// </summary>
public sealed class TimelinessModel(PartnershipDirectory partnerships, TimelinessFigures figures) : PageModel
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
            ?? File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(TimelinessFigures.Csv(Report))).ToArray(), "text/csv; charset=utf-8", $"{p}-timeliness-{Year}-{(Year + 1) % 100:00}.csv");

    private async Task<IActionResult?> ReadAsync(string p, int? year, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var current = figures.Today.Month >= 4 ? figures.Today.Year : figures.Today.Year - 1;
        Years = [.. Enumerable.Range(current - 5, 6).Reverse()];
        Year = year is { } chosen && Years.Contains(chosen) ? chosen : TimelinessRules.LastFinancialYear(figures.Today).From.Year;
        Partnership = partnership;
        Report = await figures.ForYearAsync(p, Year, cancellationToken);
        return null;
    }

    public static string YearName(int startYear) => $"April {startYear} to March {startYear + 1}";
}
