using System.ComponentModel.DataAnnotations;
using Safeguarding.Workflows.Domain.AnnualReports;

namespace Safeguarding.Workflows.Orchestration.AnnualReports;

/// <summary>
/// The <c>AnnualReports</c> configuration section. The two addresses are the ones the law names; a test or training
/// deployment sets its own so that practice reports never reach the Panel or Foundations.
/// </summary>
public sealed class AnnualReportOptions
{
    public const string Section = "AnnualReports";

    /// <summary>The Child Safeguarding Practice Review Panel's mailbox.</summary>
    [Required, EmailAddress]
    public string PanelEmail { get; set; } = SubmissionAddresses.Statutory.Panel.Email;

    /// <summary>Foundations, the What Works Centre for Children &amp; Families.</summary>
    [Required, EmailAddress]
    public string FoundationsEmail { get; set; } = SubmissionAddresses.Statutory.Foundations.Email;

    /// <summary>The longest section text accepted, in characters (Markdown).</summary>
    [Range(1_000, 1_000_000)]
    public int MaxSectionCharacters { get; set; } = 100_000;

    public SubmissionAddresses Addresses => new(
        SubmissionAddresses.Statutory.Panel with { Email = PanelEmail },
        SubmissionAddresses.Statutory.Foundations with { Email = FoundationsEmail });
}
