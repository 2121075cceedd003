using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>
/// One row of the process index: what the listing endpoints and the simulated clock need to know about a process
/// without activating its grain. <see cref="Title"/> must be non-identifying (never a child's name).
/// </summary>
/// <param name="OverdueCount">How many deadlines are missed and still not done.</param>
/// <param name="NextWakeAt">When the process next needs waking; null when nothing is scheduled.</param>
/// <param name="OpenDeadlines">Its deadlines still pending or overdue, for the dashboard; null in a row saved before they were kept.</param>
/// <param name="Owed">What named people owe it and have not yet done, for their own calendars; null in a row saved before it was kept.</param>
/// <param name="Version">The row's ETag when read or just saved (not a column): a process's history is the same while it is.</param>
/// <param name="EarliestDueOn">The earliest date of any of its deadlines, met, waived or not (null when it has none, or in a row saved before it was kept): a year's timeliness report leaves out a process created after the year whose deadlines all fall after it.</param>
public sealed record ProcessIndexEntry(
    string PartnershipId,
    string Kind,
    string Id,
    ProcessStatus Status,
    string? Title,
    string? NextDeadlineName,
    DateOnly? NextDeadlineDueOn,
    DateTimeOffset? NextDeadlineDueAt,
    int OverdueCount,
    DateTimeOffset? NextWakeAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<Deadline>? OpenDeadlines = null,
    IReadOnlyList<OwedItem>? Owed = null,
    string? Version = null,
    DateOnly? EarliestDueOn = null)
{
    [JsonIgnore]
    public ProcessKey Key => new(PartnershipId, Kind, Id);
}

/// <summary>
/// A filter over one partnership's processes. Every set field must match.
/// </summary>
/// <param name="Kind">A process kind such as <c>rapid-review</c>.</param>
/// <param name="Overdue">true: at least one overdue deadline; false: none.</param>
/// <param name="DueBefore">Next deadline due strictly before this date.</param>
/// <param name="Top">Page size, 1 to 1000.</param>
/// <param name="ContinuationToken">From the previous <see cref="ProcessPage"/>; null for the first page.</param>
public sealed record ProcessQuery(
    string? Kind = null,
    ProcessStatus? Status = null,
    bool? Overdue = null,
    DateOnly? DueBefore = null,
    int Top = 50,
    string? ContinuationToken = null);

/// <summary>One page of a <see cref="ProcessQuery"/>; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record ProcessPage(IReadOnlyList<ProcessIndexEntry> Items, string? ContinuationToken);
