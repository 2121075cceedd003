using Safeguarding.Workflows.Host.Pages.Dashboard;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Partnerships;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.Meetings;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Host.Meetings;

/// <summary>
/// <c>/api/partnerships/{p}/meetings</c>: schedule a meeting, upload its papers, move it, record attendance, notes
/// and actions (docs/design/api.md, Meetings). Cancellation is the generic <c>POST .../meetings/{id}/cancel</c> of ProcessesApi.
/// </summary>
public static partial class MeetingsApi
{
    /// <summary>Room for the multipart boundaries and headers around the largest paper.</summary>
    private const long MultipartOverhead = 1024 * 1024;

    public static WebApplicationBuilder AddMeetings(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MeetingsOptions>().BindConfiguration(MeetingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddProcessKind<IMeetingGrain>(ProcessKinds.Meeting, "meetings", "Meeting", "Partnership meetings");
        builder.Services.AddSingleton(new ProcessPageParts(ProcessKinds.Meeting, async (services, key, snapshot) =>
            await services.GetRequiredService<IGrainFactory>().GetGrain<IMeetingGrain>(key.ToString()).GetAsync() is { } meeting
                ? snapshot with
                {
                    Forms =
                    [
                        .. meeting.Papers.Select(x => new FormLink($"Upload the paper “{x.Title}”", MeetingLinks.Upload(key, x.Id))),
                        new("Record attendance and declarations of interest", $"/forms/meetings/{key.PartnershipId}/{key.Id}/attendance"),
                        new("Record the notes and actions", $"/forms/meetings/{key.PartnershipId}/{key.Id}/notes"),
                    ],
                }
                : snapshot));
        return builder;
    }

    public static RouteGroupBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var uploadLimit = app.ServiceProvider.GetRequiredService<IOptions<MeetingsOptions>>().Value.MaxPaperBytes + MultipartOverhead;
        var group = app.MapGroup("/api/partnerships/{partnershipId}/meetings").WithTags("Meetings");
        group.MapPut("/{id}", ScheduleMeeting).WithName("ScheduleMeeting").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetMeeting).WithName("GetMeeting");
        group.MapPut("/{id}/papers/{paperId}", UploadPaper).WithName("UploadPaper")
            .WithMetadata(new RequestSizeLimitAttribute(uploadLimit))
            .WithFormOptions(multipartBodyLengthLimit: uploadLimit)
            .AcceptsFile("file", PaperFiles.ContentTypes)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/papers/{paperId}", DownloadPaper).WithName("DownloadPaper").ProducesFile(PaperFiles.ContentTypes[0], [.. PaperFiles.ContentTypes.Skip(1)]);
        group.MapPost("/{id}/reschedule", RescheduleMeeting).WithName("RescheduleMeeting").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/attendance", RecordAttendance).WithName("RecordMeetingAttendance").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/notes", RecordNotes).WithName("RecordMeetingNotes").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/actions/{actionId}/complete", CompleteAction).WithName("CompleteMeetingAction").ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary><c>PUT .../meetings/{id}</c>: 201 with the new meeting, 200 when the same request was made before, 409 when a different one was.</summary>
    public static async Task<Results<Created<MeetingView>, Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> ScheduleMeeting(
        string partnershipId, string id, ScheduleMeetingBody? body, PartnershipDirectory partnerships, IGrainFactory grains, WorkflowClock clock, HttpContext context)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        var validation = new MeetingValidation();
        if (!MeetingValidation.IsUrlSafeId(id, 64))
        {
            validation.Add("id", "The meeting id is 1 to 64 lower-case letters, digits or hyphens.");
        }

        var request = validation.Meeting(body, clock.GetUtcNow());
        if (!validation.IsValid || request is null)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var reply = await Grain(grains, partnershipId, id).ScheduleAsync(request, RequestActor.Of(context));
        return reply.Outcome switch
        {
            MeetingOutcome.Created => TypedResults.Created($"/api/partnerships/{partnershipId}/meetings/{id}", MeetingView.From(reply.Meeting!)),
            MeetingOutcome.Existing => TypedResults.Ok(MeetingView.From(reply.Meeting!)),
            MeetingOutcome.NotFound => Problems.NotFound(reply.Detail ?? "Not found."),
            _ => Problems.Conflict(reply.Detail ?? "Conflict."),
        };
    }

    public static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> GetMeeting(string partnershipId, string id, PartnershipDirectory partnerships, IGrainFactory grains)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        return await Find(grains, partnershipId, id) is { } meeting ? TypedResults.Ok(MeetingView.From(meeting)) : NoMeeting(partnershipId, id);
    }

    /// <summary>
    /// <c>PUT .../meetings/{id}/papers/{paperId}</c>, multipart field <c>file</c>: stores a new version of the paper. Only
    /// PDF, DOCX, XLSX, PPTX and ODT (extension and content both checked, else 415), up to <c>Meetings:MaxPaperBytes</c>
    /// (else 413). A refused upload stores nothing.
    /// </summary>
    public static async Task<Results<Ok<MeetingView.PaperView>, ValidationProblem, ProblemHttpResult>> UploadPaper(
        string partnershipId,
        string id,
        string paperId,
        HttpRequest request,
        PartnershipDirectory partnerships,
        IGrainFactory grains,
        DocumentStore documents,
        WorkflowClock clock,
        IOptions<MeetingsOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var log = loggers.CreateLogger(typeof(MeetingsApi));
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        var meeting = await Find(grains, partnershipId, id);
        if (meeting is null)
        {
            return NoMeeting(partnershipId, id);
        }

        if (meeting.Paper(paperId) is null)
        {
            return Problems.NotFound($"Meeting '{id}' has no paper '{paperId}'.");
        }

        if (meeting.Status != ProcessStatus.Open)
        {
            return Problems.Conflict($"Meeting '{id}' is {ApiNames.Status(meeting.Status)}: papers are no longer taken.");
        }

        var max = options.Value.MaxPaperBytes;
        if (request.ContentLength > max + MultipartOverhead)
        {
            return Refused(log, meeting.Key, paperId, TooLarge(max));
        }

        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(log, meeting.Key, paperId, TypedResults.Problem(
                "Send the paper as multipart/form-data with the file in the field 'file'.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refused(log, meeting.Key, paperId, TooLarge(max));
        }
        catch (InvalidDataException)
        {
            // The multipart reader's own limits (body or section length) or a malformed body.
            if (request.ContentLength > max)
            {
                return Refused(log, meeting.Key, paperId, TooLarge(max));
            }

            return Problems.Invalid("file", "The multipart body could not be read.");
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return Problems.Invalid("file", "Put the paper in the multipart field 'file'.");
        }

        if (file.Length == 0)
        {
            return Problems.Invalid("file", "The file is empty.");
        }

        if (file.Length > max)
        {
            return Refused(log, meeting.Key, paperId, TooLarge(max));
        }

        var fileName = Path.GetFileName(file.FileName.Replace('\\', '/'));
        if (PaperFiles.ContentTypeFor(fileName) is not { } contentType)
        {
            return Refused(log, meeting.Key, paperId, WrongType($"Papers must be {PaperFiles.AcceptedList} files; '{Path.GetExtension(fileName)}' is not accepted."));
        }

        await using var content = file.OpenReadStream();
        var head = new byte[8];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (!PaperFiles.StartsRight(fileName, head.AsSpan(0, read)))
        {
            return Refused(log, meeting.Key, paperId, WrongType($"The file is named {Path.GetExtension(fileName)} but its content is not a {Path.GetExtension(fileName).TrimStart('.').ToUpperInvariant()} document."));
        }

        content.Position = 0;
        var stored = await documents.SaveAsync(meeting.Key, PaperDocument(paperId), contentType, fileName, content, clock.GetUtcNow(), cancellationToken);
        LogPaperStored(log, meeting.Key.ToString(), paperId, stored.Version, stored.Length);

        var reply = await Grain(grains, partnershipId, id).ReceivePaperAsync(paperId, new PaperFile(stored.Version, fileName, contentType, stored.Length), RequestActor.Of(request.HttpContext));
        return reply.Outcome switch
        {
            MeetingOutcome.Changed or MeetingOutcome.Unchanged => TypedResults.Ok(MeetingView.Paper(reply.Meeting!, reply.Meeting!.Paper(paperId)!)),
            MeetingOutcome.NotFound => Problems.NotFound(reply.Detail ?? "Not found."),
            _ => Problems.Conflict(reply.Detail ?? "Conflict."),
        };
    }

    /// <summary><c>GET .../meetings/{id}/papers/{paperId}[?version=n]</c>: the latest (or a given) stored version of a paper.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadPaper(
        string partnershipId, string id, string paperId, int? version, PartnershipDirectory partnerships, IGrainFactory grains, DocumentStore documents, CancellationToken cancellationToken)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        if (await Find(grains, partnershipId, id) is not { } meeting || meeting.Paper(paperId) is null)
        {
            return Problems.NotFound($"Meeting '{id}' has no paper '{paperId}'.");
        }

        return await documents.OpenAsync(meeting.Key, PaperDocument(paperId), version, cancellationToken) is { } found
            ? TypedResults.Stream(found.Content, found.Document.ContentType, found.Document.FileName)
            : Problems.NotFound(version is null ? $"Paper '{paperId}' has not been received." : $"Paper '{paperId}' has no version {version}.");
    }

    /// <summary><c>POST .../meetings/{id}/reschedule {startsAt}</c>.</summary>
    public static async Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> RescheduleMeeting(
        string partnershipId, string id, RescheduleBody? body, PartnershipDirectory partnerships, IGrainFactory grains, WorkflowClock clock, HttpContext context)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        var validation = new MeetingValidation();
        var startsAt = validation.Reschedule(body, clock.GetUtcNow());
        if (startsAt is null)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        return Answer(await Grain(grains, partnershipId, id).RescheduleAsync(startsAt.Value, RequestActor.Of(context)));
    }

    /// <summary><c>POST .../meetings/{id}/attendance {present: [{agency, role}], declarations: [{agency, role, interest, paperId?}]}</c> → the quorum.</summary>
    public static async Task<Results<Ok<QuorumView>, ValidationProblem, ProblemHttpResult>> RecordAttendance(
        string partnershipId, string id, AttendanceBody? body, PartnershipDirectory partnerships, IGrainFactory grains, HttpContext context)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        if (await Find(grains, partnershipId, id) is not { } meeting)
        {
            return NoMeeting(partnershipId, id);
        }

        var validation = new MeetingValidation();
        var report = validation.Attendance(body, meeting);
        if (report is null)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var reply = await Grain(grains, partnershipId, id).RecordAttendanceAsync(report, RequestActor.Of(context));
        if (reply.Outcome is not (MeetingOutcome.Changed or MeetingOutcome.Unchanged))
        {
            return reply.Outcome == MeetingOutcome.NotFound ? NoMeeting(partnershipId, id) : Problems.Conflict(reply.Detail ?? "Conflict.");
        }

        var attendance = reply.Meeting!.Attendance!;
        return TypedResults.Ok(new QuorumView(
            attendance.Quorum.Quorate,
            attendance.PendingRatification,
            attendance.Quorum.Represented.Select(MeetingView.PartnerName).ToList(),
            attendance.Quorum.Missing.Select(MeetingView.PartnerName).ToList()));
    }

    /// <summary><c>POST .../meetings/{id}/notes {summary, actions: [{id, title, owner: {name, email, agency}, dueOn}]}</c>.</summary>
    public static async Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> RecordNotes(
        string partnershipId, string id, NotesBody? body, PartnershipDirectory partnerships, IGrainFactory grains, WorkflowClock clock, HttpContext context)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        var validation = new MeetingValidation();
        var report = validation.Notes(body, MeetingValidation.Today(clock.GetUtcNow()));
        if (report is null)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        return Answer(await Grain(grains, partnershipId, id).RecordNotesAsync(report, RequestActor.Of(context)));
    }

    /// <summary><c>POST .../meetings/{id}/actions/{actionId}/complete</c>.</summary>
    public static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> CompleteAction(
        string partnershipId, string id, string actionId, PartnershipDirectory partnerships, IGrainFactory grains, HttpContext context)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        var reply = await Grain(grains, partnershipId, id).CompleteActionAsync(actionId, RequestActor.Of(context));
        return reply.Outcome switch
        {
            MeetingOutcome.Changed or MeetingOutcome.Unchanged => TypedResults.Ok(MeetingView.From(reply.Meeting!)),
            MeetingOutcome.NotFound => Problems.NotFound(reply.Detail ?? "Not found."),
            _ => Problems.Conflict(reply.Detail ?? "Conflict."),
        };
    }

    /// <summary>The document name a paper's versions are stored under.</summary>
    public static string PaperDocument(string paperId) => $"paper-{paperId}";

    private static IMeetingGrain Grain(IGrainFactory grains, string partnershipId, string id) =>
        grains.GetGrain<IMeetingGrain>(new ProcessKey(partnershipId, ProcessKinds.Meeting, id).ToString());

    private static async Task<Meeting?> Find(IGrainFactory grains, string partnershipId, string id) =>
        MeetingValidation.IsUrlSafeId(id, 64) ? await Grain(grains, partnershipId, id).GetAsync() : null;

    private static Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult> Answer(MeetingReply reply) => reply.Outcome switch
    {
        MeetingOutcome.Changed or MeetingOutcome.Unchanged => TypedResults.Ok(MeetingView.From(reply.Meeting!)),
        MeetingOutcome.NotFound => Problems.NotFound(reply.Detail ?? "Not found."),
        _ => Problems.Conflict(reply.Detail ?? "Conflict."),
    };

    private static ProblemHttpResult NoMeeting(string partnershipId, string id) => Problems.NotFound($"There is no meeting '{id}' in partnership '{partnershipId}'.");

    private static ProblemHttpResult TooLarge(long max) => TypedResults.Problem(
        $"A paper may be at most {max:N0} bytes ({max / (1024.0 * 1024.0):0.#} MB).", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Paper too large");

    private static ProblemHttpResult WrongType(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Paper type not accepted");

    private static ProblemHttpResult Refused(ILogger log, ProcessKey key, string paperId, ProblemHttpResult problem)
    {
        LogPaperRefused(log, key.ToString(), paperId, problem.StatusCode);
        return problem;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Paper {PaperId} of {ProcessKey} stored as version {Version} ({Length} bytes)")]
    private static partial void LogPaperStored(ILogger logger, string processKey, string paperId, int version, long length);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Paper upload for {PaperId} of {ProcessKey} refused with {StatusCode}")]
    private static partial void LogPaperRefused(ILogger logger, string processKey, string paperId, int statusCode);
}
