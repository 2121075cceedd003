using System.Text.Json;
using Azure.Data.Tables;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>
/// One audit line: a process timeline entry and its index in that timeline (<see cref="Sequence"/>).
/// </summary>
public sealed record AuditRecord(long Sequence, DateTimeOffset At, string Type, string Actor, string Detail);

/// <summary>
/// The history of a process (the orchestration history of Durable Functions): its timeline, saved in the same row and
/// the same write as the state that produced it, so history and state never disagree. The engine refuses any change
/// that would drop or alter an entry already saved, so the log is append-only.
/// </summary>
public sealed class AuditLog(StorageClients clients)
{
    /// <summary>The process's history, oldest first (timeline order). Times come back in UTC. Empty when there is no such process.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(ProcessKey key, CancellationToken cancellationToken)
    {
        var table = await clients.CreatedTableAsync(ProcessIndex.TableSuffix, cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ProcessRows.Partition(key.PartnershipId), ProcessRows.Process(key), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? Read(entity) : [];
    }

    /// <summary>
    /// The timeline in a process row. The state is the engine's process record as JSON, whose <c>process.timeline</c>
    /// holds entries of <c>at</c>, <c>type</c>, <c>actor</c> and <c>detail</c>.
    /// </summary>
    public static IReadOnlyList<AuditRecord> Read(TableEntity processRow)
    {
        if (StatePayload.Read(processRow) is not { } state)
        {
            return [];
        }

        using var json = JsonDocument.Parse(state);
        if (!json.RootElement.TryGetProperty("process", out var process) || process.ValueKind != JsonValueKind.Object
            || !process.TryGetProperty("timeline", out var timeline) || timeline.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return timeline.EnumerateArray()
            .Select((entry, sequence) => new AuditRecord(
                sequence,
                entry.GetProperty("at").GetDateTimeOffset().ToUniversalTime(),
                entry.GetProperty("type").GetString() ?? "",
                entry.GetProperty("actor").GetString() ?? "",
                entry.GetProperty("detail").GetString() ?? ""))
            .ToList();
    }
}
