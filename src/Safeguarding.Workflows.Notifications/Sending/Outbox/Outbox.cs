using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Safeguarding.Workflows.Notifications.Delivery;

namespace Safeguarding.Workflows.Notifications.Sending.Outbox;

/// <summary>
/// The Outbox provider's store: one JSON blob per message in <c>{prefix}-outbox</c>, named by message id (so storing
/// the same message again overwrites it), with the recipients, process and time in blob metadata so listing needs no downloads.
/// </summary>
public sealed class Outbox(EmailStorageNames storage)
{
    private const string ToKey = "to";
    private const string ProcessKey = "processkey";
    private const string SentAtKey = "sentat";
    private readonly BlobContainerClient container = storage.Blobs.GetBlobContainerClient(storage.OutboxContainer);

    internal async Task StoreAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(BlobName(entry.Id));
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            // Metadata must be ASCII header text: escape whatever is not.
            Metadata = new Dictionary<string, string>
            {
                [ToKey] = Uri.EscapeDataString(string.Join(',', entry.To.Select(t => t.ToLowerInvariant()))),
                [ProcessKey] = Uri.EscapeDataString(entry.ProcessKey),
                [SentAtKey] = entry.SentAt.ToString("O", CultureInfo.InvariantCulture),
            },
        };
        var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(entry, QueuedEmail.Json));
        try
        {
            await blob.UploadAsync(content, options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await blob.UploadAsync(content, options, cancellationToken);
        }
    }

    /// <summary>The stored messages matching <paramref name="query"/>, oldest first (newest last).</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxQuery query, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix: null, cancellationToken))
            {
                if (Matches(item.Metadata, query))
                {
                    names.Add(item.Name);
                }
            }
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return [];
        }

        var entries = new ConcurrentBag<OutboxEntry>();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (name, ct) =>
        {
            try
            {
                var download = await container.GetBlobClient(name).DownloadContentAsync(ct);
                if (JsonSerializer.Deserialize<OutboxEntry>(download.Value.Content.ToMemory().Span, QueuedEmail.Json) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Removed between listing and reading.
            }
        });

        return [.. entries.OrderBy(e => e.SentAt).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }

    /// <summary>One stored message, or null.</summary>
    public async Task<OutboxEntry?> FindAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(BlobName(id)).DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize<OutboxEntry>(download.Value.Content.ToMemory().Span, QueuedEmail.Json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static bool Matches(IDictionary<string, string> metadata, OutboxQuery query)
    {
        string Read(string key) => metadata.TryGetValue(key, out var value) ? Uri.UnescapeDataString(value) : "";

        if (query.To is { Length: > 0 } to && !Read(ToKey).Split(',').Contains(to.Trim().ToLowerInvariant(), StringComparer.Ordinal))
        {
            return false;
        }

        if (query.Partnerships is { } partnerships && !partnerships.Contains(ProcessIds.PartnershipOf(Read(ProcessKey))))
        {
            return false;
        }

        if (query.ProcessId is { Length: > 0 } processId)
        {
            var key = Read(ProcessKey);
            if (key != processId && ProcessIds.Of(key) != processId)
            {
                return false;
            }
        }

        if (query.Since is { } since
            && DateTimeOffset.TryParse(Read(SentAtKey), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var sentAt)
            && sentAt < since)
        {
            return false;
        }

        return true;
    }

    private static string BlobName(string id) => Uri.EscapeDataString(id) + ".json";

    internal static OutboxEntry ToEntry(RenderedEmail email, DateTimeOffset sentAt) => new(
        email.Id,
        [.. email.Message.To.Select(r => r.Email)],
        email.Subject,
        sentAt,
        ProcessIds.Of(email.Message.ProcessKey),
        email.Message.Template,
        email.Text,
        email.Html,
        email.Message.PartnershipId,
        email.Message.ProcessKey,
        [.. email.Attachments.Select(a => new OutboxAttachment(a.FileName, a.ContentType, Encoding.UTF8.GetString(a.Content)))]);
}
