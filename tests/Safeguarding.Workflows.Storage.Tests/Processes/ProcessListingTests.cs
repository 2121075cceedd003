using Microsoft.Extensions.Time.Testing;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Storage.Tests.Processes;

/// <summary>The staff pages' in-memory copy of a partnership's process rows: this host's saves at once, other hosts' on the next re-read.</summary>
public sealed class ProcessListingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(Now);
    private readonly ProcessListing listing;
    private readonly ProcessStore here;
    private readonly ProcessStore elsewhere;

    public ProcessListingTests()
    {
        var clients = Azurite.Clients("listing");
        listing = new ProcessListing(new ProcessIndex(clients), time);
        here = new ProcessStore(clients, listing);
        elsewhere = new ProcessStore(clients); // another host of the cluster: this host's copy does not hear of its saves
    }

    private static ProcessIndexEntry Entry(string id, ProcessStatus status = ProcessStatus.Open, string partnership = "solihull") =>
        new(partnership, ProcessKinds.Meeting, id, status, $"Meeting {id}", null, null, null, 0, null, Now.AddDays(-1), Now);

    private static async Task SaveAsync(ProcessStore store, ProcessIndexEntry entry)
    {
        var stored = await store.ReadAsync(entry.Key, CancellationToken.None);
        await store.SaveAsync(new ProcessChange(entry, "{}"u8.ToArray(), stored?.ETag), CancellationToken.None);
    }

    private async Task<string[]> RowsAsync(string partnership = "solihull") =>
        [.. (await listing.AllAsync(partnership, CancellationToken.None)).Select(e => $"{e.Id}:{e.Status}").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task The_first_view_reads_storage_and_saves_on_this_host_show_at_once()
    {
        await SaveAsync(elsewhere, Entry("m-1"));
        await SaveAsync(elsewhere, Entry("m-2"));
        await SaveAsync(elsewhere, Entry("m-3", partnership: "dudley"));
        Assert.Equal(["m-1:Open", "m-2:Open"], await RowsAsync());

        await SaveAsync(here, Entry("m-2", ProcessStatus.Completed) with { UpdatedAt = Now.AddMinutes(1) });
        await SaveAsync(here, Entry("m-4"));
        Assert.Equal(["m-1:Open", "m-2:Completed", "m-4:Open"], await RowsAsync());

        await here.DeleteAsync(Entry("m-1").Key, CancellationToken.None);
        Assert.Equal(["m-2:Completed", "m-4:Open"], await RowsAsync());
        Assert.Equal(["m-3:Open"], await RowsAsync("dudley"));
    }

    [Fact]
    public async Task Another_hosts_saves_arrive_with_the_re_read_once_the_copy_is_older_than_its_freshness()
    {
        await SaveAsync(elsewhere, Entry("m-1"));
        Assert.Equal(["m-1:Open"], await RowsAsync());

        await SaveAsync(elsewhere, Entry("m-1", ProcessStatus.Cancelled) with { UpdatedAt = Now.AddMinutes(1) });
        await SaveAsync(elsewhere, Entry("m-2"));
        await elsewhere.DeleteAsync(Entry("m-1").Key, CancellationToken.None);
        Assert.Equal(["m-1:Open"], await RowsAsync()); // still fresh: answered from the copy

        time.Advance(ProcessListing.FreshFor + TimeSpan.FromSeconds(1));
        // Starts the re-read and answers from the copy meanwhile. The re-read waits on the shared Azurite, which the
        // other suites keep busy while this one runs: allow it half a minute.
        var rows = await RowsAsync();
        for (var attempt = 0; attempt < 600 && !rows.SequenceEqual(["m-2:Open"]); attempt++)
        {
            await Task.Delay(50);
            time.Advance(TimeSpan.FromSeconds(1)); // a read that failed on a busy Azurite is started again
            rows = await RowsAsync();
        }

        Assert.Equal(["m-2:Open"], rows);
    }
}
