using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Timeliness;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Meetings;
using Safeguarding.Workflows.Orchestration.Timeliness;
using Safeguarding.Workflows.Storage.Documents;
using Safeguarding.Workflows.Storage.Meetings;

namespace Safeguarding.Workflows.Host.Meetings;

/// <summary>
/// What people and systems can do to a partnership meeting: schedule it, receive a paper (checked, stored as a new
/// version, then recorded), fetch a paper, move it, record attendance, notes and actions, complete an action. The JSON
/// endpoints (<see cref="MeetingsApi"/>) and the pages both call these (never each other), so a rule is written once;
/// the pure rules are in <see cref="Meeting"/>. Cancelling is the generic process command.
/// </summary>
public sealed partial class MeetingCommands(
    IGrainFactory grains,
    DocumentStore documents,
    WorkflowClock clock,
    IOptions<MeetingsOptions> options,
    TimelinessRecords records,
    AttendanceConcernStore concernStore,
    PartnershipDirectory partnerships,
    ILogger<MeetingCommands> logger)
{
    /// <summary>
    /// Meeting ids are 1 to 64 lower-case letters, digits or hyphens (<see cref="UrlIdRule.Name"/>). Unlike a review's id a digit is not
    /// required: a meeting's id names a meeting, never a child, and meetings such as <c>board</c> are already stored.
    /// </summary>
    public const int MaxIdLength = 64;

    public static readonly UrlIdRule IdRule = UrlIdRule.Name(MaxIdLength);

    /// <summary>The largest paper accepted, in bytes (<c>Meetings:MaxPaperBytes</c>).</summary>
    public long MaxPaperBytes => options.Value.MaxPaperBytes;

    /// <summary>Why <paramref name="id"/> cannot be a meeting's id, or null when it can.</summary>
    public static string? IdProblem(string? id) =>
        IdRule.Problem(id);

    /// <summary>The document name a paper's versions are stored under.</summary>
    public static string PaperDocument(string paperId) => $"paper-{paperId}";

    /// <summary>Schedules the meeting: the same request again answers it unchanged, a different one is a conflict.</summary>
    public Task<Reply<Meeting>> ScheduleAsync(string partnershipId, string id, MeetingRequest request, string actor) =>
        IdProblem(id) is { } problem
            ? Task.FromResult(new Reply<Meeting>(DecisionOutcome.Invalid, null, "id", problem))
            : Grain(partnershipId, id).ScheduleAsync(request, actor);

    public async Task<Reply<Meeting>> GetAsync(string partnershipId, string id) =>
        IdProblem(id) is null && await Grain(partnershipId, id).GetAsync() is { } meeting
            ? new(DecisionOutcome.Unchanged, meeting)
            : NoMeeting(partnershipId, id);

    /// <summary>
    /// Whether the meeting takes paper <paramref name="paperId"/> now: the meeting (unchanged), or why not (no such
    /// meeting or paper, or the meeting is over). An upload is checked with this before its body is read.
    /// </summary>
    public async Task<Reply<Meeting>> PaperWantedAsync(string partnershipId, string id, string paperId)
    {
        var found = await GetAsync(partnershipId, id);
        if (found.Process is not { } meeting)
        {
            return found;
        }

        if (meeting.Paper(paperId) is not { } paper)
        {
            return Reply<Meeting>.NotFound($"Meeting '{id}' has no paper '{paperId}'.");
        }

        if (!paper.OnAgenda)
        {
            return new(DecisionOutcome.Conflict, meeting, Message: $"Paper '{paperId}' was withdrawn from the agenda: it is no longer taken.");
        }

        return meeting.Status == ProcessStatus.Open
            ? found
            : new(DecisionOutcome.NotOpen, meeting, Message: $"Meeting '{id}' is {ApiNames.Status(meeting.Status)}: papers are no longer taken.");
    }

    /// <summary>
    /// Receives a paper: checks the file (present, not empty, at most <see cref="MaxPaperBytes"/>, an accepted type by
    /// extension and by content), stores it as the paper's next version, then records it on the meeting (before
    /// circulation it is received; after, it goes out at once as a late paper). A refused file stores nothing.
    /// </summary>
    /// <param name="file">The uploaded file; null when the upload held none.</param>
    public async Task<PaperReceipt> ReceivePaperAsync(
        string partnershipId, string id, string paperId, PaperUpload? file, string actor, CancellationToken cancellationToken)
    {
        var wanted = await PaperWantedAsync(partnershipId, id, paperId);
        if (!wanted.Succeeded)
        {
            return new(wanted);
        }

        var meeting = wanted.Process!;

        if (file is null)
        {
            return new(new(DecisionOutcome.Invalid, meeting, "file", "Put the paper in the multipart field 'file'."));
        }

        if (file.Length == 0)
        {
            return new(new(DecisionOutcome.Invalid, meeting, "file", "The file is empty."));
        }

        if (file.Length > MaxPaperBytes)
        {
            return Refuse(meeting, paperId, PaperRefusal.TooLarge(MaxPaperBytes));
        }

        var fileName = Path.GetFileName(file.FileName.Replace('\\', '/'));
        if (PaperFiles.ContentTypeFor(fileName) is not { } contentType)
        {
            return Refuse(meeting, paperId, PaperRefusal.NotAccepted($"Papers must be {PaperFiles.AcceptedList} files; '{Path.GetExtension(fileName)}' is not accepted."));
        }

        await using (var head = file.OpenReadStream())
        {
            var bytes = new byte[8];
            var read = await head.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
            if (!PaperFiles.StartsRight(fileName, bytes.AsSpan(0, read)))
            {
                var extension = Path.GetExtension(fileName);
                return Refuse(meeting, paperId, PaperRefusal.NotAccepted(
                    $"The file is named {extension} but its content is not a {extension.TrimStart('.').ToUpperInvariant()} document."));
            }
        }

        // Stored before it is recorded: a paper is never marked received without its file.
        StoredDocument stored;
        await using (var content = file.OpenReadStream())
        {
            stored = await documents.SaveAsync(meeting.Key, PaperDocument(paperId), contentType, fileName, content, clock.GetUtcNow(), cancellationToken);
        }

        LogPaperStored(meeting.Key.ToString(), paperId, stored.Version, stored.Length);
        var reply = await Grain(partnershipId, id).ReceivePaperAsync(paperId, new PaperFile(stored.Version, fileName, contentType, stored.Length), actor);
        return new(reply);
    }

    /// <summary>
    /// Refuses an upload for the paper without storing anything, and logs it. For refusals the HTTP endpoint makes
    /// before the file can be read (a body over the limit, not a multipart form).
    /// </summary>
    public PaperReceipt Refuse(Meeting meeting, string paperId, PaperRefusal refusal)
    {
        LogPaperRefused(meeting.Key.ToString(), paperId, refusal.StatusCode);
        return new(new(DecisionOutcome.Invalid, meeting, "file", refusal.Message), refusal);
    }

    /// <summary>The latest (or a given) stored version of one of the meeting's papers.</summary>
    public async Task<Reply<PaperContent>> OpenPaperAsync(string partnershipId, string id, string paperId, int? version, CancellationToken cancellationToken)
    {
        if ((await GetAsync(partnershipId, id)).Process is not { } meeting || meeting.Paper(paperId) is null)
        {
            return Reply<PaperContent>.NotFound($"Meeting '{id}' has no paper '{paperId}'.");
        }

        return await documents.OpenAsync(meeting.Key, PaperDocument(paperId), version, cancellationToken) is { } found
            ? new(DecisionOutcome.Unchanged, new PaperContent(found.Document, found.Content))
            : Reply<PaperContent>.NotFound(version is null ? $"Paper '{paperId}' has not been received." : $"Paper '{paperId}' has no version {version}.");
    }

    /// <summary>Adds a paper to the agenda and asks its author for it (after circulation it is a late paper).</summary>
    public async Task<Reply<Meeting>> AddPaperAsync(string partnershipId, string id, PaperRequest paper, string actor) =>
        IdProblem(id) is null ? await Grain(partnershipId, id).AddPaperAsync(paper, actor) : NoMeeting(partnershipId, id);

    /// <summary>Takes a paper off the agenda, with a reason: it is no longer chased and leaves the pack.</summary>
    public async Task<Reply<Meeting>> WithdrawPaperAsync(string partnershipId, string id, string paperId, string? reason, string actor)
    {
        if (IdProblem(id) is not null)
        {
            return NoMeeting(partnershipId, id);
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000 || reason.Any(char.IsControl))
        {
            return new(DecisionOutcome.Invalid, null, "reason", "Give a reason of up to 1000 characters, on one line.");
        }

        return await Grain(partnershipId, id).WithdrawPaperAsync(paperId, reason.Trim(), actor);
    }

    /// <summary>Moves the meeting: pending dates are worked out again, members get an updated invitation.</summary>
    public async Task<Reply<Meeting>> RescheduleAsync(string partnershipId, string id, DateTimeOffset startsAt, string actor) =>
        IdProblem(id) is null ? await Grain(partnershipId, id).RescheduleAsync(startsAt, actor) : NoMeeting(partnershipId, id);

    /// <summary>
    /// Records who was present, the declarations of interest and so the quorum. The partnership's latest other meetings
    /// are read first (from the attendance register, back to each agency's last attendance), so the meeting can tell the
    /// independent chair of an agency that has just missed the partnership's number of meetings in a row; then the
    /// meeting goes in the register and the dashboard's list of such agencies is brought up to date (also when the same
    /// attendance is sent again, which mends a register row or a list left behind by a failure).
    /// </summary>
    public async Task<Reply<Meeting>> RecordAttendanceAsync(string partnershipId, string id, AttendanceReport report, string actor)
    {
        if (IdProblem(id) is not null)
        {
            return NoMeeting(partnershipId, id);
        }

        var key = new ProcessKey(partnershipId, ProcessKinds.Meeting, id);
        var arrangements = partnerships.Find(partnershipId);
        // With the check turned off (0) no earlier meeting can change the answer, so none is read.
        IReadOnlyList<AttendedMeeting> others = arrangements is { Meetings.TellChairAfterMissedMeetings: > 0 }
            ? await records.LatestAttendedAsync(partnershipId, arrangements, key, CancellationToken.None)
            : [];
        var reply = await Grain(partnershipId, id).RecordAttendanceAsync(report, actor, [.. others]);
        if (reply.Succeeded && reply.Process is { Attendance: { } attendance } meeting)
        {
            await records.RegisterAsync(meeting, CancellationToken.None);
            if (arrangements is not null)
            {
                var all = others.Append(new AttendedMeeting(LondonTime.LocalDate(meeting.StartsAt), attendance.Report.Present));
                var concerns = AttendanceRules.MissingInARow(arrangements, all, arrangements.Meetings.TellChairAfterMissedMeetings)
                    .Select(a => new AttendanceConcern(a.Agency, a.AbsentInARow, a.AbsentSince!.Value))
                    .ToList();
                await concernStore.SetAsync(partnershipId, concerns, clock.GetUtcNow(), CancellationToken.None);
            }
        }

        return reply;
    }

    /// <summary>Records the notes and actions, and circulates them.</summary>
    public async Task<Reply<Meeting>> RecordNotesAsync(string partnershipId, string id, NotesReport report, string actor) =>
        IdProblem(id) is null ? await Grain(partnershipId, id).RecordNotesAsync(report, actor) : NoMeeting(partnershipId, id);

    /// <summary>Records an action as done; with every action done the meeting is complete.</summary>
    public async Task<Reply<Meeting>> CompleteActionAsync(string partnershipId, string id, string actionId, string actor) =>
        IdProblem(id) is null ? await Grain(partnershipId, id).CompleteActionAsync(actionId, actor) : NoMeeting(partnershipId, id);

    /// <summary>
    /// Cancels the meeting with the generic process command (<see cref="Orchestration.Deadlines.IProcessGrain.CancelAsync"/>,
    /// as <c>POST .../meetings/{id}/cancel</c> does): members get a calendar cancellation, awaited authors are told.
    /// </summary>
    public Task<Reply<Meeting>> CancelAsync(string partnershipId, string id, string? reason, string actor) =>
        IdProblem(id) is null
            ? Processes.CancelCommand.RunAsync(() => GetAsync(partnershipId, id), Grain(partnershipId, id), "meeting", reason, actor)
            : Task.FromResult(NoMeeting(partnershipId, id));

    /// <summary>
    /// A meeting id from its title and date: "Partnership board" on 4 February 2027 → <c>partnership-board-2027-02-04</c>
    /// (lower-case letters, digits and hyphens, at most <see cref="MaxIdLength"/>).
    /// </summary>
    public static string IdFor(string title, DateOnly on)
    {
        var date = on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var words = System.Text.RegularExpressions.Regex.Replace(title.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        var room = MaxIdLength - date.Length - 1;
        words = words.Length > room ? words[..room].TrimEnd('-') : words;
        return words.Length == 0 ? $"meeting-{date}" : $"{words}-{date}";
    }

    private static Reply<Meeting> NoMeeting(string partnershipId, string id) =>
        Reply<Meeting>.NotFound($"There is no meeting '{id}' in partnership '{partnershipId}'.");

    private IMeetingGrain Grain(string partnershipId, string id) =>
        grains.GetGrain<IMeetingGrain>(new ProcessKey(partnershipId, ProcessKinds.Meeting, id).ToString());

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Paper {PaperId} of {ProcessKey} stored as version {Version} ({Length} bytes)")]
    private partial void LogPaperStored(string processKey, string paperId, int version, long length);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Paper upload for {PaperId} of {ProcessKey} refused with {StatusCode}")]
    private partial void LogPaperRefused(string processKey, string paperId, int statusCode);
}

/// <summary>An uploaded file, as the API's multipart body or the page's form gives it.</summary>
/// <param name="OpenReadStream">Opens the file's content from its start; called more than once.</param>
public sealed record PaperUpload(string FileName, long Length, Func<Stream> OpenReadStream)
{
    public static PaperUpload? From(IFormFile? file) => file is null ? null : new(file.FileName, file.Length, file.OpenReadStream);
}

/// <summary>
/// Why a paper's file was refused, with the HTTP status that says so: 413 (too large) or 415 (not an accepted type).
/// A refusal stores nothing.
/// </summary>
public sealed record PaperRefusal(int StatusCode, string Title, string Message)
{
    public static PaperRefusal TooLarge(long max) => new(
        StatusCodes.Status413PayloadTooLarge, "Paper too large", $"A paper may be at most {max:N0} bytes ({max / (1024.0 * 1024.0):0.#} MB).");

    public static PaperRefusal NotAccepted(string message) => new(StatusCodes.Status415UnsupportedMediaType, "Paper type not accepted", message);

    /// <summary>The upload was not a multipart form.</summary>
    public static PaperRefusal NotMultipart { get; } = new(
        StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the paper as multipart/form-data with the file in the field 'file'.");
}

/// <summary>
/// What receiving a paper answered: the meeting's reply (with the meeting as it now stands) and, when the file itself
/// was refused, the refusal (the reply then names the field <c>file</c>, so a caller that only reads replies still
/// shows it on the right field).
/// </summary>
public sealed record PaperReceipt(Reply<Meeting> Reply, PaperRefusal? Refused = null);

/// <summary>A stored version of a paper and its content, to be disposed of by whoever serves it.</summary>
public sealed record PaperContent(StoredDocument Document, Stream Content);
