using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Safeguarding.Workflows.Storage.Grains;

/// <summary>
/// Orleans grain storage over Azure Tables: one entity per grain state in table <c>{prefix}grainstate</c>, with
/// PartitionKey = escaped grain id and RowKey = escaped state name (so all states of one grain share a partition).
/// </summary>
/// <remarks>
/// <para>Concurrency is the entity's ETag: a write with no ETag only inserts; a write or clear with an ETag that no
/// longer matches throws <see cref="InconsistentStateException"/>.</para>
/// <para>State is JSON (<see cref="GrainStateJson"/>). Up to 32 000 bytes it is one readable string property
/// <c>Json</c>; up to <see cref="MaxInlineBytes"/> it is split over binary properties <c>Data00</c>..<c>Data13</c>
/// (64 KiB each); anything larger goes to a fresh blob in container <c>{prefix}-grainstate</c>, written before the
/// entity, and the entity holds its name. The ETag still lives only on the entity, so a conflicting write never
/// replaces what the current entity points to; its unused blob is deleted.</para>
/// </remarks>
public sealed partial class AzureTableGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public const string TableSuffix = "grainstate";
    public const string ContainerSuffix = "grainstate";

    /// <summary>Largest serialised state kept in the entity itself (14 parts of 64 KiB, inside the 1 MiB entity limit).</summary>
    public const int MaxInlineBytes = MaxParts * PartBytes;

    internal const int MaxStringBytes = 32_000;
    internal const int PartBytes = 64 * 1024;
    internal const int MaxParts = 14;

    private const string JsonProperty = "Json";
    private const string PartsProperty = "DataParts";
    private const string BlobProperty = "Blob";
    private const string BlobBytesProperty = "BlobBytes";
    private const int ReadAttempts = 3;

    private readonly string _name;
    private readonly StorageClients _clients;
    private readonly ILogger _logger;
    private readonly JsonSerializerOptions _json;

    public AzureTableGrainStorage(string name, StorageClients clients, ILogger<AzureTableGrainStorage> logger, JsonSerializerOptions? json = null)
    {
        _name = name;
        _clients = clients;
        _logger = logger;
        _json = json ?? GrainStateJson.Options;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var table = await _clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);

        for (var attempt = 1; ; attempt++)
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!response.HasValue || response.Value is null)
            {
                // The state object is left as the caller made it (Orleans' default instance).
                grainState.RecordExists = false;
                grainState.ETag = null;
                return;
            }

            var entity = response.Value;
            byte[]? payload;
            try
            {
                payload = await PayloadAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404 && attempt < ReadAttempts)
            {
                // A newer write replaced the blob between our two reads: read the entity again.
                continue;
            }

            grainState.State = payload is null ? default! : JsonSerializer.Deserialize<T>(payload, _json)!;
            grainState.ETag = entity.ETag.ToString();
            grainState.RecordExists = true;
            return;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var table = await _clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        var payload = JsonSerializer.SerializeToUtf8Bytes(grainState.State, _json);

        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["GrainId"] = grainId.ToString(),
            ["StateName"] = stateName,
        };

        string? blobName = null;
        BlobContainerClient? container = null;
        if (payload.Length <= MaxStringBytes)
        {
            entity[JsonProperty] = Encoding.UTF8.GetString(payload);
        }
        else if (payload.Length <= MaxInlineBytes)
        {
            var parts = 0;
            for (var offset = 0; offset < payload.Length; offset += PartBytes, parts++)
            {
                entity[PartName(parts)] = payload.AsSpan(offset, Math.Min(PartBytes, payload.Length - offset)).ToArray();
            }

            entity[PartsProperty] = parts;
        }
        else
        {
            container = await _clients.CreatedContainerAsync(ContainerSuffix, cancellationToken).ConfigureAwait(false);
            blobName = $"{BlobPrefix(partitionKey, rowKey)}{Guid.NewGuid():N}";
            await container.GetBlobClient(blobName).UploadAsync(
                BinaryData.FromBytes(payload),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                cancellationToken).ConfigureAwait(false);
            entity[BlobProperty] = blobName;
            entity[BlobBytesProperty] = (long)payload.Length;
            LogLargeState(_logger, _name, stateName, grainId, payload.Length);
        }

        Response response;
        try
        {
            response = grainState.ETag is null
                ? await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await table.UpdateEntityAsync(entity, new ETag(grainState.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            if (blobName is not null)
            {
                await DeleteBlobsAsync(container!, BlobPrefix(partitionKey, rowKey), keep: null, onlyName: blobName).ConfigureAwait(false);
            }

            LogConflict(_logger, _name, stateName, grainId, "write", e.Status);
            throw Conflict("write", stateName, grainId, grainState.ETag, e);
        }

        grainState.ETag = response.Headers.ETag?.ToString();
        grainState.RecordExists = true;

        if (blobName is not null)
        {
            // Older blobs of this state are no longer referenced by the entity.
            await DeleteBlobsAsync(container!, BlobPrefix(partitionKey, rowKey), keep: blobName, onlyName: null).ConfigureAwait(false);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var table = await _clients.CreatedTableAsync(TableSuffix, cancellationToken).ConfigureAwait(false);
        try
        {
            // A missing entity counts as cleared (the SDK reports 404 on delete as success).
            await table.DeleteEntityAsync(partitionKey, rowKey, grainState.ETag is null ? ETag.All : new ETag(grainState.ETag), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            LogConflict(_logger, _name, stateName, grainId, "clear", e.Status);
            throw Conflict("clear", stateName, grainId, grainState.ETag, e);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;

        var container = _clients.Container(ContainerSuffix);
        await DeleteBlobsAsync(container, BlobPrefix(partitionKey, rowKey), keep: null, onlyName: null).ConfigureAwait(false);
    }

    void ILifecycleParticipant<ISiloLifecycle>.Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(AzureTableGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, InitAsync);

    /// <summary>Creates the table at silo start so a storage problem stops the silo instead of the first grain.</summary>
    public Task InitAsync(CancellationToken cancellationToken) => _clients.CreatedTableAsync(TableSuffix, cancellationToken);

    private async Task<byte[]?> PayloadAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        if (entity.GetString(JsonProperty) is { } json)
        {
            return Encoding.UTF8.GetBytes(json);
        }

        if (entity.GetString(BlobProperty) is { } blobName)
        {
            var download = await _clients.Container(ContainerSuffix).GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToArray();
        }

        if (entity.GetInt32(PartsProperty) is { } parts)
        {
            using var buffer = new MemoryStream(parts * PartBytes);
            for (var i = 0; i < parts; i++)
            {
                buffer.Write(entity.GetBinary(PartName(i)));
            }

            return buffer.ToArray();
        }

        return null;
    }

    /// <summary>Deletes this state's blobs under <paramref name="prefix"/>: all but <paramref name="keep"/>, or just <paramref name="onlyName"/>. Best effort: a leftover blob is never read.</summary>
    private async Task DeleteBlobsAsync(BlobContainerClient container, string prefix, string? keep, string? onlyName)
    {
        try
        {
            if (onlyName is not null)
            {
                await container.DeleteBlobIfExistsAsync(onlyName).ConfigureAwait(false);
                return;
            }

            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }).ConfigureAwait(false))
            {
                if (blob.Name != keep)
                {
                    await container.DeleteBlobIfExistsAsync(blob.Name).ConfigureAwait(false);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container yet: no large state was ever written.
        }
        catch (RequestFailedException e)
        {
            LogBlobCleanupFailed(_logger, _name, prefix, e.Status);
        }
    }

    private static (string PartitionKey, string RowKey) Keys(string stateName, GrainId grainId) =>
        (TableKeys.Key(grainId.ToString(), "grain id"), TableKeys.Key(stateName, "state name"));

    private static string BlobPrefix(string partitionKey, string rowKey) => $"{partitionKey}/{rowKey}/";

    private static string PartName(int index) => $"Data{index:D2}";

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? etag, Exception inner) =>
        new($"Grain storage '{_name}' could not {operation} state '{stateName}' of grain {grainId}: "
            + (etag is null ? "it already exists (a write without an ETag only inserts)." : "it changed since it was read (ETag mismatch)."),
            "unknown", etag ?? "none", inner);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Grain storage {StorageName}: state {StateName} of {GrainId} is {Bytes} bytes, kept in a blob.")]
    private static partial void LogLargeState(ILogger logger, string storageName, string stateName, GrainId grainId, int bytes);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Grain storage {StorageName}: {Operation} of state {StateName} of {GrainId} conflicted (status {Status}).")]
    private static partial void LogConflict(ILogger logger, string storageName, string stateName, GrainId grainId, string operation, int status);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "Grain storage {StorageName}: could not delete old state blobs under {Prefix} (status {Status}).")]
    private static partial void LogBlobCleanupFailed(ILogger logger, string storageName, string prefix, int status);
}
