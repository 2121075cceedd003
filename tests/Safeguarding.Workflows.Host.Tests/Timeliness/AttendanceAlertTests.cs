using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Partnerships;
using Safeguarding.Workflows.Host.Tests.AnnualReports;
using Safeguarding.Workflows.Host.Tests.Partnerships;
using Safeguarding.Workflows.Host.Tests.Meetings;
using Safeguarding.Workflows.Host.Tests.RapidReviews;
using Safeguarding.Workflows.Orchestration.Timeliness;
using Safeguarding.Workflows.Storage;
using Safeguarding.Workflows.Storage.Meetings;
using static Safeguarding.Workflows.Host.Tests.Meetings.MeetingsClient;

namespace Safeguarding.Workflows.Host.Tests.Timeliness;

/// <summary>
/// Issue 32, items 3 and 4 on a simulated clock: Staffordshire Police misses partnership meetings in a row, so the
/// independent chair is emailed once and the dashboard says so until the police next attend; a rapid review meets one
/// deadline and misses the rest, an escalation nobody answers misses its stages; the 2025-26 annual report's appendix then holds the same figures as the timeliness page.
/// </summary>
public sealed partial class AttendanceAlertTests : IAsyncLifetime
{
    private const string Chair = "independent-chair@staffordshire.example.org";
    private ServiceFactory factory = new();
    private MeetingsClient meetings = null!;

    private static readonly object Council = new { agency = "Staffordshire County Council", role = "Director for Children's Services" };
    private static readonly object Police = new { agency = "Staffordshire Police", role = "Assistant Chief Constable" };
    private static readonly object Icb = new { agency = "Staffordshire and Stoke-on-Trent Integrated Care Board", role = "Chief Nursing and Therapies Officer" };

    public Task InitializeAsync()
    {
        meetings = new MeetingsClient(factory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_chair_is_told_once_the_dashboard_warns_until_the_police_attend_and_the_appendix_counts_as_the_page()
    {
        var reviews = new ReviewsClient(meetings.Http);
        var created = await reviews.PutAsync("rapid-reviews", "rr-2026-081", RapidReviewsApiTests.Body(caseReference: "RR-2026-081", awareOn: "2026-01-05"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        await reviews.MoveToAsync("2026-01-06", 10);
        await reviews.RecordAsync("rapid-reviews", "rr-2026-081", new { type = "panel-notified", on = "2026-01-06" });

        // An escalation nobody answers: its stages' deadlines are missed as the clock moves on.
        var raised = await meetings.Http.PutAsJsonAsync(Escalations.EscalationApi.Path("esc-2026-081"), Escalations.EscalationApi.Raise(raisedOn: "2026-01-06"));
        Assert.True(raised.StatusCode == HttpStatusCode.Created, await raised.Content.ReadAsStringAsync());

        string[] ids = ["board-2026-01", "board-2026-02", "board-2026-03", "board-2026-04"];
        string[] days = ["2026-01-13", "2026-02-10", "2026-03-10", "2026-04-14"];
        for (var i = 0; i < ids.Length; i++)
        {
            var scheduled = await meetings.ScheduleAsync(ids[i], At($"{days[i]}T10:00:00Z"));
            Assert.True(scheduled.StatusCode == HttpStatusCode.Created, await scheduled.Content.ReadAsStringAsync());
        }

        // January and February without the police: the second absence in a row reaches the default of 2.
        await AttendAsync(0, Council, Icb);
        Assert.DoesNotContain(await meetings.OutboxAsync(ids[0]), e => e.Kind == "meetings/absences-in-a-row");
        await AttendAsync(1, Council, Icb);
        await AttendAsync(1, Council, Icb); // the same again: nothing more is sent
        var told = Assert.Single(await meetings.OutboxAsync(ids[1]), e => e.Kind == "meetings/absences-in-a-row");
        Assert.Equal([Chair], told.To);
        Assert.Equal("Attendance: Staffordshire Police has missed 2 partnership meetings in a row", told.Subject);
        Assert.Contains("since Tuesday 13 January 2026", told.Body, StringComparison.Ordinal);
        Assert.Contains("/partnerships/staffordshire/timeliness?year=2025#attendance", told.Body, StringComparison.Ordinal);
        Assert.Contains(await meetings.HistoryAsync(ids[1]), h => h.Type == "absences-in-a-row" && h.Detail.StartsWith("Staffordshire Police has missed 2 meetings in a row", StringComparison.Ordinal));
        Assert.Contains("Staffordshire Police has missed the last 2 partnership meetings, since 13 January 2026.", await DashboardAsync(), StringComparison.Ordinal);

        // A restart (a new host on the same storage) and the same attendance sent again: still one email.
        var prefix = factory.StoragePrefix;
        await factory.DisposeAsync();
        factory = new ServiceFactory(storagePrefix: prefix);
        meetings = new MeetingsClient(factory);
        await AttendAsync(1, Council, Icb);
        Assert.Single(await meetings.OutboxAsync(ids[1]), e => e.Kind == "meetings/absences-in-a-row");
        Assert.Contains("Staffordshire Police has missed the last 2 partnership meetings", await DashboardAsync(), StringComparison.Ordinal);

        // March: a third absence is the same run, so the chair is not emailed again; the dashboard counts it.
        await AttendAsync(2, Council, Icb);
        Assert.DoesNotContain(await meetings.OutboxAsync(ids[2]), e => e.Kind == "meetings/absences-in-a-row");
        Assert.Contains("Staffordshire Police has missed the last 3 partnership meetings, since 13 January 2026.", await DashboardAsync(), StringComparison.Ordinal);

        // April: the police attend, and the notice goes.
        await AttendAsync(3, Council, Police, Icb);
        Assert.DoesNotContain("id=\"absences\"", await DashboardAsync(), StringComparison.Ordinal);

        // The settings page: the number is checked, and turning it off is recorded in the partnership's words.
        var form = await PartnershipSettingsTests.FormAsync(meetings.Http);
        Assert.Equal(("2", "Independent Chair and Scrutineer", Chair), (form["tell-chair-after"], form["chair-name"], form["chair-email"]));
        form["tell-chair-after"] = "13";
        var refused = await meetings.Http.PostAsync("/partnerships/staffordshire/settings", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("href=\"#tell-chair-after\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        form = await PartnershipSettingsTests.FormAsync(meetings.Http);
        form["tell-chair-after"] = "0";
        (await meetings.Http.PostAsync("/partnerships/staffordshire/settings", new FormUrlEncodedContent(form))).EnsureSuccessStatusCode();
        var change = Assert.Single(await factory.Services.GetRequiredService<PartnershipSettings>().HistoryAsync("staffordshire", CancellationToken.None));
        Assert.Equal(["Tell the independent chair after meetings missed in a row: 2 → never"], change.Changes);

        // The 2025-26 report, compiled with the appendix's tables (the default): the same figures as the timeliness page.
        var report = new AnnualReportClient(meetings.Http, "staffordshire");
        Assert.Equal(HttpStatusCode.Created, (await report.OpenAsync()).StatusCode);
        (await report.SendSectionAsync(1, "What the partnership did.", "Staffordshire Safeguarding Children Partnership")).EnsureSuccessStatusCode();
        (await report.SendSectionAsync(2, "How effective it was.", "Staffordshire Safeguarding Children Partnership")).EnsureSuccessStatusCode();
        var compiled = await report.CompileAsync();
        Assert.True(compiled.StatusCode == HttpStatusCode.OK, await compiled.Content.ReadAsStringAsync());
        var appendix = Text(await meetings.Http.GetStringAsync($"{report.Path}/documents/annual-report.html"));
        var csv = (await meetings.Http.GetStringAsync("/partnerships/staffordshire/timeliness/csv?year=2025")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("clock,Rapid review,Notifying the Child Safeguarding Practice Review Panel,1,1,0,0,0,0", csv);
        Assert.Contains("attendance,Meetings attended,Staffordshire Police,3,0,,3,,3", csv);
        Assert.Contains(csv, l => l.StartsWith("clock,Escalation,", StringComparison.Ordinal) && l.Split(',')[6] != "0"); // a stage missed
        // (No label here holds a comma, so a line splits into its cells.)
        var clocks = csv.Where(l => l.StartsWith("clock,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        Assert.True(clocks.Count >= 3, string.Join('\n', csv));
        foreach (var c in clocks)
        {
            Assert.Contains($"{c[1]} {c[2]} {c[3]} {c[4]} {c[5]} {c[6]} {c[7]}", appendix, StringComparison.Ordinal);
        }

        foreach (var a in csv.Where(l => l.StartsWith("agency,", StringComparison.Ordinal)).Select(l => l.Split(',')))
        {
            Assert.Contains($"{a[1]} {a[2]} {a[3]} {a[4]} {a[5]} {a[6]}", appendix, StringComparison.Ordinal);
        }

        Assert.Contains("Staffordshire Police 3 0 3", appendix, StringComparison.Ordinal);
        Assert.Contains("Staffordshire County Council 3 3 0", appendix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_recorded_out_of_date_order_counts_in_its_place_and_the_check_reads_back_only_to_each_agencys_last_attendance()
    {
        string[] days = ["2026-01-13", "2026-02-10", "2026-03-10", "2026-04-14"];
        for (var i = 0; i < days.Length; i++)
        {
            var scheduled = await meetings.ScheduleAsync($"late-2026-0{i + 1}", At($"{days[i]}T10:00:00Z"));
            Assert.True(scheduled.StatusCode == HttpStatusCode.Created, await scheduled.Content.ReadAsStringAsync());
        }

        await meetings.MoveClockTo(At("2026-04-14T13:00:00Z"));

        // March without the police, then January with them: one absence, after January.
        await RecordAsync("late-2026-03", Council, Icb);
        await RecordAsync("late-2026-01", Council, Police, Icb);
        Assert.DoesNotContain(await meetings.OutboxAsync("late-2026-03"), e => e.Kind == "meetings/absences-in-a-row");
        Assert.DoesNotContain(await meetings.OutboxAsync("late-2026-01"), e => e.Kind == "meetings/absences-in-a-row");

        // February, recorded last and also without the police, makes two in a row with March: since 10 February.
        await RecordAsync("late-2026-02", Council, Icb);
        var told = Assert.Single(await meetings.OutboxAsync("late-2026-02"), e => e.Kind == "meetings/absences-in-a-row");
        Assert.Contains("since Tuesday 10 February 2026", told.Body, StringComparison.Ordinal);
        Assert.Contains("Staffordshire Police has missed the last 2 partnership meetings, since 10 February 2026.", await DashboardAsync(), StringComparison.Ordinal);

        // Meetings recorded before the attendance register existed: emptied, it is filled again from the meetings.
        var register = await factory.Services.GetRequiredService<StorageClients>().CreatedTableAsync(AttendanceRegister.TableSuffix);
        await foreach (var row in register.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            await register.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        // April, everyone there: the police's run ends. The check now reads one meeting, the latest, of four.
        await RecordAsync("late-2026-04", Council, Police, Icb);
        Assert.DoesNotContain("id=\"absences\"", await DashboardAsync(), StringComparison.Ordinal);
        var arrangements = factory.Services.GetRequiredService<PartnershipDirectory>().Find("staffordshire")!;
        var latest = await factory.Services.GetRequiredService<TimelinessRecords>()
            .LatestAttendedAsync("staffordshire", arrangements, new ProcessKey("staffordshire", "meeting", "not-held"), CancellationToken.None);
        Assert.Equal([new DateOnly(2026, 4, 14)], latest.Select(m => m.On));
        Assert.Equal(3, (await factory.Services.GetRequiredService<TimelinessRecords>()
            .LatestAttendedAsync("staffordshire", arrangements, new ProcessKey("staffordshire", "meeting", "late-2026-04"), CancellationToken.None)).Count);
    }

    private async Task RecordAsync(string id, params object[] present)
    {
        var response = await meetings.PostAsync(id, "attendance", new { present, declarations = Array.Empty<object>() });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task AttendAsync(int meeting, params object[] present)
    {
        var day = new[] { "2026-01-13", "2026-02-10", "2026-03-10", "2026-04-14" }[meeting];
        await meetings.MoveClockTo(At($"{day}T13:00:00Z"));
        var response = await meetings.PostAsync($"board-2026-0{meeting + 1}", "attendance", new { present, declarations = Array.Empty<object>() });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private Task<string> DashboardAsync() => meetings.Http.GetStringAsync("/partnerships/staffordshire");

    /// <summary>A page's text without its tags, each run of white space one space, so a table row reads as its cells in order.</summary>
    private static string Text(string html) => Spaces().Replace(System.Net.WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ");

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
