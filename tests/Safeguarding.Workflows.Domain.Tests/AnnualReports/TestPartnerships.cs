using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Tests.AnnualReports;

/// <summary>The committed presets, loaded once, for the yearly report's rules.</summary>
internal static class TestPartnerships
{
    private static readonly string Folder = RepositoryFiles.Find("config/partnerships");

    public static PartnershipArrangements Load(string id) => PartnershipFile.Parse($"{id}.json", File.ReadAllText(Path.Combine(Folder, $"{id}.json")));

    public static PartnershipArrangements Warwickshire { get; } = Load("warwickshire");

    public static PartnershipArrangements Staffordshire { get; } = Load("staffordshire");

    /// <summary>Warwickshire with internal dates of its own.</summary>
    public static PartnershipArrangements WithDates(string contributions, string draft)
    {
        MonthDay.TryParse(contributions, out var c);
        MonthDay.TryParse(draft, out var d);
        return Warwickshire with { Timescales = Warwickshire.Timescales with { AnnualReportContributionsDue = c, AnnualReportDraftDue = d } };
    }
}
