using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Forms.Meetings;

namespace Safeguarding.Workflows.Host.Pages.Meetings;

/// <summary>
/// <c>/partnerships/{p}/meetings/{id}/actions/{actionId}/complete</c>: the action as agreed, to check, and a button
/// that marks it done with <see cref="MeetingCommands.CompleteActionAsync"/> (its reminder and chase stop; with every
/// action done the meeting is complete); then Post/Redirect/Get to the meeting with a success banner.
/// </summary>
public sealed class CompleteActionModel(PartnershipDirectory partnerships, MeetingCommands commands) : MeetingForm(partnerships, commands)
{
    public MeetingAction Action { get; private set; } = null!;

    /// <summary>The other actions still open, for the warning that the meeting completes with this one.</summary>
    public int OthersOpen => Process.Actions.Count(a => a.CompletedAt is null && a.Id != Action.Id);

    public async Task<IActionResult> OnGetAsync(string p, string id, string actionId)
    {
        if (await FindActionAsync(p, id, actionId) is { } notFound)
        {
            return notFound;
        }

        return Action.CompletedAt is null && Process.Status == ProcessStatus.Open ? Page() : Redirect($"/partnerships/{p}/meetings/{id}");
    }

    public async Task<IActionResult> OnPostAsync(string p, string id, string actionId)
    {
        if (await FindActionAsync(p, id, actionId) is { } notFound)
        {
            return notFound;
        }

        var reply = await Commands.CompleteActionAsync(p, id, actionId, RequestActor.Of(HttpContext));
        return BackToMeeting(reply, p, id, $"action-completed&action={Uri.EscapeDataString(actionId)}", "complete", "The action could not be marked as done");
    }

    private async Task<IActionResult?> FindActionAsync(string p, string id, string actionId)
    {
        (var notFound, Action) = await FindItemAsync(p, id, m => m.Action(actionId), $"The meeting has no action '{actionId}'.");
        return notFound;
    }
}
