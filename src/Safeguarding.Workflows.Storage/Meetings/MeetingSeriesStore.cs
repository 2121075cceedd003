using Azure.Data.Tables;

namespace Safeguarding.Workflows.Storage.Meetings;

/// <summary>A recurring meeting as saved (its definition as JSON), with who saved it and when.</summary>
public sealed record SavedSeries(string Id, string Json, DateTimeOffset SavedAt, string SavedBy);

/// <summary>
/// Partnerships' recurring meetings, in table <c>{prefix}meetingseries</c>: one partition per partnership, one row per
/// series (its id), holding the series as JSON. The meetings a series schedules are ordinary meeting processes.
/// </summary>
public sealed class MeetingSeriesStore(StorageClients clients)
{
    public const string TableSuffix = "meetingseries";

    public async Task<IReadOnlyList<SavedSeries>> ListAsync(string partnershipId, CancellationToken cancellationToken)
    {
        var table = await clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        var found = new List<SavedSeries>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(partnershipId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(Read(row));
        }

        return found;
    }

    public async Task<SavedSeries?> GetAsync(string partnershipId, string id, CancellationToken cancellationToken)
    {
        var table = await clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(partnershipId), TableKeys.Key(id, "series id"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? Read(entity) : null;
    }

    /// <summary>Saves the series (a new one, or over the one with its id).</summary>
    public async Task SaveAsync(string partnershipId, SavedSeries series, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        var table = await clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(Partition(partnershipId), TableKeys.Key(series.Id, "series id"))
            {
                ["SeriesId"] = series.Id,
                ["Json"] = series.Json,
                ["SavedAt"] = series.SavedAt,
                ["SavedBy"] = series.SavedBy,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    private static SavedSeries Read(TableEntity row) =>
        new(row.GetString("SeriesId"), row.GetString("Json"), row.GetDateTimeOffset("SavedAt") ?? default, row.GetString("SavedBy") ?? "");

    private static string Partition(string partnershipId) => TableKeys.Key(partnershipId, "partnership id");
}
