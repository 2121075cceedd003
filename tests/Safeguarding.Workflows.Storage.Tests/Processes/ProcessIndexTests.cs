using System.Buffers.Text;
using System.Text;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Storage.Tests.Processes;

public sealed class ProcessIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly ProcessIndex _index;
    private readonly ProcessStore _store;

    public ProcessIndexTests()
    {
        var clients = Azurite.Clients("processes");
        (_index, _store) = (new ProcessIndex(clients), new ProcessStore(clients));
    }

    /// <summary>Saves a process with this index entry (and a token state), as a grain does.</summary>
    private async Task Save(ProcessIndexEntry entry)
    {
        var stored = await _store.ReadAsync(entry.Key, CancellationToken.None);
        await _store.SaveAsync(new ProcessChange(entry, "{}"u8.ToArray(), stored?.ETag), CancellationToken.None);
    }

    private static ProcessIndexEntry Entry(
        string partnership,
        string kind,
        string id,
        ProcessStatus status = ProcessStatus.Open,
        int overdue = 0,
        DateOnly? dueOn = null,
        DateTimeOffset? wakeAt = null) => new(
        partnership,
        kind,
        id,
        status,
        Title: $"{kind} {id}",
        NextDeadlineName: dueOn is null ? null : "circulation",
        NextDeadlineDueOn: dueOn,
        NextDeadlineDueAt: dueOn is { } d ? new DateTimeOffset(d.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero) : null,
        OverdueCount: overdue,
        NextWakeAt: wakeAt,
        CreatedAt: Now.AddDays(-7),
        UpdatedAt: Now);

    private async Task<string[]> Ids(string partnership, ProcessQuery query)
    {
        var page = await _index.QueryAsync(partnership, query, CancellationToken.None);
        Assert.Null(page.ContinuationToken);
        return page.Items.Select(e => $"{e.Kind}/{e.Id}").ToArray();
    }

    [Fact]
    public async Task Save_then_get_round_trips_every_index_column()
    {
        var entry = Entry("solihull", ProcessKinds.RapidReview, "rr/2026#1", overdue: 2, dueOn: new DateOnly(2026, 3, 12), wakeAt: Now.AddHours(3))
            with { Title = "Rapid review RR-2026-001" };

        await Save(entry);
        var read = await _index.GetAsync(entry.Key, CancellationToken.None);

        Assert.Equal(entry, read! with { Version = null });
        Assert.False(string.IsNullOrEmpty(read.Version)); // the row's ETag: it changes with every save
        Assert.Null(await _index.GetAsync(new ProcessKey("solihull", ProcessKinds.RapidReview, "other"), CancellationToken.None));
    }

    [Fact]
    public async Task A_later_save_replaces_and_absent_optional_fields_read_back_as_null()
    {
        var first = Entry("solihull", ProcessKinds.Meeting, "m-1", dueOn: new DateOnly(2026, 4, 1), wakeAt: Now);
        await Save(first);
        var second = Entry("solihull", ProcessKinds.Meeting, "m-1", ProcessStatus.Completed) with { Title = null };
        await Save(second);

        var read = await _index.GetAsync(first.Key, CancellationToken.None);

        Assert.Equal(second, read! with { Version = null });
        Assert.Null(read.NextDeadlineDueOn);
        Assert.Null(read.NextWakeAt);
        Assert.Null(read.Title);
    }

    [Fact]
    public async Task Every_filter_runs_and_only_matching_rows_come_back()
    {
        ProcessIndexEntry[] entries =
        [
            Entry("solihull", ProcessKinds.Meeting, "m-1", dueOn: new DateOnly(2026, 3, 11)),
            Entry("solihull", ProcessKinds.Meeting, "m-2", ProcessStatus.Completed),
            Entry("solihull", ProcessKinds.Meeting, "m-3", overdue: 1, dueOn: new DateOnly(2026, 3, 1)),
            Entry("solihull", "meeting-series", "s-1", dueOn: new DateOnly(2026, 3, 2)),
            Entry("solihull", ProcessKinds.RapidReview, "rr-1", overdue: 3, dueOn: new DateOnly(2026, 3, 20)),
            Entry("solihull", ProcessKinds.RapidReview, "rr-2", ProcessStatus.Cancelled),
            Entry("solihull", ProcessKinds.Escalation, "e-1", dueOn: new DateOnly(2026, 3, 15)),
            Entry("east-sussex", ProcessKinds.Meeting, "m-1", overdue: 1, dueOn: new DateOnly(2026, 1, 1)),
        ];
        foreach (var entry in entries)
        {
            await Save(entry);
        }

        Assert.Equal(
            ["escalation/e-1", "meeting-series/s-1", "meeting/m-1", "meeting/m-2", "meeting/m-3", "rapid-review/rr-1", "rapid-review/rr-2"],
            await Ids("solihull", new ProcessQuery()));
        Assert.Equal(["meeting/m-1", "meeting/m-2", "meeting/m-3"], await Ids("solihull", new ProcessQuery(Kind: ProcessKinds.Meeting)));
        Assert.Equal(["rapid-review/rr-1", "rapid-review/rr-2"], await Ids("solihull", new ProcessQuery(Kind: ProcessKinds.RapidReview)));
        Assert.Empty(await Ids("solihull", new ProcessQuery(Kind: ProcessKinds.AnnualReport)));
        Assert.Equal(["meeting/m-2"], await Ids("solihull", new ProcessQuery(Status: ProcessStatus.Completed)));
        Assert.Equal(["rapid-review/rr-2"], await Ids("solihull", new ProcessQuery(Status: ProcessStatus.Cancelled)));
        Assert.Equal(5, (await Ids("solihull", new ProcessQuery(Status: ProcessStatus.Open))).Length);
        Assert.Equal(["meeting/m-3", "rapid-review/rr-1"], await Ids("solihull", new ProcessQuery(Overdue: true)));
        Assert.Equal(5, (await Ids("solihull", new ProcessQuery(Overdue: false))).Length);
        Assert.Equal(["meeting-series/s-1", "meeting/m-1", "meeting/m-3"], await Ids("solihull", new ProcessQuery(DueBefore: new DateOnly(2026, 3, 15))));
        Assert.Equal(["meeting/m-3"], await Ids("solihull", new ProcessQuery(DueBefore: new DateOnly(2026, 3, 2))));
        Assert.Equal(["meeting/m-1"], await Ids("solihull", new ProcessQuery(Kind: ProcessKinds.Meeting, Status: ProcessStatus.Open, Overdue: false, DueBefore: new DateOnly(2026, 4, 1))));
        Assert.Equal(["meeting/m-1"], await Ids("east-sussex", new ProcessQuery()));
        Assert.Empty(await Ids("staffordshire", new ProcessQuery()));
    }

    [Fact]
    public async Task Pages_through_results_with_continuation_tokens()
    {
        for (var i = 1; i <= 7; i++)
        {
            await Save(Entry("brighton-and-hove", ProcessKinds.Escalation, $"e-{i}"));
            await Save(Entry("brighton-and-hove", ProcessKinds.Meeting, $"m-{i}", ProcessStatus.Completed));
        }

        var query = new ProcessQuery(Status: ProcessStatus.Open, Top: 3);
        var first = await _index.QueryAsync("brighton-and-hove", query, CancellationToken.None);
        var second = await _index.QueryAsync("brighton-and-hove", query with { ContinuationToken = first.ContinuationToken }, CancellationToken.None);
        var third = await _index.QueryAsync("brighton-and-hove", query with { ContinuationToken = second.ContinuationToken }, CancellationToken.None);

        Assert.Equal(3, first.Items.Count);
        Assert.Equal(3, second.Items.Count);
        Assert.Single(third.Items);
        Assert.NotNull(first.ContinuationToken);
        Assert.NotNull(second.ContinuationToken);
        Assert.Null(third.ContinuationToken);
        Assert.Equal(
            Enumerable.Range(1, 7).Select(i => $"e-{i}"),
            first.Items.Concat(second.Items).Concat(third.Items).Select(e => e.Id));
        // Tokens travel in query strings.
        Assert.DoesNotContain(first.ContinuationToken!, c => c is '+' or '/' or '=' or ' ' or '&');
    }

    [Theory]
    [InlineData("not a token!")]
    [InlineData("")]
    [InlineData("Z2FyYmFnZQ")] // base64url of "garbage": no version, no shape
    [InlineData("MTpvbmx5b25lcGFydA")] // "1:onlyonepart"
    public async Task A_malformed_continuation_token_is_rejected_naming_the_parameter(string token)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            _index.QueryAsync("solihull", new ProcessQuery(ContinuationToken: token), CancellationToken.None));
        Assert.Equal("continuationToken", error.ParamName);
    }

    [Fact]
    public async Task A_well_formed_token_the_service_does_not_recognise_is_rejected_or_ends_the_listing()
    {
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("1:bm9uZXhpc3Q= bm9uZXhpc3Q="));
        try
        {
            var page = await _index.QueryAsync("solihull", new ProcessQuery(ContinuationToken: forged), CancellationToken.None);
            Assert.Empty(page.Items);
        }
        catch (ArgumentException e)
        {
            Assert.Equal("continuationToken", e.ParamName);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Top_outside_1_to_1000_is_rejected(int top)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _index.QueryAsync("solihull", new ProcessQuery(Top: top), CancellationToken.None));
        Assert.Equal("top", error.ParamName);
    }
}
