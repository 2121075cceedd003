using System.Text.Json;
using Azure.Data.Tables;

namespace Safeguarding.Workflows.Storage.Meetings;

/// <summary>An agency that has missed the partnership's number of meetings in a row, up to the latest, since a date.</summary>
public sealed record AttendanceConcern(string Agency, int MissedInARow, DateOnly Since);

/// <summary>
/// The agencies the business manager's dashboard warns of, in table <c>{prefix}attendanceconcerns</c>: one row per
/// partnership holding the whole list as JSON, replaced each time a meeting's attendance is recorded (so the dashboard
/// reads one row, and an agency leaves the list when it next attends). The email to the independent chair is not
/// decided from this row: it goes with the meeting's own saved record, once.
/// </summary>
public sealed class AttendanceConcernStore(StorageClients clients)
{
    public const string TableSuffix = "attendanceconcerns";
    private const string Row = "concerns";

    private long changes;

    /// <summary>
    /// How many lists this host has saved: a page that keeps a copy reads it again when this moves, so a change made
    /// here shows at once.
    /// </summary>
    public long Changes => Interlocked.Read(ref changes);

    public async Task<IReadOnlyList<AttendanceConcern>> ListAsync(string partnershipId, CancellationToken cancellationToken)
    {
        var table = await clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(partnershipId), Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value?.GetString("Json") is { } json
            ? JsonSerializer.Deserialize<List<AttendanceConcern>>(json, JsonSerializerOptions.Web) ?? []
            : [];
    }

    /// <summary>Replaces the partnership's list.</summary>
    public async Task SetAsync(string partnershipId, IReadOnlyList<AttendanceConcern> concerns, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(Partition(partnershipId), Row) { ["Json"] = JsonSerializer.Serialize(concerns, JsonSerializerOptions.Web), ["SavedAt"] = at },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref changes);
    }

    private static string Partition(string partnershipId) => TableKeys.Key(partnershipId, "partnership id");
}
