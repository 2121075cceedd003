using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Storage.Tests.Processes;

public sealed class AuditLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly ProcessKey Key = new("solihull", ProcessKinds.RapidReview, "rr/2026#1");

    private readonly AuditLog _log = new(Azurite.Clients("audit"));

    private static AuditRecord Record(long sequence, DateTimeOffset at, string type = "deadline-met", string detail = "") =>
        new(sequence, at, type, Actors.System, detail == "" ? $"entry {sequence}" : detail);

    [Fact]
    public async Task Reads_back_in_time_order_then_sequence_order()
    {
        AuditRecord[] records =
        [
            Record(2, T0.AddHours(2)),
            Record(0, T0),
            Record(1, T0.AddMinutes(30).ToOffset(TimeSpan.FromHours(1))),
            Record(4, T0.AddHours(3)),
            Record(3, T0.AddHours(3)),
        ];

        await _log.AppendAsync(Key, records, CancellationToken.None);
        var read = await _log.ReadAsync(Key, CancellationToken.None);

        Assert.Equal([0L, 1, 2, 3, 4], read.Select(r => r.Sequence));
        Assert.Equal(records.OrderBy(r => r.Sequence), read);
        Assert.All(read, r => Assert.Equal(TimeSpan.Zero, r.At.Offset));
    }

    [Fact]
    public async Task Appending_the_same_entries_again_is_a_no_op()
    {
        var first = new[] { Record(0, T0, "created"), Record(1, T0.AddMinutes(1), "panel-notified") };
        await _log.AppendAsync(Key, first, CancellationToken.None);

        // After a crash the grain re-appends everything it had plus what is new.
        await _log.AppendAsync(Key, [.. first, Record(2, T0.AddMinutes(2), "partners-informed")], CancellationToken.None);
        await _log.AppendAsync(Key, first, CancellationToken.None);

        var read = await _log.ReadAsync(Key, CancellationToken.None);
        Assert.Equal(["created", "panel-notified", "partners-informed"], read.Select(r => r.Type));
    }

    [Fact]
    public async Task Duplicates_inside_one_append_are_stored_once()
    {
        await _log.AppendAsync(Key, [Record(0, T0), Record(0, T0)], CancellationToken.None);

        Assert.Single(await _log.ReadAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task A_different_entry_under_the_same_time_and_sequence_is_refused()
    {
        await _log.AppendAsync(Key, [Record(0, T0, detail: "original")], CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _log.AppendAsync(Key, [Record(0, T0, detail: "rewritten")], CancellationToken.None));

        Assert.Equal("original", (await _log.ReadAsync(Key, CancellationToken.None)).Single().Detail);
    }

    [Fact]
    public async Task Appends_more_than_one_transaction_worth()
    {
        var records = Enumerable.Range(0, 250).Select(i => Record(i, T0.AddSeconds(i))).ToArray();

        await _log.AppendAsync(Key, records, CancellationToken.None);
        await _log.AppendAsync(Key, records[90..160], CancellationToken.None);

        Assert.Equal(records, await _log.ReadAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task Each_process_has_its_own_history()
    {
        var other = Key with { Id = "rr/2026#10" };
        await _log.AppendAsync(Key, [Record(0, T0, "mine")], CancellationToken.None);
        await _log.AppendAsync(other, [Record(0, T0, "theirs")], CancellationToken.None);

        Assert.Equal("mine", (await _log.ReadAsync(Key, CancellationToken.None)).Single().Type);
        Assert.Equal("theirs", (await _log.ReadAsync(other, CancellationToken.None)).Single().Type);
        Assert.Empty(await _log.ReadAsync(Key with { Id = "none" }, CancellationToken.None));
    }
}
