using System.Text.Json.Nodes;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Tests.Partnerships;

public sealed class PartnershipDirectoryTests
{
    private static (string, string) File(string id, params string[] closureDays)
    {
        var json = PartnershipFileTests.Valid();
        json["id"] = id;
        json["closureDays"] = new JsonArray([.. closureDays.Select(d => JsonValue.Create(d))]);
        return ($"{id}.json", json.ToJsonString());
    }

    [Fact]
    public void Finds_partnerships_by_id_and_gives_each_its_own_calendar()
    {
        var directory = PartnershipDirectory.FromFiles([File("north", "2026-12-29"), File("south")], StatutoryCalendar.EnglandAndWales);

        Assert.Equal(["north", "south"], directory.All.Select(p => p.Id));
        Assert.Equal("north", directory.Find("north")?.Id);
        Assert.Null(directory.Find("east"));
        Assert.Null(directory.Find("NORTH"));
        Assert.Equal(new DateOnly(2026, 12, 30), directory.CalendarFor("north").AddWorkingDays(new DateOnly(2026, 12, 24), 1));
        Assert.Equal(new DateOnly(2026, 12, 29), directory.CalendarFor("south").AddWorkingDays(new DateOnly(2026, 12, 24), 1));
        Assert.Throws<KeyNotFoundException>(() => directory.CalendarFor("east"));
    }

    [Fact]
    public void Partnership_calendars_keep_announced_bank_holidays()
    {
        var national = new StatutoryCalendar(BankHolidays.EnglandAndWales.WithAnnounced([new DateOnly(2028, 6, 5)]));
        var directory = PartnershipDirectory.FromFiles([File("north")], national);

        Assert.False(directory.CalendarFor("north").IsWorkingDay(new DateOnly(2028, 6, 5)));
        Assert.Same(national, directory.Calendar);
    }

    [Fact]
    public void A_second_file_with_the_same_id_is_refused()
    {
        var (_, json) = File("north");
        var error = Assert.Throws<PartnershipConfigurationException>(() =>
            PartnershipDirectory.FromFiles([("north.json", json), ("north.JSON", json)], StatutoryCalendar.EnglandAndWales));
        Assert.Equal("north.JSON", error.File);
        Assert.Equal("id", error.Field);
    }
}
