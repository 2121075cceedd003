using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>A process's saved state and the ETag a later save must match.</summary>
public sealed record StoredProcess(byte[] State, string ETag);

/// <summary>One change of a process: its index columns (with the next wake) and its whole state, saved together.</summary>
/// <param name="ETag">From the last read or save; null for a process not yet saved (the save then only inserts).</param>
public sealed record ProcessChange(ProcessIndexEntry Entry, byte[] State, string? ETag);

/// <summary>A process that asked to be woken, and when.</summary>
public sealed record DueWake(ProcessKey Process, DateTimeOffset At);

/// <summary>Someone else saved the process since it was read (or created it first); read it again before changing it.</summary>
public sealed class ProcessChangedException(ProcessKey key, Exception inner)
    : Exception($"Process {key} changed since it was read.", inner);

/// <summary>
/// Reads and saves process rows (<see cref="ProcessRows"/>): one single-entity write per change, guarded by the row's
/// ETag. Single-entity writes on purpose: they cost the same however large the table grows, where an entity-group
/// transaction against Azurite slows down with every row in the table.
/// </summary>
public sealed class ProcessStore(StorageClients clients, ProcessListing? listing = null)
{
    // The wake instant to the tick, as a number the table can compare (a stored date may lose precision).
    private const string WakeTicks = "NextWakeTicks";

    public async Task<StoredProcess?> ReadAsync(ProcessKey key, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(ProcessRows.Partition(key.PartnershipId), ProcessRows.Process(key), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity && StatePayload.Read(entity) is { } state
            ? new StoredProcess(state, entity.ETag.ToString())
            : null;
    }

    /// <summary>Saves the change; returns the new ETag.</summary>
    /// <exception cref="ProcessChangedException">The ETag no longer matches, or a new process already exists.</exception>
    public async Task<string> SaveAsync(ProcessChange change, CancellationToken cancellationToken)
    {
        var key = change.Entry.Key;
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var row = ProcessIndex.ToEntity(change.Entry);
        StatePayload.Write(row, change.State, key.ToString());
        if (change.Entry.NextWakeAt is { } wakeAt)
        {
            row[WakeTicks] = wakeAt.UtcTicks;
        }

        try
        {
            var response = change.ETag is null
                ? await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false)
                : await table.UpdateEntityAsync(row, new ETag(change.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            var etag = response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag for the process row.");
            listing?.Saved(change.Entry with { Version = etag });
            return etag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            throw new ProcessChangedException(key, e);
        }
    }

    /// <summary>Erases the process: state, timeline (its audit log), index columns and wake.</summary>
    public async Task DeleteAsync(ProcessKey key, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(ProcessRows.Partition(key.PartnershipId), ProcessRows.Process(key), cancellationToken: cancellationToken).ConfigureAwait(false);
        listing?.Deleted(key);
    }

    /// <summary>The partnership's processes with a wake at or before <paramref name="atOrBefore"/>.</summary>
    public IAsyncEnumerable<DueWake> DueWakesAsync(string partnershipId, DateTimeOffset atOrBefore, CancellationToken cancellationToken) =>
        WakesAsync(TableClient.CreateQueryFilter($"PartitionKey eq {ProcessRows.Partition(partnershipId)}") + " and ", atOrBefore, cancellationToken);

    /// <summary>Processes in any partnership with a wake at or before <paramref name="atOrBefore"/> (a whole-table scan: for the simulated clock).</summary>
    public IAsyncEnumerable<DueWake> DueWakesAnywhereAsync(DateTimeOffset atOrBefore, CancellationToken cancellationToken) =>
        WakesAsync("", atOrBefore, cancellationToken);

    private async IAsyncEnumerable<DueWake> WakesAsync(string partitionClause, DateTimeOffset atOrBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var filter = partitionClause + ProcessRows.ProcessRange() + " and " + TableClient.CreateQueryFilter($"NextWakeTicks le {atOrBefore.UtcTicks}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartnershipId", "Kind", "Id", WakeTicks], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new DueWake(
                new ProcessKey(entity.GetString("PartnershipId"), entity.GetString("Kind"), entity.GetString("Id")),
                new DateTimeOffset(entity.GetInt64(WakeTicks)!.Value, TimeSpan.Zero));
        }
    }

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => clients.CreatedTableAsync(ProcessIndex.TableSuffix, cancellationToken);
}
