using System.Text.Json;
using Safeguarding.Workflows.Domain.AnnualReports;

namespace Safeguarding.Workflows.Domain.Tests.AnnualReports;

public sealed class ReportingYearTests
{
    [Theory]
    [InlineData("2025-26", 2025, "2025-04-01", "2026-03-31")]
    [InlineData("2023-24", 2023, "2023-04-01", "2024-03-31")] // ends in a leap year: still 31 March
    [InlineData("2099-00", 0, null, null)]
    [InlineData("2019-20", 2019, "2019-04-01", "2020-03-31")]
    public void The_year_is_the_financial_year_from_1_April(string id, int first, string? starts, string? ends)
    {
        var parsed = ReportingYear.TryParse(id, out var year, out var error);
        if (starts is null)
        {
            Assert.False(parsed);
            Assert.NotNull(error);
            return;
        }

        Assert.True(parsed, error);
        Assert.Equal(first, year.FirstYear);
        Assert.Equal(DateOnly.Parse(starts), year.StartsOn);
        Assert.Equal(DateOnly.Parse(ends!), year.EndsOn);
        Assert.Equal(id, year.Id);
    }

    [Theory]
    [InlineData("2025-27", "must follow")]
    [InlineData("2025-25", "must follow")]
    [InlineData("2026-25", "must follow")]
    [InlineData("2025/26", "like 2025-26")]
    [InlineData("2025-2026", "like 2025-26")]
    [InlineData("25-26", "like 2025-26")]
    [InlineData("", "like 2025-26")]
    [InlineData("abcd-ef", "like 2025-26")]
    [InlineData("２０２５-26", "like 2025-26")] // full-width digits are not digits here
    [InlineData("1999-00", "out of range")]
    public void Malformed_years_are_refused_saying_why(string id, string reason)
    {
        Assert.False(ReportingYear.TryParse(id, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ReportingYear.Parse(id));
    }

    [Theory]
    [InlineData("2025-04-01", true)]
    [InlineData("2026-03-31", true)]
    [InlineData("2025-03-31", false)]
    [InlineData("2026-04-01", false)]
    public void The_year_contains_both_ends(string date, bool contained) =>
        Assert.Equal(contained, ReportingYear.Parse("2025-26").Contains(DateOnly.Parse(date)));

    [Fact]
    public void It_is_written_as_its_id_in_json()
    {
        var json = JsonSerializer.Serialize(ReportingYear.Parse("2025-26"));
        Assert.Equal("\"2025-26\"", json);
        Assert.Equal(2025, JsonSerializer.Deserialize<ReportingYear>(json).FirstYear);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ReportingYear>("\"2025-27\""));
    }

    [Fact]
    public void The_period_reads_as_words() => Assert.Equal("1 April 2025 to 31 March 2026", ReportingYear.Parse("2025-26").Period);
}
