using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Forms.Meetings;

/// <summary>
/// <c>/forms/meetings/{p}/{id}/papers/{paperId}</c> (the link in the paper request, reminders and chases): upload a
/// paper for a meeting. The posted file goes to <see cref="MeetingCommands.ReceivePaperAsync"/>, as the API's
/// <c>PUT .../meetings/{id}/papers/{paperId}</c> does, which checks the type and size and stores a new version.
/// </summary>
// The page lifts the host's 1 MiB body limit as far as the largest paper the service can be configured to take; the
// command then holds the upload to Meetings:MaxPaperBytes.
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class PaperModel(PartnershipDirectory partnerships, MeetingCommands commands) : FormPage
{
    public const long MaxUploadBytes = (1L << 30) + (1024 * 1024);

    public MeetingView Meeting { get; private set; } = null!;

    public MeetingView.PaperView Paper { get; private set; } = null!;

    public long MaxPaperBytes => commands.MaxPaperBytes;

    public async Task<IActionResult> OnGetAsync(string p, string id, string paperId) => await FindAsync(p, id, paperId) ?? Page();

    public async Task<IActionResult> OnPostAsync(string p, string id, string paperId, CancellationToken cancellationToken)
    {
        if (await FindAsync(p, id, paperId) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var file = Request.Form.Files.GetFile("file");
        var chosen = file is { Length: > 0 };
        var receipt = await commands.ReceivePaperAsync(p, id, paperId, PaperUpload.From(file), RequestActor.Of(HttpContext), cancellationToken);

        // A refused file (too large, not a paper) is said as the command says it, on the file field.
        var outcome = receipt.Refused is { } refused ? new PageOutcome(refused.StatusCode, null, null, refused.Message) : PageOutcome.Of(receipt.Reply);
        return Answer(outcome, Labels, () =>
        {
            var meeting = outcome.ValueAs<Domain.Meetings.Meeting>();
            var paper = MeetingView.Paper(meeting, meeting.Paper(paperId)!);
            return new Confirmation(
                "Paper received",
                $"{Meeting.Title}: {paper.Title}, version {paper.Version}",
                [paper.Status == "late"
                    ? "The papers have already been sent out, so yours goes to members now as a late paper."
                    : $"It will be sent to members with the agenda on {Show.Date(Meeting.CirculationOn)}.",
                 "To replace it, upload a new version from the same link before then."]);
        }, chosen ? null : new { file = (string?)null });
    }

    private async Task<IActionResult?> FindAsync(string p, string id, string paperId)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        if ((await commands.GetAsync(p, id)).Process is not { } meeting || meeting.Paper(paperId) is not { } paper)
        {
            return PageResults.NotFound("There is no request for a paper at this address.");
        }

        Partnership = partnership;
        Meeting = MeetingView.From(meeting);
        Paper = MeetingView.Paper(meeting, paper);
        return null;
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["file"] = new("The paper", "Select the paper to upload"),
    };
}
