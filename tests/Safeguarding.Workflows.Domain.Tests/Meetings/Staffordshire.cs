using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Tests.Meetings;

/// <summary>The Staffordshire preset and helpers to schedule its meetings in tests.</summary>
internal static class Staffordshire
{
    public static readonly PartnershipArrangements Arrangements =
        PartnershipFile.Parse("staffordshire.json", File.ReadAllText(RepositoryFiles.Find("config/partnerships/staffordshire.json")));

    public static readonly StatutoryCalendar England = StatutoryCalendar.EnglandAndWales;

    public static readonly ProcessKey Key = new("staffordshire", ProcessKinds.Meeting, "board-2026-02");

    public static readonly ImmutableList<PaperRequest> ThreePapers =
    [
        new("performance", "Performance report", new("Ann Author", "ann@council.example.org", "Staffordshire County Council")),
        new("audit", "Multi-agency audit", new("Bob Author", "bob@police.example.org", "Staffordshire Police")),
        new("health", "Health update", new("Cy Author", "cy@icb.example.org", "Staffordshire and Stoke-on-Trent Integrated Care Board")),
    ];

    /// <summary>Saturday 14 February 2026, 10:00 GMT: circulation Fri 6 Feb, paper deadline Fri 30 Jan.</summary>
    public static readonly DateTimeOffset SaturdayMeeting = At("2026-02-14T10:00:00Z");

    public static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly Day(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    public static Transition<Meeting> Schedule(DateTimeOffset startsAt, DateTimeOffset now, ImmutableList<PaperRequest>? papers = null) =>
        Meeting.Schedule(Key, new MeetingRequest("Partnership board", startsAt, "County Buildings", papers ?? ThreePapers), Arrangements, England, "board-manager", now);

    /// <summary>Wakes at every instant the meeting asks for up to <paramref name="until"/>, as the engine does, collecting the emails.</summary>
    public static (Meeting Meeting, List<OutgoingEmail> Emails) RunUntil(Meeting meeting, DateTimeOffset until)
    {
        var emails = new List<OutgoingEmail>();
        while (meeting.NextWakeAt is { } next && next <= until)
        {
            var woken = meeting.Wake(next);
            emails.AddRange(woken.Emails);
            meeting = woken.State;
        }

        return (meeting, emails);
    }

    public static PaperFile File1 => new(1, "report.pdf", "application/pdf", 1234);

    public static Transition<Meeting> Changed(this Decision<Meeting> decision) =>
        decision is { Outcome: DecisionOutcome.Changed, Transition: { } transition }
            ? transition
            : throw new Xunit.Sdk.XunitException($"Expected a change, got {decision.Outcome}{(decision.Message is { } m ? ": " + m : "")}.");
}
