using System.Text.Json;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.AnnualReports.AnnualReportFixture;

namespace Safeguarding.Workflows.Domain.Tests.AnnualReports;

/// <summary>
/// A report saved by the release before issue 24 (written by that code, not by hand: opened late, all sections but 5
/// in, compiled, and woken after some chases were superseded) still loads and carries on where it stopped.
/// </summary>
public sealed class AnnualReportSavedStateTests
{
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static AnnualReport Saved() => JsonSerializer.Deserialize<AnnualReport>(
        File.ReadAllText(RepositoryFiles.Find("tests/Safeguarding.Workflows.Domain.Tests/AnnualReports/Saved/annual-report-2025-26-before-issue-24.json")), StateJson)!;

    [Fact]
    public void A_report_saved_before_issue_24_loads_and_wakes_for_its_next_chase()
    {
        var report = Saved();

        Assert.Equal(ProcessStatus.Open, report.Status);
        Assert.Equal(At("2026-08-28"), report.NextWakeAt);
        Assert.Same(report, report.Wake(At("2026-08-27")).State); // the chases already done or skipped are not repeated

        var (woken, emails) = report.Wake(At("2026-08-28"));
        // Only the chase: the draft is compiled and section 5 is not mandatory, so the draft check that day says nothing.
        Assert.Equal([$"warwickshire/annual-report/2025-26/contribution-chase/{ManagerTarget}/2026-08-28"], emails.Select(e => e.Id));
        Assert.Equal(At("2026-09-04"), woken.NextWakeAt);
    }

    [Fact]
    public void Its_steps_are_read_into_the_one_step_model_and_saved_again_in_it()
    {
        var report = Saved();

        var next = report.Steps.First(s => !s.IsDone);
        Assert.Equal(new ScheduledStep<AnnualReportAction>(AnnualReportAction.ContributionsChase, AnnualReportDeadlines.Contributions, new DateOnly(2026, 8, 28), At("2026-08-28")), next);
        Assert.Equal(4, report.Steps.Count(s => s.IsDone)); // the reminder and three chases: done or superseded
        Assert.Equal(At("2026-07-30", 10), report.Steps[0].DoneAt);

        var json = JsonSerializer.Serialize(report, StateJson);
        Assert.DoesNotContain("\"skipped\"", json, StringComparison.Ordinal);
        Assert.Contains("\"target\":\"contributions\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<AnnualReport>(json, StateJson)!;
        Assert.Equal(report.Steps, back.Steps);
        Assert.Equal(json, JsonSerializer.Serialize(back, StateJson));
    }
}
