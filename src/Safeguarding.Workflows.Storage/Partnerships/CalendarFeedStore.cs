using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace Safeguarding.Workflows.Storage.Partnerships;

/// <summary>A subscribable deadline calendar: whose it is and who made it. <see cref="Id"/> names it for revoking; the secret is not kept.</summary>
/// <remarks><see cref="For"/> is words for a partnership's feed, or <c>person:</c> and an email address for one person's (<see cref="ForPerson"/>).</remarks>
public sealed record CalendarFeed(string Id, string PartnershipId, string For, DateTimeOffset CreatedAt, string CreatedBy)
{
    public const string PersonPrefix = "person:";

    /// <summary>The email address of the person whose feed this is; null for a partnership's feed.</summary>
    public string? PersonEmail => For.StartsWith(PersonPrefix, StringComparison.Ordinal) ? For[PersonPrefix.Length..] : null;

    public static string ForPerson(string email) => PersonPrefix + email.Trim().ToLowerInvariant();
}

/// <summary>
/// The secret calendar addresses a business unit has made (table <c>{prefix}calendarfeeds</c>). Only a hash of each
/// secret is stored, so the table cannot be read back into working addresses; revoking deletes the row and the
/// address stops working at once.
/// </summary>
public sealed class CalendarFeedStore(StorageClients clients)
{
    public const string TableSuffix = "calendarfeeds";
    private const string Partition = "feed";

    /// <summary>Makes a feed and returns its secret (shown once, in the address).</summary>
    public async Task<string> CreateAsync(string partnershipId, string forWhom, string createdBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        await table.AddEntityAsync(
            new TableEntity(Partition, Hash(secret)) { ["PartnershipId"] = partnershipId, ["For"] = forWhom, ["CreatedAt"] = at, ["CreatedBy"] = createdBy },
            cancellationToken).ConfigureAwait(false);
        return secret;
    }

    /// <summary>The feed a secret opens, or null (unknown, revoked, or not a secret of ours).</summary>
    public async Task<CalendarFeed?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        if (secret.Length is < 20 or > 100)
        {
            return null;
        }

        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Hash(secret), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? Feed(entity) : null;
    }

    public async Task<IReadOnlyList<CalendarFeed>> ListAsync(string partnershipId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var feeds = new List<CalendarFeed>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and PartnershipId eq {partnershipId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            feeds.Add(Feed(row));
        }

        return [.. feeds.OrderBy(f => f.CreatedAt)];
    }

    /// <summary>Revokes a feed of the partnership; false when it has no such feed.</summary>
    public async Task<bool> RevokeAsync(string partnershipId, string id, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity || entity.GetString("PartnershipId") != partnershipId)
        {
            return false;
        }

        await table.DeleteEntityAsync(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static CalendarFeed Feed(TableEntity row) =>
        new(row.RowKey, row.GetString("PartnershipId"), row.GetString("For"), row.GetDateTimeOffset("CreatedAt") ?? default, row.GetString("CreatedBy"));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => clients.CreatedTableAsync(TableSuffix, cancellationToken);
}
