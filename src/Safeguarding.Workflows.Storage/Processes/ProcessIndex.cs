using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>
/// The list of processes (Orleans has no cross-grain query): the index columns of the process rows in table
/// <c>{prefix}processes</c> (<see cref="ProcessRows"/>), saved with the state by <see cref="ProcessStore"/>. Reads
/// select only those columns, never the state.
/// </summary>
public sealed class ProcessIndex
{
    public const string TableSuffix = "processes";
    public const int MaxTop = 1000;

    private const string TokenVersion = "1:";
    private const string DateFormat = "yyyy-MM-dd";

    // The index columns: what listings read, leaving the state behind.
    private static readonly string[] Columns =
        ["PartnershipId", "Kind", "Id", "Status", "Title", "NextDeadlineName", "NextDeadlineDueOn", "NextDeadlineDueAt", "OverdueCount", "NextWakeAt", "CreatedAt", "UpdatedAt", "OpenDeadlines", "Owed", "EarliestDueOn"];

    private readonly StorageClients _clients;

    public ProcessIndex(StorageClients clients) => _clients = clients;

    /// <summary>Up to <paramref name="max"/> completed or cancelled processes, in any partnership, last changed before <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<ProcessIndexEntry>> ClosedBeforeAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var filter = ProcessRows.ProcessRange() + " and " + TableClient.CreateQueryFilter($"Status ne {StatusName(ProcessStatus.Open)} and UpdatedAt lt {before.ToUniversalTime()}");
        var found = new List<ProcessIndexEntry>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: max, select: Columns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(ToEntry(entity));
            if (found.Count >= max)
            {
                break;
            }
        }

        return found;
    }

    public async Task<ProcessIndexEntry?> GetAsync(ProcessKey key, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(ProcessRows.Partition(key.PartnershipId), ProcessRows.Process(key), Columns, cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? ToEntry(response.Value) : null;
    }

    /// <summary>
    /// One page of a partnership's processes in kind/id order. Every filter runs in the table service. A page holds
    /// <see cref="ProcessQuery.Top"/> items unless it is the last.
    /// </summary>
    /// <exception cref="ArgumentException">A malformed continuation token (parameter <c>continuationToken</c>) or a bad <c>top</c>.</exception>
    public async Task<ProcessPage> QueryAsync(string partnershipId, ProcessQuery query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partnershipId);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Top is < 1 or > MaxTop)
        {
            throw new ArgumentOutOfRangeException("top", query.Top, $"top must be between 1 and {MaxTop}.");
        }

        var token = DecodeToken(query.ContinuationToken);
        var filter = Filter(partnershipId, query);
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);

        var items = new List<ProcessIndexEntry>(query.Top);
        do
        {
            // The service may return short (even empty) pages with a token; keep reading until the page is full.
            var remaining = query.Top - items.Count;
            Page<TableEntity>? page;
            try
            {
                page = await FirstPageAsync(table.QueryAsync<TableEntity>(filter, remaining, Columns, cancellationToken).AsPages(token, remaining)).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 400 && query.ContinuationToken is not null)
            {
                throw BadToken(e);
            }

            if (page is null) break;
            items.AddRange(page.Values.Select(ToEntry));
            token = string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken;
        }
        while (items.Count < query.Top && token is not null);

        return new ProcessPage(items, EncodeToken(token));
    }

    internal static string Filter(string partnershipId, ProcessQuery query)
    {
        // Process rows (of one kind, if asked) are a RowKey range inside the partnership's partition.
        var clauses = new List<string>
        {
            TableClient.CreateQueryFilter($"PartitionKey eq {ProcessRows.Partition(partnershipId)}"),
            ProcessRows.ProcessRange(query.Kind),
        };

        if (query.Status is { } status)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Status eq {StatusName(status)}"));
        }

        if (query.Overdue is { } overdue)
        {
            clauses.Add(overdue
                ? TableClient.CreateQueryFilter($"OverdueCount gt {0}")
                : TableClient.CreateQueryFilter($"OverdueCount eq {0}"));
        }

        if (query.DueBefore is { } dueBefore)
        {
            // ISO dates compare correctly as strings; a row with no next deadline has no property and never matches.
            clauses.Add(TableClient.CreateQueryFilter($"NextDeadlineDueOn lt {dueBefore.ToString(DateFormat, CultureInfo.InvariantCulture)}"));
        }

        return string.Join(" and ", clauses);
    }

    private static async Task<Page<TableEntity>?> FirstPageAsync(IAsyncEnumerable<Page<TableEntity>> pages)
    {
        await foreach (var page in pages.ConfigureAwait(false))
        {
            return page;
        }

        return null;
    }

    /// <summary>Our token is the service's token, versioned and base64url-encoded so it is safe in a query string.</summary>
    internal static string? EncodeToken(string? serviceToken) =>
        serviceToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(TokenVersion + serviceToken));

    internal static string? DecodeToken(string? token)
    {
        if (token is null) return null;
        if (token.Length is 0 or > 4096 || !Base64Url.IsValid(token))
        {
            throw BadToken(null);
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw BadToken(e);
        }

        // The table service's token is "{next partition key} {next row key}"; both halves are opaque to us.
        var service = decoded.StartsWith(TokenVersion, StringComparison.Ordinal) ? decoded[TokenVersion.Length..] : null;
        if (service is null || service.Split(' ') is not [{ Length: > 0 }, _] || service.Any(char.IsControl))
        {
            throw BadToken(null);
        }

        return service;
    }

    private static ArgumentException BadToken(Exception? inner) =>
        new("The continuation token is not one this service issued.", "continuationToken", inner);

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => _clients.CreatedTableAsync(TableSuffix, cancellationToken);

    private static string StatusName(ProcessStatus status) => status.ToString().ToLowerInvariant();

    internal static TableEntity ToEntity(ProcessIndexEntry entry)
    {
        var entity = new TableEntity(ProcessRows.Partition(entry.PartnershipId), ProcessRows.Process(entry.Kind, entry.Id))
        {
            ["PartnershipId"] = entry.PartnershipId,
            ["Kind"] = entry.Kind,
            ["Id"] = entry.Id,
            ["Status"] = StatusName(entry.Status),
            ["OverdueCount"] = entry.OverdueCount,
            ["CreatedAt"] = entry.CreatedAt,
            ["UpdatedAt"] = entry.UpdatedAt,
        };
        // Absent rather than null, so a filter on the property never matches a row without it.
        if (entry.Title is not null) entity["Title"] = entry.Title;
        if (entry.NextDeadlineName is not null) entity["NextDeadlineName"] = entry.NextDeadlineName;
        if (entry.NextDeadlineDueOn is { } dueOn) entity["NextDeadlineDueOn"] = dueOn.ToString(DateFormat, CultureInfo.InvariantCulture);
        if (entry.NextDeadlineDueAt is { } dueAt) entity["NextDeadlineDueAt"] = dueAt;
        if (entry.NextWakeAt is { } wakeAt) entity["NextWakeAt"] = wakeAt;
        if (entry.OpenDeadlines is { } open) entity["OpenDeadlines"] = JsonSerializer.Serialize(open, StateJson.Options);
        if (entry.Owed is { } owed) entity["Owed"] = JsonSerializer.Serialize(owed, StateJson.Options);
        if (entry.EarliestDueOn is { } earliest) entity["EarliestDueOn"] = earliest.ToString(DateFormat, CultureInfo.InvariantCulture);
        return entity;
    }

    private static ProcessIndexEntry ToEntry(TableEntity entity) => new(
        entity.GetString("PartnershipId"),
        entity.GetString("Kind"),
        entity.GetString("Id"),
        Enum.Parse<ProcessStatus>(entity.GetString("Status"), ignoreCase: true),
        entity.GetString("Title"),
        entity.GetString("NextDeadlineName"),
        entity.GetString("NextDeadlineDueOn") is { } dueOn ? DateOnly.ParseExact(dueOn, DateFormat, CultureInfo.InvariantCulture) : null,
        entity.GetDateTimeOffset("NextDeadlineDueAt"),
        entity.GetInt32("OverdueCount") ?? 0,
        entity.GetDateTimeOffset("NextWakeAt"),
        entity.GetDateTimeOffset("CreatedAt") ?? default,
        entity.GetDateTimeOffset("UpdatedAt") ?? default,
        entity.GetString("OpenDeadlines") is { } open ? JsonSerializer.Deserialize<List<Deadline>>(open, StateJson.Options) : null,
        entity.GetString("Owed") is { } owed ? JsonSerializer.Deserialize<List<OwedItem>>(owed, StateJson.Options) : null,
        entity.ETag.ToString(),
        entity.GetString("EarliestDueOn") is { } earliest ? DateOnly.ParseExact(earliest, DateFormat, CultureInfo.InvariantCulture) : null);
}
