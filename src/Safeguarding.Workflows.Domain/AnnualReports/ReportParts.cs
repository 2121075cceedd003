using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.AnnualReports;

/// <summary>The stable names of the yearly report's deadlines (docs/design/api.md).</summary>
public static class AnnualReportDeadlines
{
    public const string Contributions = "contributions";
    public const string Draft = "draft";
    public const string Publication = "publication";
    public const string Submission = "submission";
}

/// <summary>The stable names of the yearly report's timeline entries.</summary>
public static class AnnualReportEvents
{
    public const string Opened = "opened";
    public const string SectionOpened = "section-opened";
    public const string ContributionsReminded = "contributions-reminded";
    public const string ContributionsChased = "contributions-chased";
    public const string ContributionReceived = "contribution-received";
    public const string ContributionReplaced = "contribution-replaced";
    public const string Compiled = "compiled";
    public const string DraftIncomplete = "draft-incomplete";
    public const string Published = "published";
    public const string SubmittedToPanel = "submitted-to-panel";
    public const string SubmittedToFoundations = "submitted-to-foundations";
    public const string PublicationEscalated = "publication-escalated";
    public const string Cancelled = "cancelled";
}

/// <summary>The email templates the yearly report uses (<c>Notifications/Templates/annual-reports/</c>).</summary>
public static class AnnualReportTemplates
{
    public const string SectionOpened = "annual-reports/section-opened";
    public const string ContributionsReminder = "annual-reports/contributions-reminder";
    public const string ContributionChase = "annual-reports/contribution-chase";
    public const string DraftIncomplete = "annual-reports/draft-incomplete";
    public const string Submission = "annual-reports/submission";
    public const string PublicationOverdue = "annual-reports/publication-overdue";
}

/// <summary>Where the published report is sent. The law names both; a test deployment may redirect them.</summary>
public sealed record SubmissionAddresses(EmailRecipient Panel, EmailRecipient Foundations)
{
    public static SubmissionAddresses Statutory { get; } = new(
        new EmailRecipient("Child Safeguarding Practice Review Panel", "Mailbox.NationalReviewPanel@education.gov.uk"),
        new EmailRecipient("Foundations, the What Works Centre for Children & Families", "policy@foundations.org.uk"));
}

/// <summary>Who sent a section: a member of staff of an agency, never a child or family member.</summary>
public sealed record Contributor(string Name, string Email, string Agency);

/// <summary>
/// The text received for a section. The Markdown itself is kept as a versioned document (<c>section-NN.md</c>); the
/// state records which version is current and its SHA-256, so a repeated identical submission is recognised.
/// </summary>
/// <param name="FirstReceivedAt">When the section was first received (decides whether it was late).</param>
/// <param name="ReceivedAt">When the current text was received.</param>
/// <param name="Revisions">How many texts have been received, counting the first.</param>
public sealed record Contribution(Contributor By, int Version, string Sha256, int Characters, DateTimeOffset FirstReceivedAt, DateTimeOffset ReceivedAt, int Revisions);

/// <summary>Where a section stands: <c>awaited</c>, <c>received</c>, or <c>late</c> (not received and the contributions date has passed).</summary>
public enum SectionStatus
{
    Awaited,
    Received,
    Late,
}

/// <summary>One section of this year's report, with the people asked for it.</summary>
public sealed record ReportSection(
    int Number,
    string Title,
    bool Mandatory,
    SectionOwner Owner,
    ImmutableList<Contact> Owners,
    DateOnly DueOn,
    Contribution? Contribution = null)
{
    [JsonIgnore]
    public bool IsReceived => Contribution is not null;

    /// <summary>Received after 23:59:59 on the due date.</summary>
    [JsonIgnore]
    public bool ReceivedLate => Contribution is { } c && c.FirstReceivedAt > LondonTime.EndOfDay(DueOn);

    /// <summary>The document the section's Markdown is stored under.</summary>
    [JsonIgnore]
    public string DocumentName => DocumentNameOf(Number);

    public static string DocumentNameOf(int number) => $"section-{number:00}.md";
}

/// <summary>
/// The time-driven actions of a yearly report, planned as <see cref="ScheduledStep{TAction}"/>s whose target is the
/// deadline they serve (<see cref="AnnualReportDeadlines"/>).
/// </summary>
public enum AnnualReportAction
{
    ContributionsReminder,
    ContributionsChase,
    DraftCheck,
    PublicationEscalation,
}

/// <summary>A compilation of the report into <c>annual-report.html</c> and <c>annual-report.docx</c>.</summary>
/// <param name="Number">1 for the first compilation, and so on.</param>
/// <param name="Sections">The sections that had text and so are in the documents.</param>
/// <param name="WithTimeliness">Whether the appendix holds the year's timeliness and attendance tables (a compilation saved before the choice existed: true).</param>
public sealed record Compilation(int Number, DateTimeOffset At, int HtmlVersion, int DocxVersion, ImmutableList<int> Sections, bool WithTimeliness = true);

/// <summary>The report as published, and the evidence that it was sent to the Panel and to Foundations.</summary>
public sealed record Publication(DateOnly On, string Url, DateTimeOffset RecordedAt, ImmutableList<Submission> Submissions);

/// <summary>One submission of the published report: to whom (<c>panel</c> or <c>foundations</c>), and the email that carried it.</summary>
public sealed record Submission(string To, string Email, string MessageId, DateTimeOffset SentAt);

/// <summary>How a publication being recorded compares with what is already recorded.</summary>
public enum PublicationMatch
{
    NotYetPublished,
    Same,
    Different,
}
