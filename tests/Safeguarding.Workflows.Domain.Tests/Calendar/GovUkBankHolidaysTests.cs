using Safeguarding.Workflows.Domain.Calendar;

namespace Safeguarding.Workflows.Domain.Tests.Calendar;

/// <summary>Importing the GOV.UK bank-holidays.json format, and the file the service ships.</summary>
public sealed class GovUkBankHolidaysTests
{
    private const string Sample = """
        {
          "england-and-wales": {
            "division": "england-and-wales",
            "events": [
              {"title": "Spring bank holiday", "date": "2028-05-29", "notes": "", "bunting": true},
              {"title": "Extra bank holiday", "date": "2028-06-05", "notes": "", "bunting": true},
              {"title": "Early May bank holiday", "date": "2028-05-01", "notes": "", "bunting": true},
              {"title": "Early May bank holiday", "date": "2028-05-01", "notes": "", "bunting": true}
            ]
          },
          "scotland": {"division": "scotland", "events": [{"title": "St Andrew's Day", "date": "2028-11-30", "notes": "", "bunting": true}]}
        }
        """;

    [Fact]
    public void Reads_the_england_and_wales_dates_in_order_without_duplicates()
    {
        Assert.Equal(
            [new DateOnly(2028, 5, 1), new DateOnly(2028, 5, 29), new DateOnly(2028, 6, 5)],
            BankHolidays.ParseGovUkJson(Sample));
    }

    [Theory]
    [InlineData("not json", "JSON")]
    [InlineData("""{"scotland": {"events": []}}""", "england-and-wales")]
    [InlineData("""{"england-and-wales": {"division": "england-and-wales"}}""", "england-and-wales.events")]
    [InlineData("""{"england-and-wales": {"events": [{"title": "x"}]}}""", "england-and-wales.events[0].date")]
    [InlineData("""{"england-and-wales": {"events": [{"date": "2028-02-30"}]}}""", "england-and-wales.events[0].date")]
    [InlineData("""{"england-and-wales": {"events": [{"date": "2028-06-05"}, {"date": "5 June 2028"}]}}""", "england-and-wales.events[1].date")]
    public void Malformed_files_are_refused_naming_the_place(string json, string named)
    {
        var error = Assert.Throws<FormatException>(() => BankHolidays.ParseGovUkJson(json));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void The_shipped_file_covers_2026_and_2027_exactly_as_the_rules_do()
    {
        var announced = BankHolidays.ParseGovUkJson(File.ReadAllText(RepositoryFiles.Find("config/bank-holidays.json")));

        foreach (var year in announced.Select(d => d.Year).Distinct())
        {
            Assert.Equal(BankHolidays.EnglandAndWales.In(year), announced.Where(d => d.Year == year));
        }

        Assert.Contains(2026, announced.Select(d => d.Year));
        Assert.Contains(2027, announced.Select(d => d.Year));
    }
}
