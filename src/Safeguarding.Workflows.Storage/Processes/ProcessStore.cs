using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>A process's saved state and the ETag a later save must match.</summary>
public sealed record StoredProcess(byte[] State, string ETag);

/// <summary>
/// Everything one change of a process writes, saved together or not at all.
/// </summary>
/// <param name="Entry">The index columns; its <see cref="ProcessIndexEntry.NextWakeAt"/> is the wake to keep.</param>
/// <param name="State">The process's state, UTF-8 JSON.</param>
/// <param name="NewAuditRecords">Timeline entries not yet in the audit log.</param>
/// <param name="WakeBefore">The wake row saved by the previous change (null: none), replaced when the wake moves.</param>
/// <param name="ETag">From the last read or save; null for a process not yet saved (the save then only inserts).</param>
public sealed record ProcessChange(
    ProcessIndexEntry Entry,
    byte[] State,
    IReadOnlyList<AuditRecord> NewAuditRecords,
    DateTimeOffset? WakeBefore,
    string? ETag);

/// <summary>A wake row that is due: the process to wake and the instant it asked for.</summary>
public sealed record DueWake(ProcessKey Process, DateTimeOffset At);

/// <summary>Someone else saved the process since it was read (or created it first); read it again before changing it.</summary>
public sealed class ProcessChangedException(ProcessKey key, Exception inner)
    : Exception($"Process {key} changed since it was read.", inner);

/// <summary>
/// Saves a process's state, its new audit rows, its index columns and its next wake in one entity-group transaction
/// (the layout is in <see cref="ProcessRows"/>): one storage call per change, and never a state without its audit
/// rows or a wake that disagrees with the state.
/// </summary>
public sealed class ProcessStore(StorageClients clients)
{
    // An entity-group transaction holds at most 100 operations: the process row and up to two wake operations leave 97.
    private const int MaxAuditRowsInTransaction = 97;
    private const string WakeRowProperty = "WakeRow";

    public async Task<StoredProcess?> ReadAsync(ProcessKey key, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(ProcessRows.Partition(key.PartnershipId), ProcessRows.Process(key), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } entity || StatePayload.Read(entity) is not { } state)
        {
            return null;
        }

        return new StoredProcess(state, entity.ETag.ToString());
    }

    /// <summary>Saves the change; returns the new ETag.</summary>
    /// <exception cref="ProcessChangedException">The ETag no longer matches, or a new process already exists.</exception>
    public async Task<string> SaveAsync(ProcessChange change, CancellationToken cancellationToken)
    {
        var key = change.Entry.Key;
        var partition = ProcessRows.Partition(key.PartnershipId);
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);

        var row = ProcessIndex.ToEntity(change.Entry);
        StatePayload.Write(row, change.State, key.ToString());
        if (change.Entry.NextWakeAt is { } wakeAt)
        {
            // The exact row key, since a stored date may come back with less precision than the key was made with.
            row[WakeRowProperty] = ProcessRows.Wake(wakeAt, key);
        }

        var actions = new List<TableTransactionAction>
        {
            change.ETag is null
                ? new(TableTransactionActionType.Add, row)
                : new(TableTransactionActionType.UpdateReplace, row, new ETag(change.ETag)),
        };

        var audit = change.NewAuditRecords.Select(r => AuditLog.ToEntity(partition, key, r)).ToList();
        if (audit.Count > MaxAuditRowsInTransaction)
        {
            // Rare (a burst of timeline entries in one change): the oldest go first, as upserts, so a retry after a
            // failed save rewrites them rather than failing on them.
            foreach (var batch in audit.Take(audit.Count - MaxAuditRowsInTransaction).Chunk(100))
            {
                await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken).ConfigureAwait(false);
            }

            audit = audit.Skip(audit.Count - MaxAuditRowsInTransaction).ToList();
        }

        actions.AddRange(audit.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));

        var wakeAfter = change.Entry.NextWakeAt;
        int? wakeDeleteIndex = null;
        if (change.WakeBefore != wakeAfter)
        {
            if (change.WakeBefore is { } before)
            {
                wakeDeleteIndex = actions.Count;
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, ProcessRows.Wake(before, key)), ETag.All));
            }

            if (wakeAfter is { } after)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, WakeEntity(partition, key, after)));
            }
        }

        try
        {
            return await SubmitAsync(table, actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex == wakeDeleteIndex)
        {
            // The old wake row is already gone (removed by hand, say): nothing to replace, so save without removing it.
            actions.RemoveAt(wakeDeleteIndex!.Value);
            return await SubmitAsync(table, actions, cancellationToken).ConfigureAwait(false);
        }

        async Task<string> SubmitAsync(TableClient client, List<TableTransactionAction> batch, CancellationToken ct)
        {
            try
            {
                var response = await client.SubmitTransactionAsync(batch, ct).ConfigureAwait(false);
                return response.Value[0].Headers.ETag?.ToString()
                    ?? throw new InvalidOperationException("The table service returned no ETag for the process row.");
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 || (e.Status == 404 && e.FailedTransactionActionIndex == 0))
            {
                throw new ProcessChangedException(key, e);
            }
        }
    }

    /// <summary>Erases every row of the process: state, index columns, audit log and wake.</summary>
    public async Task DeleteAsync(ProcessKey key, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var partition = ProcessRows.Partition(key.PartnershipId);
        var rows = new List<TableTransactionAction>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and " + ProcessRows.AuditRange(key);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new(TableTransactionActionType.Delete, entity, ETag.All));
        }

        foreach (var batch in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        var process = await table.GetEntityIfExistsAsync<TableEntity>(partition, ProcessRows.Process(key), select: [WakeRowProperty], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (process.HasValue && process.Value is { } row)
        {
            if (row.GetString(WakeRowProperty) is { } wakeRow)
            {
                await table.DeleteEntityAsync(partition, wakeRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await table.DeleteEntityAsync(partition, ProcessRows.Process(key), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The partnership's wakes due at or before <paramref name="atOrBefore"/>, earliest first.</summary>
    public async IAsyncEnumerable<DueWake> DueWakesAsync(string partnershipId, DateTimeOffset atOrBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ProcessRows.Partition(partnershipId)}") + " and " + ProcessRows.WakesDueRange(atOrBefore);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToDueWake(entity);
        }
    }

    /// <summary>Wakes due in any partnership (a scan of the whole table: for the simulated clock, not for production).</summary>
    public async IAsyncEnumerable<DueWake> DueWakesAnywhereAsync(DateTimeOffset atOrBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync<TableEntity>(ProcessRows.WakesDueRange(atOrBefore), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToDueWake(entity);
        }
    }

    private static TableEntity WakeEntity(string partition, ProcessKey key, DateTimeOffset at) => new(partition, ProcessRows.Wake(at, key))
    {
        ["PartnershipId"] = key.PartnershipId,
        ["Kind"] = key.Kind,
        ["Id"] = key.Id,
        ["WakeAt"] = at,
    };

    private static DueWake ToDueWake(TableEntity entity) => new(
        new ProcessKey(entity.GetString("PartnershipId"), entity.GetString("Kind"), entity.GetString("Id")),
        ProcessRows.WakeInstant(entity.RowKey));

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => clients.CreatedTableAsync(ProcessIndex.TableSuffix, cancellationToken);
}
