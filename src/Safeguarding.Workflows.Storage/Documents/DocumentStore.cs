using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Storage.Documents;

/// <summary>One stored version of a process document (a paper, an agenda pack, a compiled report, a formal notice).</summary>
public sealed record StoredDocument(string Name, int Version, string ContentType, long Length, DateTimeOffset StoredAt, string FileName);

/// <summary>
/// Documents belonging to processes, in Blob container <c>{prefix}-documents</c>. Every save is a new version; nothing
/// is overwritten. Blob names are generated from the process key, the document name and the version — never from a
/// user's file name, which is kept only as metadata for the download.
/// </summary>
public sealed class DocumentStore(StorageClients clients)
{
    public const string ContainerSuffix = "documents";

    /// <summary>Stores <paramref name="content"/> as the next version of document <paramref name="name"/> of the process.</summary>
    public async Task<StoredDocument> SaveAsync(ProcessKey key, string name, string contentType, string fileName, Stream content, DateTimeOffset storedAt, CancellationToken cancellationToken)
    {
        var container = await clients.CreatedContainerAsync(ContainerSuffix, cancellationToken);
        var versions = await VersionsAsync(key, name, cancellationToken);
        var version = versions.Count == 0 ? 1 : versions[^1].Version + 1;
        while (true)
        {
            var blob = container.GetBlobClient(BlobName(key, name, version));
            var options = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = new Dictionary<string, string>
                {
                    ["filename"] = Uri.EscapeDataString(fileName),
                    ["storedat"] = storedAt.ToString("O"),
                },
                // Insert-only: two uploads racing for the same version cannot overwrite each other.
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            };
            try
            {
                if (content.CanSeek)
                {
                    content.Position = 0;
                }

                await blob.UploadAsync(content, options, cancellationToken);
                var length = content.CanSeek ? content.Length : (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
                return new StoredDocument(name, version, contentType, length, storedAt, fileName);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && content.CanSeek)
            {
                version++;
            }
        }
    }

    /// <summary>Every stored version of a document, oldest first.</summary>
    public async Task<IReadOnlyList<StoredDocument>> VersionsAsync(ProcessKey key, string name, CancellationToken cancellationToken)
    {
        var container = clients.Container(ContainerSuffix);
        var list = new List<StoredDocument>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, DocumentPrefix(key, name), cancellationToken))
            {
                var version = int.Parse(item.Name[(item.Name.LastIndexOf("/v", StringComparison.Ordinal) + 2)..], System.Globalization.CultureInfo.InvariantCulture);
                list.Add(new StoredDocument(
                    name,
                    version,
                    item.Properties.ContentType ?? "application/octet-stream",
                    item.Properties.ContentLength ?? 0,
                    item.Metadata.TryGetValue("storedat", out var at) ? DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) : item.Properties.CreatedOn ?? default,
                    item.Metadata.TryGetValue("filename", out var file) ? Uri.UnescapeDataString(file) : name));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }

        return list.OrderBy(d => d.Version).ToList();
    }

    /// <summary>Opens a version of a document (the latest when <paramref name="version"/> is null); null when there is none.</summary>
    public async Task<(StoredDocument Document, Stream Content)?> OpenAsync(ProcessKey key, string name, int? version, CancellationToken cancellationToken)
    {
        var versions = await VersionsAsync(key, name, cancellationToken);
        var document = version is null ? versions.LastOrDefault() : versions.FirstOrDefault(v => v.Version == version);
        if (document is null)
        {
            return null;
        }

        var blob = clients.Container(ContainerSuffix).GetBlobClient(BlobName(key, name, document.Version));
        return (document, await blob.OpenReadAsync(cancellationToken: cancellationToken));
    }

    /// <summary>Deletes every document of a process: only when the process itself is purged after its retention period.</summary>
    public async Task DeleteAllAsync(ProcessKey key, CancellationToken cancellationToken)
    {
        var container = clients.Container(ContainerSuffix);
        var prefix = $"{Uri.EscapeDataString(key.PartnershipId)}/{Uri.EscapeDataString(key.Kind)}/{Uri.EscapeDataString(key.Id)}/";
        try
        {
            await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
            {
                await container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No documents container yet: nothing to delete.
        }
    }

    private static string DocumentPrefix(ProcessKey key, string name) =>
        $"{Uri.EscapeDataString(key.PartnershipId)}/{Uri.EscapeDataString(key.Kind)}/{Uri.EscapeDataString(key.Id)}/{Uri.EscapeDataString(name)}/";

    private static string BlobName(ProcessKey key, string name, int version) => $"{DocumentPrefix(key, name)}v{version:D4}";
}
