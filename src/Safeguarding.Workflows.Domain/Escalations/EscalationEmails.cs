using System.Globalization;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Escalations;

/// <summary>The escalation email templates (<c>Templates/escalations/</c> in the Notifications project).</summary>
public static class EscalationTemplates
{
    public const string Raised = "escalations/raised";
    public const string ImmediateRisk = "escalations/immediate-risk";
    public const string StageReminder = "escalations/stage-reminder";
    public const string Escalated = "escalations/escalated";
    public const string Resolved = "escalations/resolved";
    public const string FormalNoticePrompt = "escalations/formal-notice-prompt";
    public const string FormalNoticeReminder = "escalations/formal-notice-reminder";
    public const string FormalNoticeServed = "escalations/formal-notice-served";
    public const string RequirementChase = "escalations/requirement-chase";
    public const string NoticeCompliedWith = "escalations/notice-complied-with";
    public const string ReferralPrompt = "escalations/referral-prompt";
    public const string Cancelled = "common/process-cancelled";
}

/// <summary>
/// Builds the escalation's emails. They carry references, agency names, stage names, dates and relative links only:
/// never the summary, an outcome, a response note or a required change, which are free text and stay behind sign-in.
/// </summary>
internal static class EscalationEmails
{
    public static OutgoingEmail Create(Escalation e, string template, string action, string target, DateOnly on, IEnumerable<EmailRecipient> to, DateTimeOffset now, IReadOnlyDictionary<string, string>? values = null)
    {
        var all = new Dictionary<string, string>
        {
            ["partnershipName"] = e.PartnershipName,
            ["reference"] = e.ShownReference,
            ["raisedByAgency"] = e.Request.RaisedBy.Agency,
            ["concerningAgency"] = e.Request.Concerning.Agency,
            ["link"] = Link(e.Key),
        };
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return new OutgoingEmail(
            $"{e.Key}/{action}/{target}/{Date(on)}",
            e.Key.PartnershipId,
            e.Key.ToString(),
            template,
            to.DistinctBy(r => r.Email, StringComparer.OrdinalIgnoreCase).ToList(),
            all,
            now);
    }

    /// <summary>The escalation's page (relative).</summary>
    public static string Link(ProcessKey key) =>
        $"/partnerships/{Uri.EscapeDataString(key.PartnershipId)}/escalations/{Uri.EscapeDataString(key.Id)}";

    /// <summary>The values that name a stage: <c>stage</c>, <c>stageName</c>, <c>resolveBy</c>.</summary>
    public static Dictionary<string, string> StageValues(StagePlan stage) => new()
    {
        ["stage"] = stage.Number.ToString(CultureInfo.InvariantCulture),
        ["stageName"] = stage.Name,
        ["resolveBy"] = Date(stage.DueOn),
    };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
