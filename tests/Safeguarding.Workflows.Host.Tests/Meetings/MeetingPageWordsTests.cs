using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Meetings;

namespace Safeguarding.Workflows.Host.Tests.Meetings;

/// <summary>How the meeting pages read a start time and name a new meeting.</summary>
public sealed class MeetingPageWordsTests
{
    [Theory]
    [InlineData("10:00", 10, 0)]
    [InlineData("10am", 10, 0)]
    [InlineData("10.30am", 10, 30)]
    [InlineData("2:30 pm", 14, 30)]
    [InlineData("2PM", 14, 0)]
    [InlineData("12pm", 12, 0)]
    [InlineData("12am", 0, 0)]
    [InlineData("14:00", 14, 0)]
    [InlineData("09:05", 9, 5)]
    public void A_start_time_is_read_as_people_write_it(string text, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), MeetingWhen.ParseTime(text));

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("teatime")]
    [InlineData("25:00")]
    [InlineData("13pm")]
    [InlineData("10:60")]
    public void Anything_else_is_not_a_time(string text) => Assert.Null(MeetingWhen.ParseTime(text));

    [Fact]
    public void A_meeting_is_named_from_its_title_and_date()
    {
        var on = new DateOnly(2027, 2, 4);
        Assert.Equal("partnership-executive-2027-02-04", MeetingCommands.IdFor("Partnership Executive", on));
        Assert.Equal("meeting-2027-02-04", MeetingCommands.IdFor("  !!  ", on));
        var longTitle = MeetingCommands.IdFor(new string('a', 100) + " board", on);
        Assert.True(longTitle.Length <= MeetingCommands.MaxIdLength);
        Assert.EndsWith("-2027-02-04", longTitle, StringComparison.Ordinal);
        Assert.Null(MeetingCommands.IdProblem(MeetingCommands.IdFor("Année scolaire: review & plan", on)));
    }

    [Fact]
    public void Times_are_shown_in_London_time()
    {
        Assert.Equal("10:00am", MeetingWhen.Time(new DateTimeOffset(2027, 2, 4, 10, 0, 0, TimeSpan.Zero)));
        Assert.Equal("2:30pm", MeetingWhen.Time(new DateTimeOffset(2027, 7, 1, 13, 30, 0, TimeSpan.Zero)));
    }
}
