using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.Escalations.EscalationFixtures;

namespace Safeguarding.Workflows.Domain.Tests.Escalations;

/// <summary>The readable reference (ESC-2027-014) and the checks pages use to offer only the actions allowed now.</summary>
public sealed class EscalationReferenceTests
{
    private static readonly DateOnly Monday = new(2026, 1, 5);

    [Fact]
    public void A_reference_is_the_year_of_raising_and_a_three_digit_number()
    {
        Assert.Equal("ESC-2027-014", EscalationReference.Of(new DateOnly(2027, 2, 17), 14));
        Assert.Equal("ESC-2027-1203", EscalationReference.Of(new DateOnly(2027, 12, 31), 1203));
        Assert.Equal("escalation|2027", EscalationReference.Series(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void The_reference_names_the_escalation_in_its_title_and_emails_and_the_id_stays_in_links()
    {
        var raised = Changed(Escalation.Raise(Key, Request(Monday), Arrangements(), Holidays, EscalationPolicy.Default, "tester", NoonOn(Monday), "ESC-2026-003"));

        Assert.Equal("ESC-2026-003", raised.State.ShownReference);
        Assert.Equal("Escalation ESC-2026-003", raised.State.Title);
        var email = Assert.Single(raised.Emails);
        Assert.Equal("ESC-2026-003", email.Values["reference"]);
        Assert.Equal("/partnerships/testshire/escalations/esc-1", email.Values["link"]);
    }

    [Fact]
    public void An_escalation_raised_before_references_goes_by_its_id()
    {
        var old = Raise(Monday).State;

        Assert.Null(old.Reference);
        Assert.Equal("esc-1", old.ShownReference);
        Assert.Equal("Escalation esc-1", old.Title);
    }

    [Fact]
    public void Only_the_actions_the_escalation_allows_now_pass_their_checks()
    {
        var atFirst = Raise(Monday).State;
        Assert.False(atFirst.CanRespond().IsRefusal);
        Assert.False(atFirst.CanResolve().IsRefusal);
        Assert.False(atFirst.CanEscalate().IsRefusal);
        Assert.Equal(DecisionOutcome.Conflict, atFirst.CanServeFormalNotice().Outcome);

        var atLast = atFirst;
        for (var stage = 2; stage <= atFirst.Stages.Count; stage++)
        {
            atLast = Changed(atLast.Handle(new EscalationEvent(EscalationEventTypes.Escalated, Monday), Holidays, EscalationPolicy.Default, "tester", NoonOn(Monday))).State;
        }

        Assert.True(atLast.AtLastStage);
        Assert.Equal(DecisionOutcome.Conflict, atLast.CanEscalate().Outcome);
        Assert.False(atLast.CanServeFormalNotice().IsRefusal);

        var resolved = Changed(atFirst.Handle(new EscalationEvent(EscalationEventTypes.Resolved, Monday, Outcome: "Agreed."), Holidays, EscalationPolicy.Default, "tester", NoonOn(Monday))).State;
        Assert.True(resolved.CanRespond().IsRefusal);
        Assert.True(resolved.CanResolve().IsRefusal);
        Assert.True(resolved.CanEscalate().IsRefusal);
        Assert.True(resolved.CanServeFormalNotice().IsRefusal);
    }
}
