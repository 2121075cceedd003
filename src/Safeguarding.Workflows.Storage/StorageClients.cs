using System.Collections.Concurrent;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Safeguarding.Workflows.Storage;

/// <summary>
/// The Azure Storage clients of the service, with the configured prefix applied to every table, container and queue
/// name. One per process: the SDK clients are thread-safe and meant to be shared.
/// </summary>
public sealed partial class StorageClients
{
    private static readonly TimeSpan ReachabilityTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Lazy<Task>> _created = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TableClient> _tableClients = new(StringComparer.Ordinal);
    private readonly Lazy<TableServiceClient> _tables;
    private readonly Lazy<BlobServiceClient> _blobs;
    private readonly Lazy<QueueServiceClient> _queues;
    private readonly ILogger _logger;

    public StorageClients(StorageOptions options, ILogger<StorageClients>? logger = null, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new StorageOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new InvalidOperationException(validation.FailureMessage);
        }

        Prefix = options.Prefix.ToLowerInvariant();
        _logger = logger ?? NullLogger<StorageClients>.Instance;

        if (options.UsesTokenCredential)
        {
            var tokenCredential = credential ?? new DefaultAzureCredential();
            _tables = new(() => new TableServiceClient(options.EffectiveTableServiceUri!, tokenCredential));
            _blobs = new(() => new BlobServiceClient(options.EffectiveBlobServiceUri!, tokenCredential));
            _queues = new(() => new QueueServiceClient(options.EffectiveQueueServiceUri!, tokenCredential));
        }
        else
        {
            var connectionString = options.EffectiveConnectionString;
            _tables = new(() => new TableServiceClient(connectionString));
            _blobs = new(() => new BlobServiceClient(connectionString));
            _queues = new(() => new QueueServiceClient(connectionString));
        }
    }

    /// <summary>The configured prefix, lower-cased.</summary>
    public string Prefix { get; }

    public TableServiceClient TableService => _tables.Value;

    public BlobServiceClient BlobService => _blobs.Value;

    public QueueServiceClient QueueService => _queues.Value;

    /// <summary>The table <c>{prefix}{suffix}</c> (letters and digits only). Does not create it.</summary>
    public TableClient Table(string suffix) => _tableClients.GetOrAdd(suffix, s => TableService.GetTableClient(TableName(s)));

    /// <summary>The blob container <c>{prefix}-{suffix}</c> (lower case and single hyphens). Does not create it.</summary>
    public BlobContainerClient Container(string suffix) => BlobService.GetBlobContainerClient(HyphenatedName(suffix));

    /// <summary>The queue <c>{prefix}-{suffix}</c> (lower case and single hyphens). Does not create it.</summary>
    public QueueClient Queue(string suffix) => QueueService.GetQueueClient(HyphenatedName(suffix));

    /// <summary><see cref="Table"/>, created if missing the first time it is asked for in this process.</summary>
    public async Task<TableClient> CreatedTableAsync(string suffix, CancellationToken cancellationToken = default)
    {
        var table = Table(suffix);
        await OnceAsync("table:" + table.Name, ct => table.CreateIfNotExistsAsync(ct), cancellationToken).ConfigureAwait(false);
        return table;
    }

    /// <summary><see cref="Container"/>, created if missing the first time it is asked for in this process.</summary>
    public async Task<BlobContainerClient> CreatedContainerAsync(string suffix, CancellationToken cancellationToken = default)
    {
        var container = Container(suffix);
        await OnceAsync("container:" + container.Name, ct => container.CreateIfNotExistsAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        return container;
    }

    /// <summary><see cref="Queue"/>, created if missing the first time it is asked for in this process.</summary>
    public async Task<QueueClient> CreatedQueueAsync(string suffix, CancellationToken cancellationToken = default)
    {
        var queue = Queue(suffix);
        await OnceAsync("queue:" + queue.Name, ct => queue.CreateIfNotExistsAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        return queue;
    }

    /// <summary>A cheap table service call (list at most one table); false when storage cannot be reached within a few seconds.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReachabilityTimeout);
        try
        {
            await foreach (var _ in TableService.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages().WithCancellation(timeout.Token).ConfigureAwait(false))
            {
                break;
            }

            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(_logger, e.GetType().Name, (e as RequestFailedException)?.Status ?? 0);
            return false;
        }
    }

    public string TableName(string suffix)
    {
        var name = new StringBuilder();
        foreach (var c in Prefix + suffix)
        {
            if (char.IsAsciiLetterOrDigit(c)) name.Append(char.ToLowerInvariant(c));
        }

        if (name.Length is < 3 or > 63)
        {
            throw new ArgumentException($"Table name '{name}' must be 3 to 63 letters or digits.", nameof(suffix));
        }

        return name.ToString();
    }

    public string HyphenatedName(string suffix)
    {
        var name = new StringBuilder();
        foreach (var c in Prefix + "-" + suffix)
        {
            var d = char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-';
            // Container and queue names allow no double hyphen.
            if (d == '-' && (name.Length == 0 || name[^1] == '-')) continue;
            name.Append(d);
        }

        while (name.Length > 0 && name[^1] == '-') name.Length--;
        if (name.Length is < 3 or > 63)
        {
            throw new ArgumentException($"Container or queue name '{name}' must be 3 to 63 characters.", nameof(suffix));
        }

        return name.ToString();
    }

    private async Task OnceAsync(string key, Func<CancellationToken, Task> create, CancellationToken cancellationToken)
    {
        // Creation is shared by every caller, so it must not be cancelled by the first caller's token.
        var lazy = _created.GetOrAdd(key, _ => new Lazy<Task>(() => create(CancellationToken.None)));
        try
        {
            await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (lazy.Value.IsFaulted)
        {
            // Let the next caller try again (storage may just have been starting).
            _created.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, lazy));
            throw;
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Azure Storage is not reachable ({ExceptionType}, status {Status}).")]
    private static partial void LogUnreachable(ILogger logger, string exceptionType, int status);
}
