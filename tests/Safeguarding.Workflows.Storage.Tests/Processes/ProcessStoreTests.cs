using System.Text;
using Azure.Data.Tables;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Storage.Tests.Processes;

public sealed class ProcessStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly ProcessKey Key = new("solihull", ProcessKinds.RapidReview, "rr/2026#1");

    private readonly StorageClients _clients = Azurite.Clients("store");
    private readonly ProcessStore _store;
    private readonly AuditLog _audit;
    private readonly ProcessIndex _index;

    public ProcessStoreTests() => (_store, _audit, _index) = (new(_clients), new(_clients), new(_clients));

    private static ProcessIndexEntry Entry(ProcessKey key, DateTimeOffset? wakeAt = null, ProcessStatus status = ProcessStatus.Open) =>
        new(key.PartnershipId, key.Kind, key.Id, status, "Rapid review", null, null, null, 0, wakeAt, T0, T0);

    private static AuditRecord Record(long sequence, DateTimeOffset at, string type = "deadline-met") =>
        new(sequence, at, type, Actors.System, $"entry {sequence}");

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes($"{{\"note\":\"{text}\"}}");

    private Task<string> Save(ProcessKey key, string text, string? etag, DateTimeOffset? wakeBefore = null, DateTimeOffset? wakeAfter = null, params AuditRecord[] audit) =>
        _store.SaveAsync(new ProcessChange(Entry(key, wakeAfter), Json(text), audit, wakeBefore, etag), CancellationToken.None);

    private async Task<List<DueWake>> DueAnywhere(DateTimeOffset at)
    {
        var due = new List<DueWake>();
        await foreach (var wake in _store.DueWakesAnywhereAsync(at, CancellationToken.None))
        {
            due.Add(wake);
        }

        return due;
    }

    private async Task<List<DueWake>> Due(string partnershipId, DateTimeOffset at)
    {
        var due = new List<DueWake>();
        await foreach (var wake in _store.DueWakesAsync(partnershipId, at, CancellationToken.None))
        {
            due.Add(wake);
        }

        return due;
    }

    private async Task<int> RowCount()
    {
        var count = 0;
        await foreach (var _ in _clients.Table(ProcessIndex.TableSuffix).QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task A_save_writes_state_audit_and_wake_in_one_go_and_reads_back_with_its_etag()
    {
        var etag = await Save(Key, "opened", null, wakeAfter: T0.AddDays(5), audit: [Record(0, T0, "created"), Record(1, T0, "panel-notified")]);

        var stored = await _store.ReadAsync(Key, CancellationToken.None);
        Assert.Equal(etag, stored!.ETag);
        Assert.Equal("{\"note\":\"opened\"}", Encoding.UTF8.GetString(stored.State));
        Assert.Equal(["created", "panel-notified"], (await _audit.ReadAsync(Key, CancellationToken.None)).Select(r => r.Type));
        Assert.Equal([new DueWake(Key, T0.AddDays(5))], await DueAnywhere(T0.AddDays(5)));
        Assert.Equal(T0.AddDays(5), (await _index.GetAsync(Key, CancellationToken.None))!.NextWakeAt);
        Assert.Null(await _store.ReadAsync(Key with { Id = "other" }, CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_etag_or_a_second_insert_changes_nothing_at_all()
    {
        var first = await Save(Key, "v1", null, wakeAfter: T0.AddDays(1), audit: Record(0, T0, "created"));
        await Save(Key, "v2", first, T0.AddDays(1), T0.AddDays(2), Record(1, T0.AddHours(1), "changed"));

        await Assert.ThrowsAsync<ProcessChangedException>(() => Save(Key, "stale", first, T0.AddDays(1), T0.AddDays(3), Record(1, T0.AddHours(2), "lost")));
        await Assert.ThrowsAsync<ProcessChangedException>(() => Save(Key, "again", null, wakeAfter: T0.AddDays(4), audit: Record(9, T0.AddHours(3), "lost")));

        Assert.Equal("{\"note\":\"v2\"}", Encoding.UTF8.GetString((await _store.ReadAsync(Key, CancellationToken.None))!.State));
        Assert.Equal(["created", "changed"], (await _audit.ReadAsync(Key, CancellationToken.None)).Select(r => r.Type));
        Assert.Equal([new DueWake(Key, T0.AddDays(2))], await DueAnywhere(T0.AddDays(30)));
    }

    [Fact]
    public async Task Moving_or_clearing_the_wake_replaces_its_one_row()
    {
        var etag = await Save(Key, "v1", null, wakeAfter: T0.AddDays(1));
        etag = await Save(Key, "v2", etag, T0.AddDays(1), T0.AddHours(1).AddTicks(7));
        Assert.Equal([new DueWake(Key, T0.AddHours(1).AddTicks(7))], await DueAnywhere(T0.AddDays(30)));
        Assert.Empty(await DueAnywhere(T0.AddHours(1)));

        await Save(Key, "done", etag, T0.AddHours(1).AddTicks(7), null);
        Assert.Empty(await DueAnywhere(DateTimeOffset.MaxValue.AddDays(-1)));
    }

    [Fact]
    public async Task Due_wakes_are_per_partnership_earliest_first_at_or_before_the_instant()
    {
        var other = new ProcessKey("warwickshire", ProcessKinds.Meeting, "m-1");
        await Save(Key with { Id = "later" }, "a", null, wakeAfter: T0.AddMinutes(5));
        await Save(Key with { Id = "exact" }, "b", null, wakeAfter: T0.ToOffset(TimeSpan.FromHours(1)));
        await Save(Key with { Id = "past" }, "c", null, wakeAfter: T0.AddHours(-1));
        await Save(Key with { Id = "never" }, "d", null);
        await Save(other, "e", null, wakeAfter: T0.AddDays(-1));

        Assert.Equal(["past", "exact"], (await Due("solihull", T0)).Select(w => w.Process.Id));
        Assert.Equal([other], (await Due("warwickshire", T0)).Select(w => w.Process));
        Assert.Equal(["past", "exact", "m-1"], (await DueAnywhere(T0)).Select(w => w.Process.Id));
    }

    [Fact]
    public async Task Audit_rows_read_back_in_time_order_and_each_process_has_its_own()
    {
        var other = Key with { Id = "rr/2026#10" };
        await Save(Key, "a", null, audit: [Record(2, T0.AddHours(2)), Record(0, T0), Record(1, T0.AddMinutes(30).ToOffset(TimeSpan.FromHours(1)))]);
        await Save(other, "b", null, audit: Record(0, T0, "theirs"));

        var mine = await _audit.ReadAsync(Key, CancellationToken.None);
        Assert.Equal([0L, 1, 2], mine.Select(r => r.Sequence));
        Assert.Equal(T0.AddMinutes(30), mine[1].At);
        Assert.All(mine, r => Assert.Equal(TimeSpan.Zero, r.At.Offset));
        Assert.Equal("theirs", (await _audit.ReadAsync(other, CancellationToken.None)).Single().Type);
    }

    [Fact]
    public async Task More_audit_rows_than_one_transaction_holds_are_all_kept()
    {
        var records = Enumerable.Range(0, 250).Select(i => Record(i, T0.AddSeconds(i))).ToArray();

        await Save(Key, "busy", null, wakeAfter: T0, audit: records);

        Assert.Equal(records, await _audit.ReadAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task Listings_see_process_rows_only()
    {
        await Save(Key, "a", null, wakeAfter: T0, audit: [Record(0, T0), Record(1, T0)]);

        var page = await _index.QueryAsync("solihull", new ProcessQuery(), CancellationToken.None);

        Assert.Equal([Key], page.Items.Select(e => e.Key));
        Assert.Equal(4, await RowCount());
    }

    [Fact]
    public async Task A_medium_state_is_split_over_binary_properties_and_a_huge_one_is_refused()
    {
        var medium = new string('x', 200_000);
        await Save(Key, medium, null);
        Assert.Contains(medium, Encoding.UTF8.GetString((await _store.ReadAsync(Key, CancellationToken.None))!.State));

        var huge = new string('x', StatePayload.MaxBytes);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Save(Key with { Id = "huge" }, huge, null));
        Assert.Contains("bytes", error.Message);
        Assert.Null(await _store.ReadAsync(Key with { Id = "huge" }, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_erases_every_row_of_the_process_and_no_other()
    {
        var other = Key with { Id = "keep" };
        await Save(Key, "a", null, wakeAfter: T0, audit: [Record(0, T0), Record(1, T0)]);
        await Save(other, "b", null, wakeAfter: T0, audit: Record(0, T0));

        await _store.DeleteAsync(Key, CancellationToken.None);
        await _store.DeleteAsync(Key, CancellationToken.None);

        Assert.Null(await _store.ReadAsync(Key, CancellationToken.None));
        Assert.Empty(await _audit.ReadAsync(Key, CancellationToken.None));
        Assert.Equal([other], (await DueAnywhere(T0)).Select(w => w.Process));
        Assert.Equal(3, await RowCount());
    }
}
