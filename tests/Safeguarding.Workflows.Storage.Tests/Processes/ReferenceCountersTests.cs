using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Storage.Tests.Processes;

public sealed class ReferenceCountersTests
{
    [Fact]
    public async Task Numbers_count_from_one_per_partnership_and_series()
    {
        var counters = new ReferenceCounters(Azurite.Clients("refs"));

        Assert.Equal(1, await counters.NextAsync("staffordshire", "escalation|2027", CancellationToken.None));
        Assert.Equal(2, await counters.NextAsync("staffordshire", "escalation|2027", CancellationToken.None));
        Assert.Equal(1, await counters.NextAsync("staffordshire", "escalation|2028", CancellationToken.None));
        Assert.Equal(1, await counters.NextAsync("walsall", "escalation|2027", CancellationToken.None));
    }

    [Fact]
    public async Task Callers_at_the_same_instant_on_separate_hosts_never_share_a_number()
    {
        // Each "host" has its own clients over the same tables, as two silos of the cluster do.
        var prefix = Azurite.UniquePrefix("refs");
        var hosts = Enumerable.Range(0, 4)
            .Select(_ => new ReferenceCounters(new StorageClients(new StorageOptions { ConnectionString = Azurite.ConnectionString, Prefix = prefix })))
            .ToList();

        var numbers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => hosts[i % hosts.Count].NextAsync("staffordshire", "escalation|2027", CancellationToken.None)));

        Assert.Equal(Enumerable.Range(1, 24), numbers.Order());
    }
}
