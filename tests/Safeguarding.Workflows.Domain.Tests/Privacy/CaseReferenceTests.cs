using Safeguarding.Workflows.Domain.Privacy;

namespace Safeguarding.Workflows.Domain.Tests.Privacy;

public sealed class CaseReferenceTests
{
    [Theory]
    [InlineData("RR-2026-014")]
    [InlineData("LCSPR/2026/03")]
    [InlineData("SI-0042")]
    [InlineData("123")]
    [InlineData("A1B")]
    public void References_are_accepted(string reference)
    {
        Assert.Null(CaseReference.Problem(reference));
    }

    [Theory]
    [InlineData("")]
    [InlineData("rr-2026-014")]           // lower case
    [InlineData("Jayden Smith")]          // a name
    [InlineData("JAYDENSMITH")]           // a name in capitals: no digit
    [InlineData("RR 2026 014")]           // spaces
    [InlineData("-RR-2026")]              // starts with a separator
    [InlineData("R1")]                    // too short
    [InlineData("RR-2026-0000000000000000000000001")] // too long
    [InlineData("RR-03/04/2015")]         // a date of birth
    [InlineData("RR-03042015")]           // a compact date of birth
    [InlineData("RR-2015-04-03")]         // an ISO date
    [InlineData("DOB-2015")]
    public void Anything_else_is_refused(string reference)
    {
        Assert.NotNull(CaseReference.Problem(reference));
    }

    [Fact]
    public void The_refusal_never_repeats_the_value()
    {
        Assert.DoesNotContain("Jayden", CaseReference.Problem("Jayden Smith"));
    }
}

public sealed class UrlIdTests
{
    [Theory]
    [InlineData("rr-2026-014", true)]
    [InlineData("r1", true)]
    [InlineData("1", true)]
    [InlineData("rr-2026-014-lcspr", true)]
    [InlineData("RR-2026-014", false)]   // upper case
    [InlineData("jayden-smith", false)]  // no digit
    [InlineData("rr/2026", false)]
    [InlineData("-rr-1", false)]
    [InlineData("rr-03-04-2015", false)] // a date of birth
    [InlineData("", false)]
    public void Ids_in_urls(string id, bool valid)
    {
        Assert.Equal(valid, Safeguarding.Workflows.Domain.Privacy.UrlId.Problem(id) is null);
    }

    [Fact]
    public void The_length_limit_is_the_callers()
    {
        Assert.NotNull(Safeguarding.Workflows.Domain.Privacy.UrlId.Problem("rr-" + new string('1', 60), maxLength: 58));
    }

    /// <summary>The variants of the one rule: a case's id, an id made from a title, an escalation's reference.</summary>
    [Theory]
    [InlineData("case", "rr-2026-014", true)]
    [InlineData("case", "board", false)]           // no digit: it could be a name
    [InlineData("name", "board", true)]            // a meeting or a paper: named after its title
    [InlineData("name", "board-2027-02-04", true)] // a meeting's date is not a date of birth
    [InlineData("name", "Board", false)]
    [InlineData("name", "board_meeting", false)]
    [InlineData("name", "-board", false)]
    [InlineData("reference", "ESC-2026-01", true)]
    [InlineData("reference", "esc-1", true)]
    [InlineData("reference", "ESC_1", false)]
    [InlineData("reference", "-ESC", false)]
    public void Each_kind_of_id_follows_its_variant(string rule, string id, bool valid)
    {
        var variant = rule switch
        {
            "case" => Safeguarding.Workflows.Domain.Privacy.UrlIdRule.Case(),
            "name" => Safeguarding.Workflows.Domain.Privacy.UrlIdRule.Name(40),
            _ => Safeguarding.Workflows.Domain.Privacy.UrlIdRule.Reference(64),
        };
        Assert.Equal(valid, variant.Problem(id) is null);
        Assert.NotNull(variant.Problem(new string('a', 65) + "1"));
    }
}
