using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Host.Meetings;
using static Safeguarding.Workflows.Host.Tests.Meetings.MeetingsClient;

namespace Safeguarding.Workflows.Host.Tests.Meetings;

/// <summary>Papers added and withdrawn over HTTP, and a recurring meeting scheduling its meetings once.</summary>
public sealed class MeetingPaperChangesApiTests
{
    private static readonly object Finance = new { id = "finance", title = "Finance report", author = new { name = "Di Author", email = "di@council.example.org", agency = "Staffordshire County Council" } };

    [Fact]
    public async Task A_paper_is_added_and_another_withdrawn_and_the_withdrawn_one_takes_no_upload()
    {
        await using var factory = new ServiceFactory();
        var meetings = new MeetingsClient(factory);
        Assert.Equal(HttpStatusCode.Created, (await meetings.ScheduleAsync("board", At("2026-02-14T10:00:00Z"))).StatusCode);

        var added = await meetings.PostAsync("board", "papers", Finance);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var paper = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("papers")[3];
        Assert.Equal(("finance", "awaited", false), (paper.GetProperty("id").GetString(), paper.GetProperty("status").GetString(), paper.GetProperty("addedLate").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, (await meetings.PostAsync("board", "papers", Finance)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await meetings.PostAsync("board", "papers", new { id = "finance", title = "Budget", author = new { name = "Di Author", email = "di@council.example.org", agency = "Staffordshire County Council" } })).StatusCode);
        var invalid = await meetings.PostAsync("board", "papers", new { id = "Bad Id", title = "", author = new { name = "Di", email = "not-an-email", agency = "Council" } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("id", out _) && errors.TryGetProperty("title", out _) && errors.TryGetProperty("author.email", out _));

        Assert.Equal(HttpStatusCode.BadRequest, (await meetings.PostAsync("board", "papers/audit/withdraw", new { reason = "" })).StatusCode);
        var withdrawn = await meetings.PostAsync("board", "papers/audit/withdraw", new { reason = "Moved to March" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("withdrawn", (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("papers")[1].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await meetings.UploadAsync("board", "audit", Pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await meetings.PostAsync("board", "papers/nope/withdraw", new { reason = "x" })).StatusCode);

        var outbox = await meetings.OutboxAsync("board");
        var request = Assert.Single(outbox, e => e.Kind == "meetings/paper-request" && e.To.Contains("di@council.example.org"));
        Assert.Equal("Paper requested: Finance report for Partnership board, due Friday 30 January 2026", request.Subject);

        // Bob is told his paper is off the agenda, by its title, without the reason (which may say anything).
        var told = Assert.Single(outbox, e => e.Kind == "meetings/paper-withdrawn");
        Assert.Equal(["bob@police.example.org"], told.To);
        Assert.Equal("Paper withdrawn: Multi-agency audit is no longer on the agenda of Partnership board", told.Subject);
        Assert.Contains("Partnership board on Saturday 14 February 2026", told.Body, StringComparison.Ordinal);
        Assert.Contains("no further reminders will be sent", told.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Moved to March", told.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paper_added_once_its_deadline_has_passed_is_asked_for_as_soon_as_possible_and_one_added_after_circulation_too()
    {
        await using var factory = new ServiceFactory();
        var meetings = new MeetingsClient(factory);
        Assert.Equal(HttpStatusCode.Created, (await meetings.ScheduleAsync("board", At("2026-02-14T10:00:00Z"))).StatusCode);

        // The paper deadline was Friday 30 January; the pack goes on Friday 6 February.
        await meetings.MoveClockTo(At("2026-02-02T10:00:00Z"));
        var addPage = await meetings.Http.GetStringAsync("/partnerships/staffordshire/meetings/board/add-paper");
        Assert.Contains("id=\"deadline-passed\"", addPage, StringComparison.Ordinal);
        Assert.Contains("as soon as possible, before the agenda pack goes out on 6 February 2026", addPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await meetings.PostAsync("board", "papers", Finance)).StatusCode);
        await meetings.MoveClockTo(At("2026-02-09T10:00:00Z"));
        Assert.Equal(HttpStatusCode.OK, (await meetings.PostAsync("board", "papers", new { id = "urgent", title = "Urgent update", author = new { name = "Al Author", email = "al@police.example.org", agency = "Staffordshire Police" } })).StatusCode);

        var outbox = await meetings.OutboxAsync("board");
        var afterDeadline = Assert.Single(outbox, e => e.Kind == "meetings/paper-request" && e.To.Contains("di@council.example.org"));
        Assert.Equal("Paper requested: Finance report for Partnership board, due as soon as possible, before Friday 6 February 2026", afterDeadline.Subject);
        Assert.Contains("after the deadline for papers had passed", afterDeadline.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("30 January", afterDeadline.Body, StringComparison.Ordinal);
        var afterCirculation = Assert.Single(outbox, e => e.Kind == "meetings/paper-request" && e.To.Contains("al@police.example.org"));
        Assert.Equal("Paper requested: Urgent update for Partnership board, due as soon as possible", afterCirculation.Subject);
    }

    [Fact]
    public async Task A_recurring_meeting_schedules_its_next_meetings_with_their_standing_papers_once()
    {
        await using var factory = new ServiceFactory();
        var meetings = new MeetingsClient(factory);
        var series = new MeetingSeries(
            "board", "Partnership board", new DateOnly(2026, 1, 13), new TimeOnly(10, 0), "County Buildings", 1, 3,
            [new StandingPaper("Performance report", new("Ann Author", "ann@council.example.org", "Staffordshire County Council"))]);
        var commands = factory.Services.GetRequiredService<MeetingSeriesCommands>();

        Assert.Equal(3, await commands.SaveAsync("staffordshire", series, "board-manager", CancellationToken.None));
        Assert.Equal(0, await commands.SaveAsync("staffordshire", series, "board-manager", CancellationToken.None));
        var saved = Assert.Single(await commands.ListAsync("staffordshire", CancellationToken.None));
        Assert.Equal(series.Papers, saved.Papers);
        Assert.Equal(series, saved with { Papers = series.Papers });

        // Second Tuesdays: 13 January, 10 February, 10 March 2026.
        var february = await meetings.GetAsync("board-2026-02");
        Assert.Equal(At("2026-02-10T10:00:00Z"), february.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal("performance-report", february.GetProperty("papers")[0].GetProperty("id").GetString());

        // As time passes, the next one is added and the earlier ones stay as they are.
        await meetings.MoveClockTo(At("2026-01-13T11:00:00Z"));
        await commands.TopUpAllAsync(CancellationToken.None);
        Assert.Equal(At("2026-04-14T09:00:00Z"), (await meetings.GetAsync("board-2026-04")).GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.NotFound, (await meetings.Http.GetAsync(meetings.Path("board-2026-05"))).StatusCode);
    }
}
