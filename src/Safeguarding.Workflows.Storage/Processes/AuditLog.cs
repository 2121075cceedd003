using Azure.Data.Tables;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>
/// One audit line: a process timeline entry and its index in that timeline (<see cref="Sequence"/>).
/// </summary>
public sealed record AuditRecord(long Sequence, DateTimeOffset At, string Type, string Actor, string Detail);

/// <summary>
/// Append-only history per process (the orchestration history of Durable Functions). The rows sit beside the process
/// row (<see cref="ProcessRows.Audit"/>) and are written by <see cref="ProcessStore"/> in the same transaction as the
/// state that produced them, so history and state never disagree; they read back in time order, then sequence order.
/// </summary>
public sealed class AuditLog(StorageClients clients)
{
    /// <summary>The process's history, oldest first. Times come back in UTC.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(ProcessKey key, CancellationToken cancellationToken)
    {
        var table = await clients.CreatedTableAsync(ProcessIndex.TableSuffix, cancellationToken).ConfigureAwait(false);
        var records = new List<AuditRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ProcessRows.Partition(key.PartnershipId)}") + " and " + ProcessRows.AuditRange(key);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(ToRecord(entity));
        }

        return records;
    }

    internal static TableEntity ToEntity(string partitionKey, ProcessKey key, AuditRecord record) => new(partitionKey, ProcessRows.Audit(key, record.Sequence, record.At))
    {
        ["Sequence"] = record.Sequence,
        ["At"] = record.At,
        ["Type"] = record.Type,
        ["Actor"] = record.Actor,
        ["Detail"] = record.Detail,
    };

    /// <summary>An audit row as a record; the instant comes from the RowKey, which keeps it to the tick.</summary>
    public static AuditRecord ToRecord(TableEntity entity) => new(
        entity.GetInt64("Sequence") ?? 0,
        ProcessRows.AuditInstant(entity.RowKey),
        entity.GetString("Type") ?? "",
        entity.GetString("Actor") ?? "",
        entity.GetString("Detail") ?? "");
}
