using Safeguarding.Workflows.Domain.Drills;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.AnnualReports;
using Safeguarding.Workflows.Orchestration.Drills;
using Safeguarding.Workflows.Orchestration.Escalations;
using Safeguarding.Workflows.Orchestration.Meetings;
using Safeguarding.Workflows.Orchestration.PracticeReviews;
using Safeguarding.Workflows.Orchestration.RapidReviews;

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>A link to a form about the process, shown on its page.</summary>
public sealed record FormLink(string Text, string Href);

/// <summary>One fact a process page lists about the process (never an identifying detail), with a link to record it when missing.</summary>
public sealed record SummaryRow(string Id, string Key, string Value, FormLink? Action = null);

/// <summary>What every process page shows, whatever the kind: the fields of <see cref="IDurableProcess{TSelf}"/>, and the kind's facts and forms.</summary>
public sealed record ProcessSnapshot(string Title, ProcessStatus Status, IReadOnlyList<Deadline> Deadlines, IReadOnlyList<TimelineEntry> Timeline)
{
    public IReadOnlyList<SummaryRow> Summary { get; init; } = [];

    public IReadOnlyList<FormLink> Forms { get; init; } = [];
}

/// <summary>Reads a process's state from its grain, one line per kind (grains have no kind-independent read).</summary>
public sealed class ProcessSnapshots(IGrainFactory grains, IEnumerable<ProcessKindRegistration> kinds)
{
    private readonly Dictionary<string, string> plurals = kinds.ToDictionary(k => k.Kind, k => k.Plural);

    public IReadOnlyDictionary<string, string> Plurals => plurals;

    public string PluralOf(string kind) => plurals.GetValueOrDefault(kind, kind + "s");

    /// <summary>Null when the process does not exist or its kind has no reader here.</summary>
    public async Task<ProcessSnapshot?> ReadAsync(ProcessKey key) => key.Kind switch
    {
        ProcessKinds.RapidReview => await grains.GetGrain<IRapidReviewGrain>(key.ToString()).GetAsync() is { } review
            ? Snapshot(review) with
            {
                Summary = Pages.Forms.RapidReviews.OutcomeModel.Summary(review),
                Forms = [.. review.Agencies.Select(a => new FormLink($"Agency summary from {a.Agency}", $"/forms/rapid-reviews/{key.PartnershipId}/{key.Id}/agency-summary/{a.Slug}"))],
            }
            : null,
        ProcessKinds.Meeting => await grains.GetGrain<IMeetingGrain>(key.ToString()).GetAsync() is { } meeting
            ? Snapshot(meeting) with
            {
                Forms =
                [
                    .. meeting.Papers.Select(x => new FormLink($"Upload the paper “{x.Title}”", MeetingLinks.Upload(key, x.Id))),
                    new("Record attendance and declarations of interest", $"/forms/meetings/{key.PartnershipId}/{key.Id}/attendance"),
                    new("Record the notes and actions", $"/forms/meetings/{key.PartnershipId}/{key.Id}/notes"),
                ],
            }
            : null,
        ProcessKinds.PracticeReview => Of(await grains.GetGrain<IPracticeReviewGrain>(key.ToString()).GetAsync()),
        ProcessKinds.Escalation => Of(await grains.GetGrain<IEscalationGrain>(key.ToString()).GetAsync()) is { } escalation
            ? escalation with
            {
                Forms =
                [
                    new("Record a response, or that it is resolved", $"/forms/escalations/{key.PartnershipId}/{key.Id}/respond"),
                    new("Serve a formal notice", $"/forms/escalations/{key.PartnershipId}/{key.Id}/formal-notice"),
                ],
            }
            : null,
        ProcessKinds.AnnualReport => Of(await grains.GetGrain<IAnnualReportGrain>(key.ToString()).GetAsync()) is { } report
            ? report with { Forms = [new("Sections, compilation and publication", $"/forms/annual-reports/{key.PartnershipId}/{key.Id}")] }
            : null,
        DrillProcess.Kind => Of(await grains.GetGrain<IDrillGrain>(key.ToString()).GetAsync()),
        _ => null,
    };

    private static ProcessSnapshot? Of<T>(T? process) where T : class, IDurableProcess<T> => process is null ? null : Snapshot(process);

    private static ProcessSnapshot Snapshot<T>(T process) where T : class, IDurableProcess<T> =>
        new(process.Title, process.Status, process.Deadlines, process.Timeline);
}
