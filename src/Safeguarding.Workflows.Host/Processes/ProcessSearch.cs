using System.Globalization;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Processes;

/// <summary>
/// The list of a partnership's processes, from the process index (Orleans has no cross-grain query): the API's
/// <c>GET .../processes</c> and the dashboard's search both read it, with the same filters and the same refusals.
/// </summary>
public sealed class ProcessSearch(ProcessGrains grains, ProcessIndex index)
{
    /// <summary>The filters as the query string gives them; each is checked here, a refusal naming its field.</summary>
    public sealed record Filters(string? Kind, string? Status, string? Overdue, string? DueBefore, string? Top, string? ContinuationToken);

    /// <summary>A page of processes, or the field (and why) a filter was refused.</summary>
    public sealed record Found(IReadOnlyList<ProcessIndexEntry> Items, string? ContinuationToken, string? Field = null, string? Message = null);

    public async Task<Found> SearchAsync(string partnershipId, Filters filters, CancellationToken cancellationToken)
    {
        if (filters.Kind is not null && !grains.IsKnownKind(filters.Kind))
        {
            return Refused("kind", $"Unknown kind '{filters.Kind}'. Use one of: {string.Join(", ", grains.Kinds)}.");
        }

        ProcessStatus? statusFilter = null;
        if (filters.Status is not null)
        {
            if (!ApiNames.TryParseStatus(filters.Status, out var parsed))
            {
                return Refused("status", "Use open, completed or cancelled.");
            }

            statusFilter = parsed;
        }

        bool? overdueFilter = null;
        if (filters.Overdue is not null)
        {
            if (!bool.TryParse(filters.Overdue, out var parsed))
            {
                return Refused("overdue", "Use true or false.");
            }

            overdueFilter = parsed;
        }

        DateOnly? dueBeforeFilter = null;
        if (filters.DueBefore is not null)
        {
            if (!DateOnly.TryParseExact(filters.DueBefore, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Refused("dueBefore", "Use a date as YYYY-MM-DD.");
            }

            dueBeforeFilter = parsed;
        }

        var pageSize = 50;
        if (filters.Top is not null && (!int.TryParse(filters.Top, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            return Refused("top", "Use a whole number from 1 to 1000.");
        }

        ProcessPage page;
        try
        {
            page = await index.QueryAsync(partnershipId, new ProcessQuery(filters.Kind, statusFilter, overdueFilter, dueBeforeFilter, pageSize, filters.ContinuationToken), cancellationToken);
        }
        catch (ArgumentException)
        {
            return Refused("continuationToken", "This continuation token is not one this service gave out.");
        }

        return new Found(page.Items, page.ContinuationToken);
    }

    private static Found Refused(string field, string message) => new([], null, field, message);
}
