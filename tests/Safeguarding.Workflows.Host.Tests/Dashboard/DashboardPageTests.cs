using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Dashboard;
using Safeguarding.Workflows.Host.Tests.Email;
using Safeguarding.Workflows.Notifications;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage;
using Safeguarding.Workflows.Storage.Meetings;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Tests.Dashboard;

/// <summary>
/// <c>/partnerships/{p}</c> as the business unit sees it: the failed emails it keeps for a few seconds, and the notes
/// under the overdue and due-soon tables when they hold more than their 100 rows.
/// </summary>
public sealed partial class DashboardPageTests
{
    private const string Dashboard = "/partnerships/staffordshire";

    [Fact]
    public async Task A_failure_recorded_on_this_host_shows_at_once_and_one_recorded_by_another_host_within_seconds()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var factory = new ServiceFactory(configureServices: services =>
            services.AddSingleton(sp => new FailedEmailListing(sp.GetRequiredService<FailedMessages>(), time)));
        var client = factory.CreateClient();
        Assert.Contains("No email has failed.", await client.GetStringAsync(Dashboard), StringComparison.Ordinal);

        // Delivery fails here (there is no such template) and the failure is recorded: the next view shows it.
        var queue = factory.Services.GetRequiredService<EmailQueue>();
        await queue.EnqueueAsync(TestEmails.Outgoing("staffordshire/rapid-review/rr-here/request", "meetings/not-yet-written", "RR-HERE"), CancellationToken.None);
        Assert.True(await queue.WaitUntilIdleAsync(TimeSpan.FromSeconds(30)), "Email delivery did not settle.");
        Assert.Contains("rr-here", await client.GetStringAsync(Dashboard), StringComparison.Ordinal);

        // Another host of the cluster records one: it is in storage, and this host does not know.
        var storage = factory.Services.GetRequiredService<EmailStorageNames>();
        await storage.Tables.GetTableClient(storage.FailedTable).UpsertEntityAsync(new TableEntity("failed", "other-host-1")
        {
            ["Id"] = "staffordshire/meeting/m-there/invitation",
            ["ProcessKey"] = "staffordshire/meeting/m-there",
            ["Kind"] = "meetings/invitation",
            ["Attempts"] = 5,
            ["LastError"] = "The mail service refused the message.",
            ["FailedAt"] = DateTimeOffset.UtcNow,
        });
        Assert.DoesNotContain("m-there", await client.GetStringAsync(Dashboard), StringComparison.Ordinal); // a fresh copy: storage is not read

        // Once the copy is older than FreshFor, a view starts a re-read; the views after it show the new failure.
        time.Now += FailedEmailListing.FreshFor + TimeSpan.FromSeconds(1);
        var html = "";
        for (var attempt = 0; attempt < 50 && !html.Contains("m-there", StringComparison.Ordinal); attempt++)
        {
            html = await client.GetStringAsync(Dashboard);
            await Task.Delay(100);
        }

        Assert.Contains("m-there", html, StringComparison.Ordinal);
        Assert.Contains("rr-here", html, StringComparison.Ordinal);
        Assert.Contains("The mail service refused the message.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_attendance_warning_is_kept_for_a_few_seconds_and_one_saved_by_another_host_shows_within_them()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var factory = new ServiceFactory(configureServices: services =>
            services.AddSingleton(sp => new AttendanceConcernListing(sp.GetRequiredService<AttendanceConcernStore>(), time)));
        var client = factory.CreateClient();
        Assert.DoesNotContain("id=\"absences\"", await client.GetStringAsync(Dashboard), StringComparison.Ordinal);

        // Saved on this host, as recording a meeting's attendance saves it: the next view shows it.
        var police = "Staffordshire Police";
        await factory.Services.GetRequiredService<AttendanceConcernStore>()
            .SetAsync("staffordshire", [new(police, 2, new DateOnly(2026, 1, 13))], DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Contains("Staffordshire Police has missed the last 2 partnership meetings", await client.GetStringAsync(Dashboard), StringComparison.Ordinal);

        // Saved by another host of the cluster (its own store, on the same table): this host does not know.
        await new AttendanceConcernStore(factory.Services.GetRequiredService<StorageClients>())
            .SetAsync("staffordshire", [new(police, 3, new DateOnly(2026, 1, 13))], DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Contains("missed the last 2 partnership meetings", await client.GetStringAsync(Dashboard), StringComparison.Ordinal); // the copy: storage is not read

        // Once the copy is older than FreshFor, a view starts a re-read; the views after it show the new list.
        time.Now += HostCopy.FreshFor + TimeSpan.FromSeconds(1);
        var html = "";
        for (var attempt = 0; attempt < 50 && !html.Contains("missed the last 3", StringComparison.Ordinal); attempt++)
        {
            html = await client.GetStringAsync(Dashboard);
            await Task.Delay(100);
        }

        Assert.Contains("Staffordshire Police has missed the last 3 partnership meetings", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_100_overdue_or_due_soon_deadlines_are_noted_and_each_note_links_to_a_search_listing_them_all()
    {
        await using var factory = new ServiceFactory();
        var client = factory.CreateClient();
        var today = LondonTime.LocalDate(factory.Services.GetRequiredService<WorkflowClock>().GetUtcNow());

        // Index rows written directly, as the process store writes them: the dashboard and the search read nothing else.
        // 103 processes each with an overdue deadline, 102 with one due in the next few days.
        var late = Enumerable.Range(1, 103).Select(i => $"late-{i:000}").ToList();
        var soon = Enumerable.Range(1, 102).Select(i => $"soon-{i:000}").ToList();
        var rows = late.Select((id, i) => Row(id, today.AddDays(-7 - (i % 20)), overdue: true))
            .Concat(soon.Select((id, i) => Row(id, today.AddDays(1 + (i % 7)), overdue: false)));
        var table = await factory.Services.GetRequiredService<StorageClients>().CreatedTableAsync(ProcessIndex.TableSuffix);
        foreach (var batch in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
        }

        // The partnership's listing may have been read before the rows were written: it re-reads within seconds.
        IHtmlDocument page = null!;
        for (var attempt = 0; attempt < 100 && page?.GetElementById("due-soon-more") is null; attempt++)
        {
            page = await PageAsync(client, Dashboard);
            await Task.Delay(100);
        }

        Assert.Equal(100, page.QuerySelectorAll("#overdue-processes tbody tr").Length);
        var overdueNote = page.GetElementById("overdue-more")!;
        Assert.Equal("The oldest 100 of 103 overdue deadlines. Find every overdue process.", Words(overdueNote.TextContent));
        Assert.Equal(late, await SearchAsync(client, overdueNote.QuerySelector("a")!.GetAttribute("href")!));

        Assert.Equal(100, page.QuerySelectorAll("#due-soon-processes tbody tr").Length);
        var dueSoonNote = page.GetElementById("due-soon-more")!;
        var until = factory.Services.GetRequiredService<PartnershipDirectory>().CalendarFor("staffordshire").AddWorkingDays(today, DashboardPanels.DueSoonWorkingDays).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        Assert.Equal($"The soonest 100 of 102 deadlines due by {until}. Find every process with a deadline by then.", Words(dueSoonNote.TextContent));
        // Every process whose next deadline is by then: the 102 due soon, and the overdue ones, whose deadlines came first.
        Assert.Equal([.. late, .. soon], await SearchAsync(client, dueSoonNote.QuerySelector("a")!.GetAttribute("href")!));
    }

    /// <summary>The ids the search lists, following its "Next page" links to the end, in order.</summary>
    private static async Task<List<string>> SearchAsync(HttpClient client, string link)
    {
        var ids = new List<string>();
        for (var next = link; next is not null;)
        {
            var page = await PageAsync(client, next.Split('#')[0]);
            var results = page.QuerySelectorAll("#results + table tbody tr").ToList();
            Assert.NotEmpty(results);
            ids.AddRange(results.Select(r => ProcessId().Match(r.TextContent).Value));
            next = page.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Trim() == "Next page")?.GetAttribute("href");
        }

        return ids;
    }

    private static TableEntity Row(string id, DateOnly dueOn, bool overdue)
    {
        var at = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        return new TableEntity(ProcessRows.Partition("staffordshire"), ProcessRows.Process("drill", id))
        {
            ["PartnershipId"] = "staffordshire",
            ["Kind"] = "drill",
            ["Id"] = id,
            ["Status"] = "open",
            ["Title"] = $"Drill {id}",
            ["NextDeadlineName"] = "response",
            ["NextDeadlineDueOn"] = dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["NextDeadlineDueAt"] = LondonTime.EndOfDay(dueOn),
            ["OverdueCount"] = overdue ? 1 : 0,
            ["CreatedAt"] = at,
            ["UpdatedAt"] = at,
        };
    }

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string path) =>
        await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(path));

    private static string Words(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"(late|soon)-\d{3}")]
    private static partial Regex ProcessId();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Real time for the listing's freshness, moved by hand.</summary>
    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
