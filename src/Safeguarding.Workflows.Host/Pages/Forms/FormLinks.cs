using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Pages.Forms;

/// <summary>
/// The contributor links the forms accept (<c>?link=...</c>, see <see cref="ContributorLinks"/>): each opens one form
/// for one item of one process. None is single-use: each form keeps every version it is sent, and a contributor corrects
/// a summary, a paper or a section from the same link until it expires (a purpose could be made single-use with
/// <see cref="LinkPurpose.SingleUse"/>; docs/operations.md, "Sign-in", says which are).
/// </summary>
public static class FormLinks
{
    /// <summary>An agency's summary for a rapid review; item: the agency's slug.</summary>
    public static readonly LinkPurpose AgencySummary = new("agency-summary");

    /// <summary>An author's paper for a meeting; item: the paper's id.</summary>
    public static readonly LinkPurpose MeetingPaper = new("meeting-paper");

    /// <summary>A contributor's section of a yearly report; item: the section's number.</summary>
    public static readonly LinkPurpose ReportSection = new("annual-report-section");
}
