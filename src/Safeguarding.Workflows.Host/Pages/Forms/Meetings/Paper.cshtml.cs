using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Host.Pages.Forms.Meetings;

/// <summary>
/// <c>/forms/meetings/{p}/{id}/papers/{paperId}</c> (the link in the paper request, reminders and chases): upload a
/// paper for a meeting. The posted form goes to the API's own handler (<c>PUT .../meetings/{id}/papers/{paperId}</c>,
/// multipart field <c>file</c>), which checks the type and size and stores a new version.
/// </summary>
// The page lifts the host's 1 MiB body limit as far as the largest paper the service can be configured to take; the
// API handler then holds the upload to Meetings:MaxPaperBytes.
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class PaperModel(
    PartnershipDirectory partnerships, IGrainFactory grains, DocumentStore documents, WorkflowClock clock, IOptions<MeetingsOptions> options, ILoggerFactory loggers) : FormPage
{
    public const long MaxUploadBytes = (1L << 30) + (1024 * 1024);

    public MeetingView Meeting { get; private set; } = null!;

    public MeetingView.PaperView Paper { get; private set; } = null!;

    public long MaxPaperBytes => options.Value.MaxPaperBytes;

    public async Task<IActionResult> OnGetAsync(string p, string id, string paperId) => await FindAsync(p, id, paperId) ?? Page();

    public async Task<IActionResult> OnPostAsync(string p, string id, string paperId, CancellationToken cancellationToken)
    {
        if (await FindAsync(p, id, paperId) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var chosen = Request.Form.Files.GetFile("file") is { Length: > 0 };
        var outcome = await PageOutcome.Of(MeetingsApi.UploadPaper(p, id, paperId, Request, partnerships, grains, documents, clock, options, loggers, cancellationToken));
        return Answer(outcome, Labels, () =>
        {
            var paper = outcome.ValueAs<MeetingView.PaperView>();
            return new Confirmation(
                "Paper received",
                $"{Meeting.Title}: {paper.Title}, version {paper.Version}",
                [paper.Status == "late"
                    ? "The papers have already been sent out, so yours goes to members now as a late paper."
                    : $"It will be sent to members with the agenda on {Show.Date(Meeting.CirculationOn)}.",
                 "To replace it, upload a new version from the same link before then."]);
        }, chosen ? null : Body(new { file = (string?)null }));
    }

    private async Task<IActionResult?> FindAsync(string p, string id, string paperId)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var found = PageOutcome.Of(await MeetingsApi.GetMeeting(p, id, partnerships, grains));
        if (!found.Succeeded || found.ValueAs<MeetingView>().Papers.FirstOrDefault(x => x.Id == paperId) is not { } paper)
        {
            return PageResults.NotFound("There is no request for a paper at this address.");
        }

        Partnership = partnership;
        Meeting = found.ValueAs<MeetingView>();
        Paper = paper;
        return null;
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["file"] = new("The paper", "Select the paper to upload"),
    };
}
