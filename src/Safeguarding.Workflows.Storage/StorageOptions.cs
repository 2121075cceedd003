using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Safeguarding.Workflows.Storage;

/// <summary>
/// Where durable state lives: configuration section <c>Storage</c>.
/// A connection string wins; without one, <see cref="AccountName"/> (or the explicit service URIs) is used with
/// <c>DefaultAzureCredential</c> (managed identity in Azure); with neither, Azurite (<c>UseDevelopmentStorage=true</c>).
/// </summary>
public sealed partial class StorageOptions
{
    public const string SectionName = "Storage";
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";
    public const string DefaultPrefix = "sgw";

    /// <summary>Connection string (may carry an account key: never logged, never shown by <see cref="ToString"/>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Starts every table, container and queue name, like a Durable Functions task hub name: two deployments (or two
    /// test classes) with different prefixes never see each other's state. Letters and digits, starting with a letter.
    /// </summary>
    public string Prefix { get; set; } = DefaultPrefix;

    /// <summary>Storage account for managed identity; gives the three service URIs unless they are set explicitly.</summary>
    public string? AccountName { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>True when the clients authenticate with <c>DefaultAzureCredential</c> rather than a connection string.</summary>
    public bool UsesTokenCredential =>
        string.IsNullOrWhiteSpace(ConnectionString)
        && (!string.IsNullOrWhiteSpace(AccountName) || TableServiceUri is not null || BlobServiceUri is not null || QueueServiceUri is not null);

    /// <summary>The connection string actually used when <see cref="UsesTokenCredential"/> is false.</summary>
    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) ? DevelopmentConnectionString : ConnectionString;

    public Uri? EffectiveTableServiceUri => TableServiceUri ?? AccountUri("table");

    public Uri? EffectiveBlobServiceUri => BlobServiceUri ?? AccountUri("blob");

    public Uri? EffectiveQueueServiceUri => QueueServiceUri ?? AccountUri("queue");

    private Uri? AccountUri(string service) =>
        string.IsNullOrWhiteSpace(AccountName) ? null : new Uri($"https://{AccountName}.{service}.core.windows.net/");

    /// <summary>Says how storage is reached without revealing any secret.</summary>
    public override string ToString() => UsesTokenCredential
        ? $"Storage {{ Prefix = {Prefix}, Auth = DefaultAzureCredential, Tables = {EffectiveTableServiceUri} }}"
        : $"Storage {{ Prefix = {Prefix}, Auth = connection string{(IsDevelopmentStorage ? " (development storage)" : " (secrets redacted)")} }}";

    private bool IsDevelopmentStorage =>
        EffectiveConnectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    internal static partial Regex PrefixPattern();

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    internal static partial Regex AccountNamePattern();
}

/// <summary>Checks <see cref="StorageOptions"/> at start; every message names the setting at fault (and never echoes a secret).</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        const string section = StorageOptions.SectionName;

        if (options.Prefix is null || !StorageOptions.PrefixPattern().IsMatch(options.Prefix))
        {
            errors.Add($"{section}:Prefix must be 1 to 40 letters or digits starting with a letter (it begins every table, container and queue name); got '{options.Prefix}'.");
        }

        if (!string.IsNullOrWhiteSpace(options.AccountName) && !StorageOptions.AccountNamePattern().IsMatch(options.AccountName))
        {
            errors.Add($"{section}:AccountName must be 3 to 24 lower-case letters or digits; got '{options.AccountName}'.");
        }

        foreach (var (key, uri) in new[]
                 {
                     ("TableServiceUri", options.TableServiceUri),
                     ("BlobServiceUri", options.BlobServiceUri),
                     ("QueueServiceUri", options.QueueServiceUri),
                 })
        {
            if (uri is not null && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            {
                errors.Add($"{section}:{key} must be an absolute http(s) URI.");
            }
        }

        if (options.UsesTokenCredential)
        {
            if (options.EffectiveTableServiceUri is null) errors.Add($"{section}:TableServiceUri (or {section}:AccountName) is required when {section}:ConnectionString is not set.");
            if (options.EffectiveBlobServiceUri is null) errors.Add($"{section}:BlobServiceUri (or {section}:AccountName) is required when {section}:ConnectionString is not set.");
            if (options.EffectiveQueueServiceUri is null) errors.Add($"{section}:QueueServiceUri (or {section}:AccountName) is required when {section}:ConnectionString is not set.");
        }
        else if (!IsUsableConnectionString(options.EffectiveConnectionString))
        {
            // The value itself may hold an account key, so it is never repeated here.
            errors.Add($"{section}:ConnectionString is not a valid Azure Storage connection string with table, blob and queue endpoints.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsUsableConnectionString(string connectionString)
    {
        try
        {
            // Constructing clients parses the string and touches no network.
            _ = new TableServiceClient(connectionString);
            _ = new BlobServiceClient(connectionString);
            _ = new QueueServiceClient(connectionString);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
