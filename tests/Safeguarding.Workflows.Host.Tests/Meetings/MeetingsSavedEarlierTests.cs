using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Processes;
using static Safeguarding.Workflows.Host.Tests.Meetings.MeetingsClient;

namespace Safeguarding.Workflows.Host.Tests.Meetings;

/// <summary>
/// A meeting saved before papers' authors, actions' owners and rapid reviews' contacts became one
/// <c>AgencyContact</c> (<c>Stored/board-2025-12.json</c>, the row as that release wrote it: held in December 2025,
/// one paper received and one missing, notes recorded with two open actions): it loads with its authors and owners,
/// and its actions can be completed.
/// </summary>
public sealed class MeetingsSavedEarlierTests : IAsyncLifetime
{
    private static readonly ProcessKey Key = new("staffordshire", ProcessKinds.Meeting, "board-2025-12");
    private readonly ServiceFactory factory = new();
    private MeetingsClient meetings = null!;

    public async Task InitializeAsync()
    {
        meetings = new MeetingsClient(factory);
        var state = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Meetings", "Stored", "board-2025-12.json"));
        var entry = new ProcessIndexEntry(
            Key.PartnershipId, Key.Kind, Key.Id, ProcessStatus.Open, "Partnership board", "action:refresh-threshold", new DateOnly(2026, 1, 20),
            At("2026-01-20T23:59:59Z"), 0, At("2026-01-15T09:00:00Z"), At("2025-10-20T09:00:00Z"), At("2025-12-11T10:00:00Z"));
        await factory.Services.GetRequiredService<ProcessStore>().SaveAsync(new ProcessChange(entry, state, null), CancellationToken.None);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_row_loads_with_its_authors_and_owners_and_its_actions_can_be_completed()
    {
        var meeting = await meetings.GetAsync(Key.Id);
        Assert.Equal("open", meeting.GetProperty("status").GetString());
        Assert.Equal(
            [("performance", "Ann Author", "ann@council.example.org", "Staffordshire County Council", "received"), ("audit", "Bob Author", "bob@police.example.org", "Staffordshire Police", "awaited")],
            meeting.GetProperty("papers").EnumerateArray().Select(p => (Text(p, "id"), Text(p.GetProperty("author"), "name"), Text(p.GetProperty("author"), "email"), Text(p.GetProperty("author"), "agency"), Text(p, "status"))));
        Assert.Equal(
            [("refresh-threshold", "Olive Owner", "olive@council.example.org", "Staffordshire County Council"), ("audit-followup", "Pat Owner", "pat@police.example.org", "Staffordshire Police")],
            meeting.GetProperty("actions").EnumerateArray().Select(a => (Text(a, "id"), Text(a.GetProperty("owner"), "name"), Text(a.GetProperty("owner"), "email"), Text(a.GetProperty("owner"), "agency"))));

        var first = await meetings.PostAsync(Key.Id, "actions/refresh-threshold/complete", new { });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("open", Text(await first.Content.ReadFromJsonAsync<JsonElement>(), "status"));
        Assert.Equal(HttpStatusCode.NotFound, (await meetings.PostAsync(Key.Id, "actions/no-such-action/complete", new { })).StatusCode);

        var last = await (await meetings.PostAsync(Key.Id, "actions/audit-followup/complete", new { })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", Text(last, "status"));
        Assert.All(last.GetProperty("actions").EnumerateArray(), a => Assert.Equal("completed", Text(a, "status")));
    }

    private static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();
}
