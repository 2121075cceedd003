using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Notifications.Delivery;

/// <summary>A message that went to the poison queue: after its last attempt, or at once for a permanent failure.</summary>
/// <param name="ProcessId">The process's own id (the last part of <paramref name="ProcessKey"/>).</param>
/// <param name="Kind">The template name.</param>
public sealed record FailedMessage(string Id, string ProcessId, string ProcessKey, string Kind, int Attempts, string LastError, DateTimeOffset FailedAt)
{
    /// <summary>The partnership whose process sent it: only that partnership's business unit may see or retry it.</summary>
    public string PartnershipId => ProcessIds.PartnershipOf(ProcessKey);
}

/// <summary>
/// The failed-message table: the index of poisoned messages (the poison queue is only a trail), with each message
/// kept so an operator can send it again.
/// </summary>
public sealed class FailedMessages(EmailStorageNames storage, EmailQueue queue)
{
    private const string Partition = "failed";

    // What a listing needs: everything but the stored message, which only a retry reads.
    private static readonly string[] Listed = ["RowKey", "Timestamp", "Id", "ProcessKey", "Kind", "Attempts", "LastError", "FailedAt"];

    private readonly TableClient table = storage.Tables.GetTableClient(storage.FailedTable);
    private long changes;

    /// <summary>
    /// How many failed messages this host has recorded or retried: a page that keeps a copy of the list reads it again
    /// when this moves, so a change made here shows at once.
    /// </summary>
    public long Changes => Interlocked.Read(ref changes);

    /// <summary>Every poisoned message, oldest failure first.</summary>
    public async Task<IReadOnlyList<FailedMessage>> ListAsync(CancellationToken cancellationToken)
    {
        var failed = new List<FailedMessage>();
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: Listed, cancellationToken: cancellationToken))
            {
                failed.Add(ToFailedMessage(entity));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Nothing has ever failed: the table does not exist yet.
        }

        return [.. failed.OrderBy(f => f.FailedAt).ThenBy(f => f.Id, StringComparer.Ordinal)];
    }

    /// <summary>One failed message, or null.</summary>
    public async Task<FailedMessage?> FindAsync(string id, CancellationToken cancellationToken) =>
        await FindEntityAsync(id, cancellationToken) is { } entity ? ToFailedMessage(entity) : null;

    /// <summary>Puts a poisoned message back on the delivery queue with a fresh set of attempts. False if there is no such failed message.</summary>
    public async Task<bool> RetryAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await FindEntityAsync(id, cancellationToken);
        if (entity is null)
        {
            return false;
        }

        var email = JsonSerializer.Deserialize<OutgoingEmail>(entity.GetString("Message"), QueuedEmail.Json)
            ?? throw new InvalidOperationException($"The failed message '{id}' has no message to retry.");
        await queue.EnqueueAsync(email, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Retried twice at once, or it failed again meanwhile: the message is queued either way.
        }

        Interlocked.Increment(ref changes);
        return true;
    }

    internal async Task RecordAsync(OutgoingEmail email, int attempts, string lastError, DateTimeOffset failedAt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, EmailTableKeys.Of(email.Id))
        {
            ["Id"] = email.Id,
            ["ProcessKey"] = email.ProcessKey,
            ["Kind"] = email.Template,
            ["Attempts"] = attempts,
            ["LastError"] = lastError,
            ["FailedAt"] = failedAt,
            ["Message"] = JsonSerializer.Serialize(email, QueuedEmail.Json),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        Interlocked.Increment(ref changes);
    }

    internal Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    private async Task<TableEntity?> FindEntityAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var key in EmailTableKeys.ToRead(id))
            {
                var entity = await table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken);
                if (entity.HasValue)
                {
                    return entity.Value;
                }
            }

            return null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static FailedMessage ToFailedMessage(TableEntity entity)
    {
        var processKey = entity.GetString("ProcessKey") ?? "";
        return new FailedMessage(
            entity.GetString("Id") ?? EmailTableKeys.IdOf(entity.RowKey),
            ProcessIds.Of(processKey),
            processKey,
            entity.GetString("Kind") ?? "",
            entity.GetInt32("Attempts") ?? 0,
            entity.GetString("LastError") ?? "",
            entity.GetDateTimeOffset("FailedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue);
    }
}
