using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Meetings;

/// <summary>A paper asked for when the meeting is scheduled.</summary>
public sealed record PaperRequest(string Id, string Title, AgencyContact Author);

/// <summary>
/// What <c>PUT .../meetings/{id}</c> asked for. Kept in the state as first received, so that the same PUT again is
/// recognised (200) and a different one refused (409), even after the meeting has been moved.
/// </summary>
public sealed record MeetingRequest(string Title, DateTimeOffset StartsAt, string? Location, ImmutableList<PaperRequest> Papers)
{
    public bool Matches(MeetingRequest other) =>
        other is not null && Title == other.Title && StartsAt == other.StartsAt && Location == other.Location && Papers.SequenceEqual(other.Papers);
}

/// <summary>A stored version of a paper, as the document store reports it.</summary>
public sealed record PaperFile(int Version, string FileName, string ContentType, long Length);

/// <summary>What <c>POST .../attendance</c> reports.</summary>
public sealed record AttendanceReport(ImmutableList<Attendee> Present, ImmutableList<Declaration> Declarations)
{
    public bool Matches(AttendanceReport other) =>
        other is not null && Present.SequenceEqual(other.Present) && Declarations.SequenceEqual(other.Declarations);
}

/// <summary>An action agreed at the meeting.</summary>
public sealed record ActionRequest(string Id, string Title, AgencyContact Owner, DateOnly DueOn);

/// <summary>What <c>POST .../notes</c> reports.</summary>
public sealed record NotesReport(string Summary, ImmutableList<ActionRequest> Actions)
{
    public bool Matches(NotesReport other) => other is not null && Summary == other.Summary && Actions.SequenceEqual(other.Actions);
}
