using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Forms.Meetings;

namespace Safeguarding.Workflows.Host.Pages.Meetings;

/// <summary>
/// <c>/partnerships/{p}/meetings/{id}/papers/{paperId}/withdraw</c>: the reason, then "check your answers" (a
/// withdrawn paper cannot be put back), then <see cref="MeetingCommands.WithdrawPaperAsync"/> and Post/Redirect/Get to
/// the meeting with a success banner.
/// </summary>
public sealed class WithdrawPaperModel(PartnershipDirectory partnerships, MeetingCommands commands) : MeetingForm(partnerships, commands)
{
    public const int MaxReason = 1000;

    public Paper Paper { get; private set; } = null!;

    /// <summary>Showing the answers to check, rather than the question.</summary>
    public bool Checking { get; private set; }

    public async Task<IActionResult> OnGetAsync(string p, string id, string paperId, [FromQuery] string? reason)
    {
        if (await FindPaperAsync(p, id, paperId) is { } notFound)
        {
            return notFound;
        }

        if (!CanWithdraw)
        {
            return Redirect($"/partnerships/{p}/meetings/{id}");
        }

        Form.Set("reason", reason?.Trim() ?? "");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string p, string id, string paperId)
    {
        if (await FindPaperAsync(p, id, paperId) is { } notFound)
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

    public async Task<IActionResult> OnPostConfirmAsync(string p, string id, string paperId)
    {
        if (await FindPaperAsync(p, id, paperId) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        if (!ReasonIsGood())
        {
            return Invalid();
        }

        var reply = await Commands.WithdrawPaperAsync(p, id, paperId, Form.Value("reason"), RequestActor.Of(HttpContext));
        return BackToMeeting(reply, p, id, $"paper-withdrawn&paper={Uri.EscapeDataString(paperId)}", "reason", "The paper could not be withdrawn");
    }

    /// <summary>A paper on the agenda of a meeting that is open and has not taken place.</summary>
    public bool CanWithdraw => Paper.OnAgenda && Process.Status == ProcessStatus.Open && Process.Attendance is null;

    private async Task<IActionResult?> FindPaperAsync(string p, string id, string paperId)
    {
        (var notFound, Paper) = await FindItemAsync(p, id, m => m.Paper(paperId), $"The meeting has no paper '{paperId}'.");
        return notFound;
    }

    private bool ReasonIsGood()
    {
        var reason = Form.Value("reason");
        if (reason.Length == 0)
        {
            Form.Fail("reason", "Enter why the paper is withdrawn");
        }
        else if (reason.Length > MaxReason)
        {
            Form.Fail("reason", $"The reason must be {MaxReason} characters or fewer");
        }
        else if (reason.Any(char.IsControl))
        {
            Form.Fail("reason", ForbiddenText);
        }

        return !Form.HasErrors;
    }
}
