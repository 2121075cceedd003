using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Orchestration.AnnualReports;

/// <summary>One partnership's yearly report for one year. Key: <c>"{partnershipId}/annual-report/{year}"</c> (year like <c>2025-26</c>).</summary>
public interface IAnnualReportGrain : IProcessGrain
{
    /// <summary>Opens the report, or returns it as it is when it already exists (<see cref="AnnualReportOutcome.Unchanged"/>).</summary>
    Task<AnnualReportResult> OpenAsync(string actor);

    Task<AnnualReport?> GetAsync();

    /// <summary>Stores a section's Markdown as a new version and records it; the same text from the same contributor again is a no-op.</summary>
    Task<AnnualReportResult> ContributeAsync(int section, Contributor contributor, string text, string actor);

    /// <summary>Compiles the sections (and the generated appendix) into <c>annual-report.html</c> and <c>annual-report.docx</c>.</summary>
    Task<AnnualReportResult> CompileAsync(string actor);

    /// <summary>Records publication and sends the report to the Panel and to Foundations.</summary>
    Task<AnnualReportResult> PublishAsync(DateOnly on, string url, string actor);
}

/// <summary>How a call on a yearly report ended, for the endpoints to turn into 200/201/404/409.</summary>
[GenerateSerializer, Alias("sgw.AnnualReportOutcome")]
public enum AnnualReportOutcome
{
    /// <summary>Created or changed.</summary>
    Done,

    /// <summary>Asked again with what is already recorded: nothing changed.</summary>
    Unchanged,

    NotFound,
    NoSuchSection,

    /// <summary>Cancelled, or already published.</summary>
    NotOpen,

    /// <summary>A publication different from the one recorded.</summary>
    Conflict,

    /// <summary>Mandatory sections have no text; <see cref="AnnualReportResult.Sections"/> lists them.</summary>
    MandatorySectionsMissing,

    /// <summary>The partnership's settings do not allow a report (see <see cref="AnnualReportResult.Message"/>).</summary>
    InvalidArrangements,
}

[GenerateSerializer, Alias("sgw.AnnualReportResult")]
public sealed record AnnualReportResult(
    [property: Id(0)] AnnualReportOutcome Outcome,
    [property: Id(1)] AnnualReport? Report,
    [property: Id(2)] IReadOnlyList<int>? Sections = null,
    [property: Id(3)] string? Message = null);
