using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Safeguarding.Workflows.Notifications;

/// <summary>
/// The storage clients email delivery uses and the prefixed names of its queues, tables and container. The prefix plays
/// the role of a Durable Functions hub name: two prefixes on one account never see each other's messages.
/// </summary>
/// <remarks>
/// The queue client's message encoding does not matter: messages are written as base64 text and read back either way.
/// </remarks>
public sealed partial record EmailStorageNames
{
    public EmailStorageNames(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, string prefix)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(queues);
        if (prefix is null || !PrefixPattern().IsMatch(prefix))
        {
            throw new ArgumentException($"'{prefix}' is not a storage prefix: use 1 to 40 lower-case letters and digits, starting with a letter.", nameof(prefix));
        }

        (Tables, Blobs, Queues, Prefix) = (tables, blobs, queues, prefix);
    }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    public string Prefix { get; }

    /// <summary>Blob container of the Outbox provider: one JSON blob per message.</summary>
    public string OutboxContainer => $"{Prefix}-outbox";

    /// <summary>The delivery queue.</summary>
    public string Queue => $"{Prefix}-email";

    /// <summary>Where messages go after their last attempt or a permanent failure (a trail; the failed table is the index).</summary>
    public string PoisonQueue => $"{Prefix}-email-poison";

    /// <summary>One row per delivered message id: a second delivery of the same id is a no-op.</summary>
    public string SentTable => $"{Prefix}emailsent";

    /// <summary>One row per poisoned message, with its last error and the message itself so it can be retried.</summary>
    public string FailedTable => $"{Prefix}emailfailed";

    /// <summary>Graph provider: the Outlook event id of each invitation Uid.</summary>
    public string CalendarEventsTable => $"{Prefix}emailevents";

    /// <summary>Clients for one connection string (Azurite or a real account).</summary>
    public static EmailStorageNames FromConnectionString(string connectionString, string prefix) =>
        new(new TableServiceClient(connectionString), new BlobServiceClient(connectionString), new QueueServiceClient(connectionString), prefix);

    [GeneratedRegex("^[a-z][a-z0-9]{0,39}$")]
    private static partial Regex PrefixPattern();
}
