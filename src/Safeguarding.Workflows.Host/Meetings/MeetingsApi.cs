using Safeguarding.Workflows.Host.Pages.Dashboard;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.Meetings;

namespace Safeguarding.Workflows.Host.Meetings;

/// <summary>
/// <c>/api/partnerships/{p}/meetings</c>: schedule a meeting, upload its papers, move it, record attendance, notes
/// and actions (docs/design/api.md, Meetings). Each handler reads its request and calls <see cref="MeetingCommands"/>, as the
/// meeting pages do; <see cref="Replies"/> gives the status. Cancellation is the generic
/// <c>POST .../meetings/{id}/cancel</c> of ProcessesApi.
/// </summary>
public static class MeetingsApi
{
    /// <summary>Room for the multipart boundaries and headers around the largest paper.</summary>
    private const long MultipartOverhead = 1024 * 1024;

    public static WebApplicationBuilder AddMeetings(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MeetingsOptions>().BindConfiguration(MeetingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddProcessKind<IMeetingGrain>(ProcessKinds.Meeting, "meetings", "Meeting", "Partnership meetings", idProblem: MeetingCommands.IdRule.Problem);
        builder.Services.AddSingleton(new ProcessPageParts(ProcessKinds.Meeting, async (services, key, snapshot) =>
            await services.GetRequiredService<IGrainFactory>().GetGrain<IMeetingGrain>(key.ToString()).GetAsync() is { } meeting
                ? snapshot with
                {
                    Forms =
                    [
                        .. meeting.Papers.Where(x => x.OnAgenda).Select(x => new FormLink($"Upload the paper “{x.Title}”", MeetingLinks.Upload(key, x.Id))),
                        new("Record attendance and declarations of interest", $"/forms/meetings/{key.PartnershipId}/{key.Id}/attendance"),
                        new("Record the notes and actions", $"/forms/meetings/{key.PartnershipId}/{key.Id}/notes"),
                    ],
                }
                : snapshot));
        builder.Services.AddSingleton<MeetingCommands>();
        builder.Services.AddSingleton<MeetingSeriesCommands>();
        builder.Services.AddHostedService<MeetingSeriesTopUp>();
        return builder;
    }

    public static RouteGroupBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var uploadLimit = app.ServiceProvider.GetRequiredService<IOptions<MeetingsOptions>>().Value.MaxPaperBytes + MultipartOverhead;

        var group = app.MapPartnershipGroup("/meetings", MeetingCommands.IdRule).WithTags("Meetings");
        group.MapPut("/{id}", ScheduleMeeting).WithName("ScheduleMeeting").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetMeeting).WithName("GetMeeting");
        group.MapPut("/{id}/papers/{paperId}", UploadPaper).WithName("UploadPaper")
            .WithMetadata(new RequestSizeLimitAttribute(uploadLimit))
            .WithFormOptions(multipartBodyLengthLimit: uploadLimit)
            .AcceptsFile("file", PaperFiles.ContentTypes)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/papers", AddPaper).WithName("AddMeetingPaper").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/papers/{paperId}/withdraw", WithdrawPaper).WithName("WithdrawMeetingPaper").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/papers/{paperId}", DownloadPaper).WithName("DownloadPaper").ProducesFile(PaperFiles.ContentTypes[0], [.. PaperFiles.ContentTypes.Skip(1)]);
        group.MapPost("/{id}/reschedule", RescheduleMeeting).WithName("RescheduleMeeting").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/attendance", RecordAttendance).WithName("RecordMeetingAttendance").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/notes", RecordNotes).WithName("RecordMeetingNotes").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/actions/{actionId}/complete", CompleteAction).WithName("CompleteMeetingAction").ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>
    /// <c>PUT .../meetings/{id}</c>: 201 with the new meeting, 200 when the same request was made before, 409 when a
    /// different one was. <c>startsAt</c> without an offset is London local time.
    /// </summary>
    public static async Task<Results<Created<MeetingView>, Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> ScheduleMeeting(
        string partnershipId, string id, ScheduleMeetingBody? body, MeetingCommands meetings, WorkflowClock clock, HttpContext context)
    {
        var validation = new MeetingValidation();
        if (validation.Meeting(body, clock.GetUtcNow()) is not { } request)
        {
            return validation.Fields.Problem();
        }

        var reply = await meetings.ScheduleAsync(partnershipId, id, request, RequestActor.Of(context));
        return Replies.Created(reply, MeetingView.From, $"/api/partnerships/{partnershipId}/meetings/{id}");
    }

    public static async Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> GetMeeting(string partnershipId, string id, MeetingCommands meetings) =>
        Replies.Ok(await meetings.GetAsync(partnershipId, id), MeetingView.From);

    /// <summary>
    /// <c>PUT .../meetings/{id}/papers/{paperId}</c>, multipart field <c>file</c>: stores a new version of the paper. Only
    /// PDF, DOCX, XLSX, PPTX and ODT (extension and content both checked, else 415), up to <c>Meetings:MaxPaperBytes</c>
    /// (else 413). A refused upload stores nothing. This reads the multipart body; the checks on the file and its
    /// storing are <see cref="MeetingCommands.ReceivePaperAsync"/>, which the upload page calls too.
    /// </summary>
    public static async Task<Results<Ok<MeetingView.PaperView>, ValidationProblem, ProblemHttpResult>> UploadPaper(
        string partnershipId, string id, string paperId, HttpRequest request, MeetingCommands meetings, CancellationToken cancellationToken)
    {
        // No such meeting or paper, or a meeting that is over: said before a large body is read.
        var wanted = await meetings.PaperWantedAsync(partnershipId, id, paperId);
        if (!wanted.Succeeded)
        {
            return Replies.Problem(wanted);
        }

        var meeting = wanted.Process!;
        var max = meetings.MaxPaperBytes;
        if (request.ContentLength > max + MultipartOverhead)
        {
            return Answer(meetings.Refuse(meeting, paperId, PaperRefusal.TooLarge(max)), paperId);
        }

        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Answer(meetings.Refuse(meeting, paperId, PaperRefusal.NotMultipart), paperId);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Answer(meetings.Refuse(meeting, paperId, PaperRefusal.TooLarge(max)), paperId);
        }
        catch (InvalidDataException)
        {
            // The multipart reader's own limits (body or section length) or a malformed body.
            if (request.ContentLength > max)
            {
                return Answer(meetings.Refuse(meeting, paperId, PaperRefusal.TooLarge(max)), paperId);
            }

            return Problems.Invalid("file", "The multipart body could not be read.");
        }

        var receipt = await meetings.ReceivePaperAsync(
            partnershipId, id, paperId, PaperUpload.From(form.Files.GetFile("file")), RequestActor.Of(request.HttpContext), cancellationToken);
        return Answer(receipt, paperId);
    }

    /// <summary><c>GET .../meetings/{id}/papers/{paperId}[?version=n]</c>: the latest (or a given) stored version of a paper.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadPaper(
        string partnershipId, string id, string paperId, int? version, MeetingCommands meetings, CancellationToken cancellationToken)
    {
        var reply = await meetings.OpenPaperAsync(partnershipId, id, paperId, version, cancellationToken);
        return reply.Process is { } paper
            ? TypedResults.Stream(paper.Content, paper.Document.ContentType, paper.Document.FileName)
            : Replies.Problem(reply);
    }

    /// <summary><c>POST .../meetings/{id}/reschedule {startsAt}</c>; <c>startsAt</c> without an offset is London local time.</summary>
    public static async Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> RescheduleMeeting(
        string partnershipId, string id, RescheduleBody? body, MeetingCommands meetings, WorkflowClock clock, HttpContext context)
    {
        var validation = new MeetingValidation();
        if (validation.Reschedule(body, clock.GetUtcNow()) is not { } startsAt)
        {
            return validation.Fields.Problem();
        }

        return Replies.Ok(await meetings.RescheduleAsync(partnershipId, id, startsAt, RequestActor.Of(context)), MeetingView.From);
    }

    /// <summary><c>POST .../meetings/{id}/attendance {present: [{agency, role}], declarations: [{agency, role, interest, paperId?}]}</c> → the quorum.</summary>
    public static async Task<Results<Ok<QuorumView>, ValidationProblem, ProblemHttpResult>> RecordAttendance(
        string partnershipId, string id, AttendanceBody? body, MeetingCommands meetings, HttpContext context)
    {
        var validation = new MeetingValidation();
        if (validation.Attendance(body) is not { } report)
        {
            return validation.Fields.Problem();
        }

        return Replies.Ok(await meetings.RecordAttendanceAsync(partnershipId, id, report, RequestActor.Of(context)), m => QuorumView.Of(m.Attendance!));
    }

    /// <summary><c>POST .../meetings/{id}/notes {summary, actions: [{id, title, owner: {name, email, agency}, dueOn}]}</c>.</summary>
    public static async Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> RecordNotes(
        string partnershipId, string id, NotesBody? body, MeetingCommands meetings, WorkflowClock clock, HttpContext context)
    {
        var validation = new MeetingValidation();
        if (validation.Notes(body, MeetingValidation.Today(clock.GetUtcNow())) is not { } report)
        {
            return validation.Fields.Problem();
        }

        return Replies.Ok(await meetings.RecordNotesAsync(partnershipId, id, report, RequestActor.Of(context)), MeetingView.From);
    }

    /// <summary>
    /// <c>POST .../meetings/{id}/papers {id, title, author: {name, email, agency}}</c>: adds a paper to the agenda and asks
    /// its author for it; after circulation it is flagged as added late. The same paper again is 200 unchanged.
    /// </summary>
    public static async Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> AddPaper(
        string partnershipId, string id, PaperBody? body, MeetingCommands meetings, HttpContext context)
    {
        var validation = new MeetingValidation();
        if (validation.Paper(body) is not { } paper)
        {
            return validation.Fields.Problem();
        }

        return Replies.Ok(await meetings.AddPaperAsync(partnershipId, id, paper, RequestActor.Of(context)), MeetingView.From);
    }

    /// <summary><c>POST .../meetings/{id}/papers/{paperId}/withdraw {reason}</c>: takes the paper off the agenda.</summary>
    public static async Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> WithdrawPaper(
        string partnershipId, string id, string paperId, WithdrawPaperBody? body, MeetingCommands meetings, HttpContext context) =>
        Replies.Ok(await meetings.WithdrawPaperAsync(partnershipId, id, paperId, body?.Reason, RequestActor.Of(context)), MeetingView.From);

    /// <summary><c>POST .../meetings/{id}/actions/{actionId}/complete</c>.</summary>
    public static async Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> CompleteAction(
        string partnershipId, string id, string actionId, MeetingCommands meetings, HttpContext context) =>
        Replies.Ok(await meetings.CompleteActionAsync(partnershipId, id, actionId, RequestActor.Of(context)), MeetingView.From);

    /// <summary>A refused file is 413 or 415; otherwise the paper as it now stands, or the meeting's refusal.</summary>
    private static Results<Ok<MeetingView.PaperView>, ValidationProblem, ProblemHttpResult> Answer(PaperReceipt receipt, string paperId) =>
        receipt.Refused is { } refused
            ? TypedResults.Problem(refused.Message, statusCode: refused.StatusCode, title: refused.Title)
            : Replies.Ok(receipt.Reply, m => MeetingView.Paper(m, m.Paper(paperId)!));
}
