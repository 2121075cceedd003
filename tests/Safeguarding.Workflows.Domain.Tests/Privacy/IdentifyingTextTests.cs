using Safeguarding.Workflows.Domain.Privacy;

namespace Safeguarding.Workflows.Domain.Tests.Privacy;

public sealed class IdentifyingTextTests
{
    [Theory]
    [InlineData("Staffordshire Police")]
    [InlineData("University Hospitals of North Midlands NHS Trust")]
    [InlineData("Birmingham Children's Trust")]
    [InlineData("Child A was known to children's social care")]
    [InlineData("Baby Q1 and Child AB")]
    [InlineData("Review the Child Protection Conference escalation route")]
    [InlineData("Refresh the multi-agency neglect toolkit")]
    [InlineData("Summary needed sign-off by the medical director")]
    [InlineData("https://www.staffordshire.example.org/lcspr/lcspr-2026-001.pdf")]
    [InlineData("Reference RR-2026-014, version 2")]
    [InlineData("Meeting moved to 10.30")]
    public void Ordinary_text_passes(string text)
    {
        Assert.Null(IdentifyingText.Problem(text));
    }

    [Theory]
    [InlineData("born 03/04/2015")]
    [InlineData("DOB 3.4.15")]
    [InlineData("date of birth unknown")]
    [InlineData("child (03-04-2015)")]
    [InlineData("2015-04-03")]
    [InlineData("3 April 2015")]
    [InlineData("3rd of Apr. 2015")]
    [InlineData("April 3rd, 2015")]
    [InlineData("ref 03042015")]
    public void Dates_of_birth_are_refused(string text)
    {
        Assert.True(IdentifyingText.LooksLikeDateOfBirth(text));
        Assert.NotNull(IdentifyingText.Problem(text));
    }

    [Theory]
    [InlineData("Child Jayden")]
    [InlineData("the baby Smith-Jones")]
    [InlineData("a boy called Tyler")]
    [InlineData("known as Ellie")]
    [InlineData("Mrs Patel raised concerns")]
    [InlineData("Jayden's mother")]
    [InlineData("his sister Amelia")]
    public void Names_of_children_and_family_members_are_refused(string text)
    {
        Assert.True(IdentifyingText.LooksLikeChildName(text));
        Assert.NotNull(IdentifyingText.Problem(text));
    }

    [Theory]
    [InlineData("Jayden")]                    // a bare first name
    [InlineData("child jayden smith")]        // lower case
    [InlineData("born on the third of April")] // words only (the word "born" is still caught)
    public void The_limits_are_known(string text)
    {
        // A bare name or a lower-case name cannot be told from ordinary words; dates in words are not dates to the rule.
        Assert.False(IdentifyingText.LooksLikeChildName(text));
        Assert.Equal(text.Contains("born", StringComparison.Ordinal), IdentifyingText.LooksLikeDateOfBirth(text));
    }

    [Fact]
    public void Staff_names_are_only_checked_for_dates()
    {
        Assert.Null(IdentifyingText.DateProblem("Mrs Patel"));
        Assert.NotNull(IdentifyingText.DateProblem("Mrs Patel 03/04/1980"));
    }
}
