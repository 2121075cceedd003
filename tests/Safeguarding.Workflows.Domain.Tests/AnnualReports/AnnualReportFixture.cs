using System.Security.Cryptography;
using System.Text;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Tests.AnnualReports;

/// <summary>Opening and driving a yearly report in tests.</summary>
internal static class AnnualReportFixture
{
    public static readonly DateTimeOffset OpenedAt = At("2026-05-05", 10);

    public static DateTimeOffset At(string date, int hour = 9, int minute = 0) => LondonTime.At(DateOnly.Parse(date), new TimeOnly(hour, minute));

    public static Transition<AnnualReport> Open(PartnershipArrangements? arrangements = null, DateTimeOffset? at = null, string year = "2025-26")
    {
        var partnership = arrangements ?? TestPartnerships.Warwickshire;
        return AnnualReport.Open(
            new ProcessKey(partnership.Id, ProcessKinds.AnnualReport, year),
            ReportingYear.Parse(year),
            partnership,
            StatutoryCalendar.EnglandAndWales.WithClosureDays(partnership.ClosureDays),
            at ?? OpenedAt,
            "local-user").Changed();
    }

    /// <summary>The transition of a decision that must have changed the report.</summary>
    public static Transition<AnnualReport> Changed(this Decision<AnnualReport> decision)
    {
        Assert.True(decision.Outcome == DecisionOutcome.Changed, $"{decision.Outcome}: {decision.Field} {decision.Message}");
        return decision.Transition!;
    }

    public static Contributor Contributor(string agency = "Warwickshire Police") => new("Report author", "author@warwickshire.example.org", agency);

    public static string Sha(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static AnnualReport Contribute(this AnnualReport report, int section, DateTimeOffset at, string text = "Some text", Contributor? by = null) =>
        report.RecordContribution(section, by ?? Contributor(), (report.Section(section)?.Contribution?.Version ?? 0) + 1, Sha(text), text.Length, at, "local-user").Changed().State;

    public static AnnualReport ContributeAll(this AnnualReport report, DateTimeOffset at, params int[] except)
    {
        foreach (var section in report.Sections.Where(s => !except.Contains(s.Number)))
        {
            report = report.Contribute(section.Number, at);
        }

        return report;
    }

    /// <summary>Wakes the report at every instant it asks for up to <paramref name="until"/>, as the engine does, collecting the emails.</summary>
    public static (AnnualReport Report, List<OutgoingEmail> Emails) RunUntil(this AnnualReport report, DateTimeOffset until)
    {
        var emails = new List<OutgoingEmail>();
        while (report.NextWakeAt is { } next && next <= until)
        {
            var woken = report.Wake(next);
            emails.AddRange(woken.Emails);
            Assert.NotSame(report, woken.State); // asking to be woken and then doing nothing would loop forever
            report = woken.State;
        }

        return (report, emails);
    }

    /// <summary>The sections an owner's email asks for, in order.</summary>
    public static List<int> Sections(OutgoingEmail email) =>
        [.. Enumerable.Range(1, int.Parse(email.Values["sectionCount"])).Select(n => int.Parse(email.Values[$"section{n}Number"]))];

    public const string BusinessManager = "business-manager@warwickshire.example.org";

    /// <summary>The owner part of an email id for <see cref="BusinessManager"/>.</summary>
    public static string ManagerTarget => AnnualReport.OwnerTarget(BusinessManager);

    public static Deadline Deadline(this AnnualReport report, string name) => report.Deadlines.Single(d => d.Name == name);
}
