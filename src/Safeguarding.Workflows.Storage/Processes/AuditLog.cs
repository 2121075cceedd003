using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>
/// One audit line: a process timeline entry and its index in that timeline (<see cref="Sequence"/>), which makes
/// appending it again (after a crash, say) a no-op.
/// </summary>
public sealed record AuditRecord(long Sequence, DateTimeOffset At, string Type, string Actor, string Detail);

/// <summary>
/// Append-only history per process (the orchestration history of Durable Functions): table <c>{prefix}audit</c>,
/// PartitionKey = escaped process key, RowKey = <c>{At as UTC ticks, 19 digits}-{Sequence, 19 digits}</c>, so a
/// partition reads back in time order, then sequence order.
/// </summary>
public sealed class AuditLog
{
    public const string TableSuffix = "audit";

    private const int MaxBatch = 100;

    private readonly StorageClients _clients;

    public AuditLog(StorageClients clients) => _clients = clients;

    /// <summary>
    /// Inserts the records, in transactions of up to 100. A record already stored identically is skipped; a different
    /// record under the same time and sequence is refused (history is never rewritten).
    /// </summary>
    /// <exception cref="InvalidOperationException">A stored record with the same time and sequence differs.</exception>
    public async Task AppendAsync(ProcessKey key, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;

        var partitionKey = PartitionKey(key);
        var entities = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var entity = ToEntity(partitionKey, record);
            if (entities.TryGetValue(entity.RowKey, out var twin))
            {
                EnsureSame(key, twin, entity);
                continue;
            }

            entities.Add(entity.RowKey, entity);
        }

        var table = await _clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        foreach (var batch in entities.Values.Chunk(MaxBatch))
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException)
            {
                // Usually some rows are already there (a re-append): insert one by one and compare what conflicts.
                foreach (var entity in batch)
                {
                    await AddOneAsync(table, key, entity, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Deletes a process's whole history: only when the process itself is purged after its retention period.</summary>
    public async Task DeleteAsync(ProcessKey key, CancellationToken cancellationToken)
    {
        var table = await _clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(key)}");
        var rows = new List<TableTransactionAction>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity));
        }

        foreach (var batch in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The process's history, oldest first. Times come back in UTC.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(ProcessKey key, CancellationToken cancellationToken)
    {
        var table = await _clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        var records = new List<AuditRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(key)}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(ToRecord(entity));
        }

        return records;
    }

    private static async Task AddOneAsync(TableClient table, ProcessKey key, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            EnsureSame(key, stored.Value, entity);
        }
    }

    private static void EnsureSame(ProcessKey key, TableEntity stored, TableEntity appended)
    {
        if (ToRecord(stored) != ToRecord(appended))
        {
            throw new InvalidOperationException(
                $"The audit log of {key} already holds a different record at {appended.RowKey}; history is append-only.");
        }
    }

    internal static string PartitionKey(ProcessKey key) => TableKeys.Key(key.ToString(), "process key");

    internal static string RowKey(AuditRecord record)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(record.Sequence);
        return string.Create(CultureInfo.InvariantCulture, $"{record.At.UtcTicks:D19}-{record.Sequence:D19}");
    }

    private static TableEntity ToEntity(string partitionKey, AuditRecord record) => new(partitionKey, RowKey(record))
    {
        ["Sequence"] = record.Sequence,
        ["At"] = record.At,
        ["Type"] = record.Type,
        ["Actor"] = record.Actor,
        ["Detail"] = record.Detail,
    };

    private static AuditRecord ToRecord(TableEntity entity)
    {
        // The RowKey keeps the instant to the tick, whatever precision the At property is stored with.
        var ticks = long.Parse(entity.RowKey.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture);
        return new AuditRecord(
            entity.GetInt64("Sequence") ?? 0,
            new DateTimeOffset(ticks, TimeSpan.Zero),
            entity.GetString("Type") ?? "",
            entity.GetString("Actor") ?? "",
            entity.GetString("Detail") ?? "");
    }
}
