using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Safeguarding.Workflows.Storage.Reminders;

namespace Safeguarding.Workflows.Storage.Tests.Reminders;

public sealed class AzureTableReminderTableTests
{
    private static readonly DateTime StartAt = new(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly AzureTableReminderTable _table = new(Azurite.Clients("reminders"), NullLogger<AzureTableReminderTable>.Instance);

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = StartAt,
        Period = period ?? TimeSpan.FromMinutes(5),
    };

    [Fact]
    public async Task Upsert_read_and_remove_with_etags()
    {
        await _table.Init();
        var grain = GrainId.Create("process", "solihull/meeting/m-1");

        var etag = await _table.UpsertRow(Entry(grain, "wake", TimeSpan.FromHours(1)));
        Assert.False(string.IsNullOrEmpty(etag));

        var row = await _table.ReadRow(grain, "wake");
        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal("wake", row.ReminderName);
        Assert.Equal(StartAt, row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(TimeSpan.FromHours(1), row.Period);
        Assert.Equal(etag, row.ETag);

        var newEtag = await _table.UpsertRow(Entry(grain, "wake", TimeSpan.FromHours(2)));
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(TimeSpan.FromHours(2), (await _table.ReadRow(grain, "wake"))!.Period);

        Assert.False(await _table.RemoveRow(grain, "wake", etag!));
        Assert.NotNull(await _table.ReadRow(grain, "wake"));

        Assert.True(await _table.RemoveRow(grain, "wake", newEtag!));
        Assert.Null(await _table.ReadRow(grain, "wake"));
        Assert.False(await _table.RemoveRow(grain, "wake", newEtag!));
    }

    [Fact]
    public async Task Read_row_of_a_missing_reminder_is_null()
    {
        Assert.Null(await _table.ReadRow(GrainId.Create("process", "nobody"), "wake"));
    }

    [Fact]
    public async Task Read_rows_by_grain_returns_only_that_grains_reminders()
    {
        var grain = GrainId.Create("process", "solihull/rapid-review/rr/1#a");
        var other = GrainId.Create("process", "solihull/rapid-review/rr/1#ab");
        await _table.UpsertRow(Entry(grain, "wake"));
        await _table.UpsertRow(Entry(grain, "retry|1"));
        await _table.UpsertRow(Entry(other, "wake"));

        var rows = await _table.ReadRows(grain);

        Assert.Equal(["retry|1", "wake"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
        Assert.Single((await _table.ReadRows(other)).Reminders);
        Assert.Empty((await _table.ReadRows(GrainId.Create("process", "none"))).Reminders);
    }

    [Fact]
    public async Task Read_rows_by_hash_range_follows_orleans_ring_semantics()
    {
        // Eight grains sorted by hash: h[0] < h[1] < ... < h[7].
        var grains = Enumerable.Range(0, 8)
            .Select(i => GrainId.Create("ring", $"grain-{i}"))
            .OrderBy(g => g.GetUniformHashCode())
            .ToArray();
        var h = grains.Select(g => g.GetUniformHashCode()).ToArray();
        Assert.Equal(8, h.Distinct().Count());
        foreach (var grain in grains)
        {
            await _table.UpsertRow(Entry(grain, "wake"));
        }

        async Task<int[]> Range(uint begin, uint end) =>
            (await _table.ReadRows(begin, end)).Reminders.Select(r => Array.IndexOf(grains, r.GrainId)).Order().ToArray();

        async Task Expect(int[] expected, uint begin, uint end) => Assert.Equal(expected, await Range(begin, end));

        // begin < end: (begin, end], begin excluded and end included.
        await Expect([2, 3, 4], h[1], h[4]);
        await Expect([2, 3], h[1], h[4] - 1);
        await Expect([0, 1, 2], 0, h[2]);
        await Expect([5, 6, 7], h[4], uint.MaxValue);
        await Expect([5], h[5] - 1, h[5]);
        await Expect([], h[5], h[6] - 1);

        // begin > end: the range wraps around zero.
        await Expect([0, 1, 6, 7], h[5], h[1]);
        await Expect([0], h[7], h[0]);
        await Expect([0, 1], uint.MaxValue, h[1]);
        await Expect([0, 1, 2, 3, 4, 5, 6], h[7], h[6]);

        // begin == end: the whole ring.
        await Expect([0, 1, 2, 3, 4, 5, 6, 7], h[3], h[3]);
        await Expect([0, 1, 2, 3, 4, 5, 6, 7], 0, 0);
    }

    [Fact]
    public async Task Test_only_clear_table_removes_every_reminder()
    {
        for (var i = 0; i < 5; i++)
        {
            await _table.UpsertRow(Entry(GrainId.Create("process", $"clear-{i}"), "wake"));
            await _table.UpsertRow(Entry(GrainId.Create("process", $"clear-{i}"), "retry"));
        }

        Assert.Equal(10, (await _table.ReadRows(0, 0)).Reminders.Count);

        await _table.TestOnlyClearTable();

        Assert.Empty((await _table.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public void Partition_keys_sort_as_the_hashes_do()
    {
        Assert.Equal("00000000", AzureTableReminderTable.PartitionKey(0));
        Assert.Equal("0000000A", AzureTableReminderTable.PartitionKey(10));
        Assert.Equal("FFFFFFFF", AzureTableReminderTable.PartitionKey(uint.MaxValue));
        Assert.True(string.CompareOrdinal(AzureTableReminderTable.PartitionKey(0x0FFFFFFF), AzureTableReminderTable.PartitionKey(0xA0000000)) < 0);
    }
}
