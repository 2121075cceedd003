using Azure;
using Azure.Data.Tables;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>
/// Sequence numbers for human references (<c>ESC-2027-014</c>), in table <c>{prefix}referencecounters</c>: one row per
/// partnership and series (<c>escalation|2027</c>) holding the last number given. Every host of the cluster may ask
/// at once, so a number is taken by replacing the row only if its ETag is unchanged since it was read (or by inserting
/// the first row), and reading again when someone else got there first: two callers never get the same number.
/// </summary>
public sealed class ReferenceCounters(StorageClients clients)
{
    public const string TableSuffix = "referencecounters";

    private const string LastProperty = "Last";

    // Contention is a few raises at the same instant; this many tries is far beyond it, and a failure then is loud.
    private const int MaxAttempts = 50;

    /// <summary>The next number (1, 2, ...) of <paramref name="series"/> in the partnership.</summary>
    public async Task<int> NextAsync(string partnershipId, string series, CancellationToken cancellationToken)
    {
        var table = await clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        var partition = TableKeys.Key(partnershipId, "partnership id");
        var row = TableKeys.Key(series, "reference series");
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (found.HasValue && found.Value is { } current)
                {
                    var next = (current.GetInt32(LastProperty) ?? 0) + 1;
                    current[LastProperty] = next;
                    await table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    return next;
                }

                await table.AddEntityAsync(new TableEntity(partition, row) { [LastProperty] = 1 }, cancellationToken).ConfigureAwait(false);
                return 1;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone took a number between our read and our write: read again.
                await Task.Delay(Random.Shared.Next(5, 20 + (attempt * 10)), cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"Could not take a number in series '{series}' of partnership '{partnershipId}' after {MaxAttempts} attempts.");
    }
}
