using Safeguarding.Workflows.Domain.Meetings;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Meetings;

/// <summary>A recurring meeting's dates: the same weekday in the same week of the month, moved off days that are not working days.</summary>
public sealed class MeetingSeriesTests
{
    private static MeetingSeries Series(string firstOn, int everyMonths = 1, int ahead = 3) =>
        new("board", "Partnership board", Day(firstOn), new TimeOnly(10, 0), "County Buildings", everyMonths, ahead,
            [new StandingPaper("Performance report", new("Ann Author", "ann@council.example.org", "Staffordshire County Council"))]);

    [Theory]
    // first meeting  every  meeting n  the rule's date   held on       why
    [InlineData("2027-01-12", 1, 1, "2027-02-09", "2027-02-09")] // second Tuesday
    [InlineData("2027-01-12", 1, 11, "2027-12-14", "2027-12-14")]
    [InlineData("2027-01-12", 3, 1, "2027-04-13", "2027-04-13")] // quarterly
    [InlineData("2027-01-12", 2, 6, "2028-01-11", "2028-01-11")] // into the next year
    [InlineData("2027-01-29", 1, 1, "2027-02-26", "2027-02-26")] // a fifth Friday: then the last Friday
    [InlineData("2027-01-29", 1, 3, "2027-04-30", "2027-04-30")] // April's last Friday is its fifth
    [InlineData("2027-01-25", 1, 1, "2027-02-22", "2027-02-22")] // fourth Monday stays the fourth, not the last
    [InlineData("2027-04-05", 1, 1, "2027-05-03", "2027-05-04")] // first Monday of May: Early May bank holiday, so Tuesday
    [InlineData("2027-05-31", 1, 3, "2027-08-30", "2027-08-31")] // last Monday of August: bank holiday
    [InlineData("2026-11-27", 1, 1, "2026-12-25", "2026-12-29")] // fourth Friday is Christmas Day; 28th is the Boxing Day substitute
    [InlineData("2027-03-01", 1, 0, "2027-03-01", "2027-03-01")]
    public void Each_meeting_is_on_the_same_weekday_of_the_month_moved_to_the_next_working_day(
        string firstOn, int everyMonths, int number, string nominalOn, string heldOn)
    {
        var occurrence = Series(firstOn, everyMonths).Occurrence(number, England);
        Assert.Equal((Day(nominalOn), Day(heldOn)), (occurrence.NominalOn, occurrence.On));
    }

    [Theory]
    [InlineData("2027-01-12", 1, "Every month on the second Tuesday")]
    [InlineData("2027-01-29", 3, "Every 3 months on the last Friday")]
    [InlineData("2027-01-01", 2, "Every 2 months on the first Friday")]
    public void The_rule_is_said_in_words(string firstOn, int everyMonths, string words) =>
        Assert.Equal(words, Series(firstOn, everyMonths).RuleText());

    [Fact]
    public void The_next_meetings_ahead_are_those_not_started_yet_each_always_the_same_meeting()
    {
        var series = Series("2027-01-12");

        // At 10:30 on the day of the second meeting, it has started: the next three are March, April and May.
        var upcoming = series.Upcoming(At("2027-02-09T10:30:00Z"), England);
        Assert.Equal(["board-2027-03", "board-2027-04", "board-2027-05"], upcoming.Select(series.MeetingId));
        Assert.Equal(At("2027-03-09T10:00:00Z"), series.StartOf(upcoming[0]));
        Assert.Equal(At("2027-04-13T09:00:00Z"), series.StartOf(upcoming[1])); // 10:00 BST

        // A moved date keeps the month the rule gives in its id.
        var may = Series("2027-04-05");
        Assert.Equal("board-2027-05", may.MeetingId(may.Occurrence(1, England)));
    }

    [Fact]
    public void Each_meeting_asks_for_the_standing_papers()
    {
        var series = Series("2027-01-12") with
        {
            Papers = [.. Series("2027-01-12").Papers, new StandingPaper("Performance report", new("Bob Author", "bob@police.example.org", "Staffordshire Police"))],
        };
        var request = series.RequestFor(series.Occurrence(1, England));

        Assert.Equal(("Partnership board", At("2027-02-09T10:00:00Z"), "County Buildings"), (request.Title, request.StartsAt, request.Location));
        Assert.Equal(["performance-report", "performance-report-2"], request.Papers.Select(p => p.Id));
        Assert.Equal("bob@police.example.org", request.Papers[1].Author.Email);
        Assert.True(request.Matches(series.RequestFor(series.Occurrence(1, England))));
    }
}
