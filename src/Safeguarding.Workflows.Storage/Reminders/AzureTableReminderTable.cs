using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Safeguarding.Workflows.Storage.Reminders;

/// <summary>
/// Orleans reminder table over Azure Tables (table <c>{prefix}reminders</c>).
/// PartitionKey = the grain's uniform hash as 8 upper-case hex digits, so string order is numeric order and a silo's
/// ring range is a PartitionKey range; RowKey = escaped grain id, <see cref="TableKeys.Separator"/>, escaped reminder name.
/// </summary>
public sealed partial class AzureTableReminderTable : IReminderTable
{
    public const string TableSuffix = "reminders";

    private const string GrainIdProperty = "GrainId";
    private const string NameProperty = "ReminderName";
    private const string StartAtProperty = "StartAt";
    private const string PeriodProperty = "Period";
    private const string HashProperty = "GrainHash";
    private const int MaxBatch = 100;

    private readonly StorageClients _clients;
    private readonly ILogger _logger;

    public AzureTableReminderTable(StorageClients clients, ILogger<AzureTableReminderTable> logger)
    {
        _clients = clients;
        _logger = logger;
    }

    public Task Init() => StartAsync(CancellationToken.None);

    public Task StartAsync(CancellationToken cancellationToken) => _clients.CreatedTableAsync(TableSuffix, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var prefix = GrainPart(grainId) + TableKeys.Separator;
        // The RowKey range [prefix, prefix with the separator incremented) holds exactly this grain's reminders.
        var upper = GrainPart(grainId) + (char)(TableKeys.Separator + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(grainId)} and RowKey ge {prefix} and RowKey lt {upper}");
        return new ReminderTableData(await QueryAsync(table, filter, cancellationToken).ConfigureAwait(false));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>
    /// Reminders whose grain hash lies in Orleans' ring range (begin, end]: when begin &lt; end, hash &gt; begin and
    /// hash &lt;= end; when begin &gt; end the range wraps (hash &gt; begin or hash &lt;= end); begin == end is the whole ring.
    /// </summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var from = PartitionKey(begin);
        var to = PartitionKey(end);
        List<ReminderEntry> rows;
        if (begin < end)
        {
            rows = await QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey gt {from} and PartitionKey le {to}"), cancellationToken).ConfigureAwait(false);
        }
        else if (begin == end)
        {
            rows = await QueryAsync(table, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Two range scans rather than one 'or' filter, which the service would run as a full scan.
            var high = QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey gt {from}"), cancellationToken);
            var low = QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey le {to}"), cancellationToken);
            rows = [.. await high.ConfigureAwait(false), .. await low.ConfigureAwait(false)];
        }

        LogRangeRead(_logger, begin, end, rows.Count);
        return new ReminderTableData(rows);
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    /// <summary>The reminder, or null when there is none (as Orleans' own tables answer).</summary>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(grainId), RowKey(grainId, reminderName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? ToEntry(response.Value) : null;
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>Inserts or replaces the reminder unconditionally (as Orleans expects) and returns its new ETag.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var hash = entry.GrainId.GetUniformHashCode();
        var entity = new TableEntity(PartitionKey(hash), RowKey(entry.GrainId, entry.ReminderName))
        {
            [GrainIdProperty] = entry.GrainId.ToString(),
            [NameProperty] = entry.ReminderName,
            [StartAtProperty] = AsUtc(entry.StartAt),
            [PeriodProperty] = entry.Period.ToString("c", CultureInfo.InvariantCulture),
            [HashProperty] = (long)hash,
        };
        var response = await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag for an upserted reminder.");
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>Deletes the reminder if its ETag still matches; false when it changed or does not exist.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.DeleteEntityAsync(PartitionKey(grainId), RowKey(grainId, reminderName), new ETag(eTag), cancellationToken).ConfigureAwait(false);
            // The SDK reports a missing entity as a 404 response rather than an exception.
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            LogRemoveRefused(_logger, grainId, reminderName, e.Status);
            return false;
        }
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <summary>Deletes every reminder (entity by entity, in batches per partition); the table itself stays.</summary>
    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<(string PartitionKey, string RowKey)>();
        await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add((entity.PartitionKey, entity.RowKey));
        }

        foreach (var partition in keys.GroupBy(k => k.PartitionKey))
        {
            foreach (var batch in partition.Chunk(MaxBatch))
            {
                await table.SubmitTransactionAsync(
                    batch.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.PartitionKey, k.RowKey), ETag.All)),
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal static string PartitionKey(uint hash) => hash.ToString("X8", CultureInfo.InvariantCulture);

    private static string PartitionKey(GrainId grainId) => PartitionKey(grainId.GetUniformHashCode());

    private static string GrainPart(GrainId grainId) => TableKeys.Escape(grainId.ToString());

    private static string RowKey(GrainId grainId, string reminderName) =>
        TableKeys.Join("grain id and reminder name", grainId.ToString(), reminderName);

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => _clients.CreatedTableAsync(TableSuffix, cancellationToken);

    private static async Task<List<ReminderEntry>> QueryAsync(TableClient table, string? filter, CancellationToken cancellationToken)
    {
        var rows = new List<ReminderEntry>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(ToEntry(entity));
        }

        return rows;
    }

    private static ReminderEntry ToEntry(TableEntity entity) => new()
    {
        GrainId = GrainId.Parse(entity.GetString(GrainIdProperty)),
        ReminderName = entity.GetString(NameProperty),
        StartAt = DateTime.SpecifyKind(entity.GetDateTime(StartAtProperty) ?? default, DateTimeKind.Utc),
        Period = TimeSpan.ParseExact(entity.GetString(PeriodProperty), "c", CultureInfo.InvariantCulture),
        ETag = entity.ETag.ToString(),
    };

    [LoggerMessage(EventId = 2020, Level = LogLevel.Debug, Message = "Read {Count} reminders for ring range ({Begin}, {End}].")]
    private static partial void LogRangeRead(ILogger logger, uint begin, uint end, int count);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "Reminder {ReminderName} of {GrainId} was not removed (status {Status}): it changed or is gone.")]
    private static partial void LogRemoveRefused(ILogger logger, GrainId grainId, string reminderName, int status);
}
