using Azure;
using Azure.Data.Tables;

namespace Safeguarding.Workflows.Notifications.Delivery;

/// <summary>
/// The sent-message table: one row per delivered message id. The worker checks it before sending and records after,
/// so a message enqueued or delivered twice is sent once.
/// </summary>
public sealed class SentMessages(EmailStorageNames storage)
{
    private const string Row = "sent";
    private readonly TableClient table = storage.Tables.GetTableClient(storage.SentTable);

    public async Task<bool> ContainsAsync(string id, CancellationToken cancellationToken)
    {
        foreach (var key in EmailTableKeys.ToRead(id))
        {
            if ((await table.GetEntityIfExistsAsync<TableEntity>(key, Row, ["SentAt"], cancellationToken)).HasValue)
            {
                return true;
            }
        }

        return false;
    }

    public Task RecordAsync(string id, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(EmailTableKeys.Of(id), Row) { ["SentAt"] = sentAt }, TableUpdateMode.Replace, cancellationToken);

    internal Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);
}
