using Safeguarding.Workflows.Domain.Calendar;

namespace Safeguarding.Workflows.Domain.Tests.Calendar;

public sealed class EasterTests
{
    [Theory]
    [InlineData(1900, "1900-04-15")]
    [InlineData(1943, "1943-04-25")] // latest possible
    [InlineData(1961, "1961-04-02")]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2100, "2100-03-28")]
    public void Known_Easter_Sundays(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), BankHolidays.EasterSunday(year));
    }

    [Fact]
    public void Agrees_with_Lichtenbergs_form_of_Gauss_for_1900_to_2100()
    {
        for (var year = 1900; year <= 2100; year++)
        {
            var easter = BankHolidays.EasterSunday(year);
            Assert.Equal(GaussLichtenberg(year), easter);
            Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
            Assert.InRange(easter, new DateOnly(year, 3, 22), new DateOnly(year, 4, 25));
        }
    }

    [Fact]
    public void Good_Friday_and_Easter_Monday_are_bank_holidays_every_year()
    {
        for (var year = 1978; year <= 2200; year++)
        {
            var easter = BankHolidays.EasterSunday(year);
            Assert.True(BankHolidays.EnglandAndWales.Contains(easter.AddDays(-2)), $"Good Friday {year}");
            Assert.True(BankHolidays.EnglandAndWales.Contains(easter.AddDays(1)), $"Easter Monday {year}");
        }
    }

    /// <summary>A second, independent computation: Gauss's Easter formula as restated by Lichtenberg (1997).</summary>
    private static DateOnly GaussLichtenberg(int x)
    {
        var k = x / 100;
        var m = 15 + (((3 * k) + 3) / 4) - (((8 * k) + 13) / 25);
        var s = 2 - (((3 * k) + 3) / 4);
        var a = x % 19;
        var d = ((19 * a) + m) % 30;
        var r = (d + (a / 11)) / 29;
        var og = 21 + d - r;
        var sz = 7 - ((x + (x / 4) + s) % 7);
        var oe = 7 - ((og - sz) % 7);
        var os = og + oe; // day of March; 32 is 1 April
        return new DateOnly(x, 3, 1).AddDays(os - 1);
    }
}
