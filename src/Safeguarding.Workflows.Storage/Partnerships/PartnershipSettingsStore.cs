using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Safeguarding.Workflows.Storage.Partnerships;

/// <summary>One change to a partnership's settings: who made it, when, and what it altered (one line each).</summary>
public sealed record SettingsChange(DateTimeOffset At, string Actor, IReadOnlyList<string> Changes);

/// <summary>A partnership's current settings as saved (partnership-file JSON) and the ETag a later save must match.</summary>
public sealed record SavedSettings(string Json, string ETag);

/// <summary>
/// The settings a partnership's business unit has changed, in table <c>{prefix}partnershipsettings</c>: one partition
/// per partnership holding the current settings (row <c>current</c>, the whole partnership file as JSON) and one row
/// per change (<c>change|{inverted ticks}</c>, newest first), written together in one transaction so a change is
/// never saved without its audit entry. A partnership with no row uses its preset file.
/// </summary>
public sealed class PartnershipSettingsStore(StorageClients clients)
{
    public const string TableSuffix = "partnershipsettings";

    private const string CurrentRow = "current";
    private const string ChangePrefix = "change|";
    private const char LineSeparator = '\n';

    /// <summary>Every partnership's saved settings, by partnership id.</summary>
    public async Task<IReadOnlyDictionary<string, SavedSettings>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var found = new Dictionary<string, SavedSettings>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {CurrentRow}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found[row.GetString("PartnershipId")] = new SavedSettings(row.GetString("Json"), row.ETag.ToString());
        }

        return found;
    }

    public async Task<SavedSettings?> ReadAsync(string partnershipId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(partnershipId), CurrentRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? new SavedSettings(entity.GetString("Json"), entity.ETag.ToString()) : null;
    }

    /// <summary>
    /// Saves <paramref name="json"/> as the partnership's settings with its audit entry. <paramref name="etag"/> is the
    /// ETag read (null when none was saved yet); returns false, saving nothing, when someone saved in between.
    /// </summary>
    public async Task<bool> SaveAsync(string partnershipId, string json, string? etag, SettingsChange change, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(partnershipId);
        var current = new TableEntity(partition, CurrentRow) { ["PartnershipId"] = partnershipId, ["Json"] = json, ["UpdatedAt"] = change.At };
        var audit = new TableEntity(partition, ChangePrefix + (DateTimeOffset.MaxValue.UtcTicks - change.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6])
        {
            ["At"] = change.At,
            ["Actor"] = change.Actor,
            ["Changes"] = string.Join(LineSeparator, change.Changes),
        };
        TableTransactionAction write = etag is null
            ? new(TableTransactionActionType.Add, current)
            : new(TableTransactionActionType.UpdateReplace, current, new ETag(etag));
        try
        {
            await table.SubmitTransactionAsync([write, new(TableTransactionActionType.Add, audit)], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The partnership's changes, newest first.</summary>
    public async Task<IReadOnlyList<SettingsChange>> HistoryAsync(string partnershipId, int max, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var upper = ChangePrefix[..^1] + (char)(ChangePrefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(partnershipId)} and RowKey ge {ChangePrefix} and RowKey lt {upper}");
        var changes = new List<SettingsChange>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new SettingsChange(row.GetDateTimeOffset("At") ?? default, row.GetString("Actor"), row.GetString("Changes").Split(LineSeparator)));
            if (changes.Count >= max)
            {
                break;
            }
        }

        return changes;
    }

    private static string Partition(string partnershipId) => TableKeys.Key(partnershipId, "partnership id");

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => clients.CreatedTableAsync(TableSuffix, cancellationToken);
}
