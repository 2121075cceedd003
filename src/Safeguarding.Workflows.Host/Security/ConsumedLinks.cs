using Azure;
using Azure.Data.Tables;
using Safeguarding.Workflows.Storage;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>
/// The single-use links that have been used: table <c>{prefix}usedlinks</c>, PartitionKey = link id, one row each.
/// Claiming inserts the row, so of two simultaneous submissions with the same link exactly one gets through.
/// </summary>
public sealed class ConsumedLinks(StorageClients storage)
{
    public const string TableSuffix = "usedlinks";

    /// <summary>True when this call used the link; false when it had been used already.</summary>
    public async Task<bool> TryConsumeAsync(ContributorLink link, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await storage.CreatedTableAsync(TableSuffix, cancellationToken);
        var entity = new TableEntity(link.Id, "")
        {
            ["Purpose"] = link.Purpose,
            ["ConsumedAt"] = at,
            // Lets a clean-up job remove rows whose link can no longer be presented anyway.
            ["ExpiresAt"] = link.ExpiresAt,
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            return false;
        }
    }

    /// <summary>Gives the link back after a submission that was refused (a 4xx or a failure), so it can be corrected and sent again.</summary>
    public async Task ReleaseAsync(ContributorLink link, CancellationToken cancellationToken)
    {
        var table = await storage.CreatedTableAsync(TableSuffix, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(link.Id, "", ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
        }
    }
}
