using System.Text;
using System.Text.Json;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Storage.Tests.Processes;

public sealed class ProcessStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly ProcessKey Key = new("solihull", ProcessKinds.RapidReview, "rr/2026#1");

    private readonly ProcessStore _store;
    private readonly AuditLog _audit;
    private readonly ProcessIndex _index;

    public ProcessStoreTests()
    {
        var clients = Azurite.Clients("store");
        (_store, _audit, _index) = (new(clients), new(clients), new(clients));
    }

    private static ProcessIndexEntry Entry(ProcessKey key, DateTimeOffset? wakeAt = null) =>
        new(key.PartnershipId, key.Kind, key.Id, ProcessStatus.Open, "Rapid review", null, null, null, 0, wakeAt, T0, T0);

    /// <summary>A state shaped like the engine's process record: the timeline under <c>process.timeline</c>.</summary>
    private static byte[] State(string note, params TimelineEntry[] timeline) =>
        JsonSerializer.SerializeToUtf8Bytes(new { process = new { note, timeline }, unsentEmails = Array.Empty<object>() }, StateJson.Options);

    private Task<string> Save(ProcessKey key, string? etag, DateTimeOffset? wakeAt = null, string note = "", params TimelineEntry[] timeline) =>
        _store.SaveAsync(new ProcessChange(Entry(key, wakeAt), State(note, timeline), etag), CancellationToken.None);

    private static TimelineEntry Entry(DateTimeOffset at, string type) => new(at, type, Actors.System, $"{type} detail");

    private static async Task<List<DueWake>> List(IAsyncEnumerable<DueWake> wakes)
    {
        var list = new List<DueWake>();
        await foreach (var wake in wakes)
        {
            list.Add(wake);
        }

        return list;
    }

    [Fact]
    public async Task A_save_writes_state_timeline_index_and_wake_in_one_row_and_reads_back_with_its_etag()
    {
        var wake = T0.AddDays(5).AddTicks(7);
        var etag = await Save(Key, null, wake, "opened", Entry(T0, "created"), Entry(T0.AddMinutes(1).ToOffset(TimeSpan.FromHours(1)), "panel-notified"));

        var stored = await _store.ReadAsync(Key, CancellationToken.None);
        Assert.Equal(etag, stored!.ETag);
        Assert.Contains("\"note\":\"opened\"", Encoding.UTF8.GetString(stored.State));
        var history = await _audit.ReadAsync(Key, CancellationToken.None);
        Assert.Equal([(0L, "created"), (1L, "panel-notified")], history.Select(r => (r.Sequence, r.Type)));
        Assert.Equal(T0.AddMinutes(1), history[1].At);
        Assert.All(history, r => Assert.Equal(TimeSpan.Zero, r.At.Offset));
        Assert.Equal([new DueWake(Key, wake)], await List(_store.DueWakesAnywhereAsync(wake, CancellationToken.None)));
        Assert.Empty(await List(_store.DueWakesAnywhereAsync(wake.AddTicks(-1), CancellationToken.None)));
        // The index column is a table date (its precision is the service's); the wake itself keeps every tick.
        Assert.InRange((await _index.GetAsync(Key, CancellationToken.None))!.NextWakeAt!.Value, wake.AddMilliseconds(-1), wake);
        Assert.Null(await _store.ReadAsync(Key with { Id = "other" }, CancellationToken.None));
        Assert.Empty(await _audit.ReadAsync(Key with { Id = "other" }, CancellationToken.None));
    }

    [Fact]
    public async Task The_open_deadlines_are_kept_in_the_index_for_the_dashboard()
    {
        var key = Key with { Id = "open-deadlines" };
        var dueOn = new DateOnly(2027, 2, 16);
        Deadline[] open = [new("panel-notification", dueOn, T0, DeadlineState.Missed), new("rapid-review", dueOn.AddDays(14), T0.AddDays(14))];
        await _store.SaveAsync(new ProcessChange(Entry(key) with { OpenDeadlines = open }, State("opened"), null), CancellationToken.None);

        Assert.Equal(open, (await _index.GetAsync(key, CancellationToken.None))!.OpenDeadlines);
        // A row saved without them (before they were kept) reads as not known, not as none.
        await Save(Key with { Id = "older-row" }, null);
        Assert.Null((await _index.GetAsync(Key with { Id = "older-row" }, CancellationToken.None))!.OpenDeadlines);
    }

    [Fact]
    public async Task What_people_owe_is_kept_in_the_index_for_their_calendars_and_an_older_row_still_loads()
    {
        var key = Key with { Id = "owed" };
        OwedItem[] owed = [new("police.reviews@staffordshire.example.org", "agency-summary:staffordshire-police", "Agency summary (Staffordshire Police)", new DateOnly(2027, 2, 16))];
        await _store.SaveAsync(new ProcessChange(Entry(key) with { Owed = owed }, State("opened"), null), CancellationToken.None);

        Assert.Equal(owed, (await _index.GetAsync(key, CancellationToken.None))!.Owed);
        // A row saved before the column was kept reads as not known (and lists nothing), not as an error.
        await Save(Key with { Id = "older-row-owed" }, null);
        var older = (await _index.GetAsync(Key with { Id = "older-row-owed" }, CancellationToken.None))!;
        Assert.Null(older.Owed);
        Assert.Contains((await _index.QueryAsync("solihull", new ProcessQuery(Top: ProcessIndex.MaxTop), CancellationToken.None)).Items, e => e.Id == "older-row-owed" && e.Owed is null);
    }

    [Fact]
    public async Task A_stale_etag_or_a_second_insert_changes_nothing()
    {
        var first = await Save(Key, null, T0.AddDays(1), "v1", Entry(T0, "created"));
        await Save(Key, first, T0.AddDays(2), "v2", Entry(T0, "created"), Entry(T0.AddHours(1), "changed"));

        await Assert.ThrowsAsync<ProcessChangedException>(() => Save(Key, first, T0.AddDays(3), "stale", Entry(T0, "created"), Entry(T0.AddHours(2), "lost")));
        await Assert.ThrowsAsync<ProcessChangedException>(() => Save(Key, null, T0.AddDays(4), "again", Entry(T0, "lost")));

        Assert.Contains("\"note\":\"v2\"", Encoding.UTF8.GetString((await _store.ReadAsync(Key, CancellationToken.None))!.State));
        Assert.Equal(["created", "changed"], (await _audit.ReadAsync(Key, CancellationToken.None)).Select(r => r.Type));
        Assert.Equal([new DueWake(Key, T0.AddDays(2))], await List(_store.DueWakesAnywhereAsync(T0.AddDays(30), CancellationToken.None)));
    }

    [Fact]
    public async Task Wakes_are_found_per_partnership_or_anywhere_at_or_before_the_instant()
    {
        var other = new ProcessKey("warwickshire", ProcessKinds.Meeting, "m-1");
        await Save(Key with { Id = "later" }, null, T0.AddMinutes(5));
        await Save(Key with { Id = "exact" }, null, T0.ToOffset(TimeSpan.FromHours(1)));
        await Save(Key with { Id = "past" }, null, T0.AddHours(-1));
        await Save(Key with { Id = "never" }, null);
        await Save(other, null, T0.AddDays(-1));

        Assert.Equal(["exact", "past"], (await List(_store.DueWakesAsync("solihull", T0, CancellationToken.None))).Select(w => w.Process.Id).Order());
        Assert.Equal([new DueWake(other, T0.AddDays(-1))], await List(_store.DueWakesAsync("warwickshire", T0, CancellationToken.None)));
        Assert.Equal(3, (await List(_store.DueWakesAnywhereAsync(T0, CancellationToken.None))).Count);
        Assert.Equal(3, (await List(_store.DueWakesAsync("solihull", DateTimeOffset.MaxValue, CancellationToken.None))).Count);
    }

    [Fact]
    public async Task A_medium_state_is_split_over_binary_properties_and_a_huge_one_is_refused()
    {
        var medium = new string('x', 200_000);
        await Save(Key, null, note: medium, timeline: Entry(T0, "created"));
        Assert.Contains(medium, Encoding.UTF8.GetString((await _store.ReadAsync(Key, CancellationToken.None))!.State));
        Assert.Equal("created", (await _audit.ReadAsync(Key, CancellationToken.None)).Single().Type);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Save(Key with { Id = "huge" }, null, note: new string('x', StatePayload.MaxBytes)));
        Assert.Contains("bytes", error.Message);
        Assert.Null(await _store.ReadAsync(Key with { Id = "huge" }, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_erases_the_process_its_history_and_its_wake_and_no_other()
    {
        var other = Key with { Id = "keep" };
        await Save(Key, null, T0, timeline: Entry(T0, "created"));
        await Save(other, null, T0, timeline: Entry(T0, "created"));

        await _store.DeleteAsync(Key, CancellationToken.None);
        await _store.DeleteAsync(Key, CancellationToken.None);

        Assert.Null(await _store.ReadAsync(Key, CancellationToken.None));
        Assert.Empty(await _audit.ReadAsync(Key, CancellationToken.None));
        Assert.Equal([other], (await List(_store.DueWakesAnywhereAsync(T0, CancellationToken.None))).Select(w => w.Process));
        Assert.Single((await _audit.ReadAsync(other, CancellationToken.None)));
    }
}
