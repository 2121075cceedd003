using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Meetings;

/// <summary>
/// <c>/partnerships/{p}/meetings/{id}/cancel</c>: the reason, then "check your answers" (cancelling cannot be undone),
/// then <see cref="MeetingCommands.CancelAsync"/> and Post/Redirect/Get to the meeting with a success banner.
/// </summary>
public sealed class CancelModel(PartnershipDirectory partnerships, MeetingCommands commands)
    : CancelForm<Meeting>(partnerships, commands.GetAsync, commands.CancelAsync, new("meeting", "cancel", "cancelled"))
{
    public Meeting Meeting => Process;

    public Task<IActionResult> OnGetAsync(string p, string id, [FromQuery] string? reason) => AskAsync(p, id, reason);

    public Task<IActionResult> OnPostAsync(string p, string id) => CheckAsync(p, id);

    public Task<IActionResult> OnPostConfirmAsync(string p, string id) => ConfirmAsync(p, id);

    /// <summary>The authors still asked for a paper, who will be told it is no longer needed.</summary>
    public int AwaitedAuthors => Meeting.Papers.Count(x => x.Status == PaperStatus.Awaited);

    protected override string CancelledLink(string p, string id) => $"/partnerships/{p}/meetings/{id}?done=cancelled";
}
