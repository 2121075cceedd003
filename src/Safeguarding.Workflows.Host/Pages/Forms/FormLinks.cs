using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Pages.Forms;

/// <summary>
/// The contributor links the forms accept (<c>?link=...</c>, see <see cref="ContributorLinks"/>): each opens one form
/// for one item of one process. None is single-use, because each form keeps versions and invites corrections from the
/// same link until it expires.
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
