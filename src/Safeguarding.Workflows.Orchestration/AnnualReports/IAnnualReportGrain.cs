using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Orchestration.AnnualReports;

/// <summary>One partnership's yearly report for one year. Key: <c>"{partnershipId}/annual-report/{year}"</c> (year like <c>2025-26</c>).</summary>
public interface IAnnualReportGrain : IProcessGrain
{
    /// <summary>Opens the report, or answers it as it is (unchanged) when it already exists.</summary>
    Task<Reply<AnnualReport>> OpenAsync(string actor);

    Task<AnnualReport?> GetAsync();

    /// <summary>Stores a section's Markdown as a new version and records it; the same text from the same contributor again is a no-op.</summary>
    Task<Reply<AnnualReport>> ContributeAsync(int section, Contributor contributor, string text, string actor);

    /// <summary>Reminds the owners of the sections not yet received, now; a second reminder the same day changes nothing.</summary>
    Task<Reply<AnnualReport>> RemindOwnersAsync(string actor);

    /// <summary>
    /// Compiles the sections (and the generated appendix) into <c>annual-report.html</c> and <c>annual-report.docx</c>;
    /// with <paramref name="withTimeliness"/>, the appendix holds the year's timeliness and attendance tables.
    /// </summary>
    Task<Reply<AnnualReport>> CompileAsync(string actor, bool withTimeliness);

    /// <summary>Records publication and sends the report to the Panel and to Foundations.</summary>
    Task<Reply<AnnualReport>> PublishAsync(DateOnly on, string url, string actor);
}
