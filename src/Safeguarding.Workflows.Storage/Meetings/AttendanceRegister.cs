using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Data.Tables;
using Safeguarding.Workflows.Domain.Meetings;

namespace Safeguarding.Workflows.Storage.Meetings;

/// <summary>A meeting whose attendance was recorded: its date and who was present, by agency and role (no names).</summary>
public sealed record HeldMeeting(string MeetingId, DateOnly On, IReadOnlyList<Attendee> Present);

/// <summary>
/// The partnership's held meetings, in table <c>{prefix}attendanceregister</c>: one partition per partnership, one row
/// per meeting whose attendance is recorded, keyed so that the latest meeting comes first. The check that tells the
/// independent chair of absences in a row reads back only until each agency's run ends, instead of opening every
/// meeting the partnership has held. Its own row says the register is complete: the meetings whose attendance was
/// recorded before the register existed have been copied in.
/// </summary>
public sealed class AttendanceRegister(StorageClients clients)
{
    public const string TableSuffix = "attendanceregister";

    // Meetings' rows start "m-"; the complete row sorts apart from them.
    private const string MeetingRows = "m-";
    private const string CompleteRow = "complete";

    // Two years of monthly meetings: one read answers most partnerships.
    private const int Page = 24;

    /// <summary>The partnership's held meetings, latest first (read a page at a time, as far as the caller goes).</summary>
    public async IAsyncEnumerable<HeldMeeting> LatestFirstAsync(string partnershipId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(partnershipId)} and RowKey ge {MeetingRows} and RowKey lt {"m."}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Page, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new HeldMeeting(
                row.GetString("MeetingId"),
                DateOnly.ParseExact(row.GetString("On"), DateFormat, CultureInfo.InvariantCulture),
                JsonSerializer.Deserialize<List<Attendee>>(row.GetString("Present"), JsonSerializerOptions.Web) ?? []);
        }
    }

    /// <summary>Writes the meeting's row; the same again changes nothing (attendance, once recorded, never changes).</summary>
    public async Task RecordAsync(string partnershipId, HeldMeeting held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        var table = await clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(Partition(partnershipId), RowKey(held))
            {
                ["MeetingId"] = held.MeetingId,
                ["On"] = held.On.ToString(DateFormat, CultureInfo.InvariantCulture),
                ["Present"] = JsonSerializer.Serialize(held.Present, JsonSerializerOptions.Web),
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the meetings recorded before the register existed have been copied in.</summary>
    public async Task<bool> IsCompleteAsync(string partnershipId, CancellationToken cancellationToken)
    {
        var table = await clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(partnershipId), CompleteRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue;
    }

    public async Task MarkCompleteAsync(string partnershipId, CancellationToken cancellationToken)
    {
        var table = await clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(Partition(partnershipId), CompleteRow), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private const string DateFormat = "yyyy-MM-dd";

    // The date counted down from 9999-99-99, so that rows in key order are the latest meeting first.
    private static string RowKey(HeldMeeting held) =>
        string.Create(CultureInfo.InvariantCulture, $"{MeetingRows}{99_999_999 - (held.On.Year * 10_000 + held.On.Month * 100 + held.On.Day):D8}-{TableKeys.Key(held.MeetingId, "meeting id")}");

    private static string Partition(string partnershipId) => TableKeys.Key(partnershipId, "partnership id");
}
