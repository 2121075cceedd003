using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Meetings;

/// <summary>
/// <c>/partnerships/{p}/meetings/{id}/cancel</c>: the reason, then "check your answers" (cancelling cannot be undone),
/// then <see cref="MeetingCommands.CancelAsync"/> and Post/Redirect/Get to the meeting with a success banner.
/// </summary>
public sealed class CancelModel(PartnershipDirectory partnerships, MeetingCommands commands) : ProcessForm<Meeting>(partnerships, commands.GetAsync)
{
    public const int MaxReason = 1000;

    public Meeting Meeting => Process;

    /// <summary>Showing the answers to check, rather than the question.</summary>
    public bool Checking { get; private set; }

    /// <summary>The question; with <paramref name="reason"/> (from "Change" on the check page) filled in.</summary>
    public async Task<IActionResult> OnGetAsync(string p, string id, [FromQuery] string? reason)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        Form.Set("reason", reason?.Trim() ?? "");
        return Page();
    }

    /// <summary>The reason given: check it (or say what is wrong), then ask for confirmation.</summary>
    public async Task<IActionResult> OnPostAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        if (!ReasonIsGood())
        {
            return Invalid();
        }

        Checking = true;
        return Page();
    }

    /// <summary>Confirmed: cancel.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        if (!ReasonIsGood())
        {
            return Invalid();
        }

        var reply = await commands.CancelAsync(p, id, Form.Value("reason"), RequestActor.Of(HttpContext));
        if (reply.Outcome == DecisionOutcome.NotFound)
        {
            return PageResults.NotFound(reply.Message ?? "There is no such meeting.");
        }

        if (!reply.Succeeded)
        {
            Form.Fail("reason", reply.Outcome == DecisionOutcome.NotOpen ? "This meeting is no longer open, so it cannot be cancelled" : reply.Message ?? "The meeting could not be cancelled");
            return Invalid();
        }

        return Redirect($"/partnerships/{p}/meetings/{id}?done=cancelled");
    }

    /// <summary>The authors still asked for a paper, who will be told it is no longer needed.</summary>
    public int AwaitedAuthors => Meeting.Papers.Count(x => x.Status == PaperStatus.Awaited);

    private bool ReasonIsGood()
    {
        var reason = Form.Value("reason");
        if (reason.Length == 0)
        {
            Form.Fail("reason", "Enter why the meeting is cancelled");
        }
        else if (reason.Length > MaxReason)
        {
            Form.Fail("reason", $"The reason must be {MaxReason} characters or fewer");
        }
        else if (reason.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
        {
            Form.Fail("reason", ForbiddenText);
        }

        return !Form.HasErrors;
    }
}
