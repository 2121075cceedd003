using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Tests.Escalations;

/// <summary>Drives an escalation the way the engine does: wake at each <see cref="Escalation.NextWakeAt"/> up to a time, keeping every email.</summary>
internal sealed class EscalationRun(Transition<Escalation> start)
{
    public Escalation State { get; private set; } = start.State;

    public List<OutgoingEmail> Emails { get; } = [.. start.Emails];

    public EscalationRun Until(DateTimeOffset until)
    {
        while (State.NextWakeAt is { } at && at <= until)
        {
            Apply(State.Wake(at));
        }

        return this;
    }

    public EscalationRun Apply(Transition<Escalation> transition)
    {
        State = transition.State;
        Emails.AddRange(transition.Emails);
        return this;
    }

    /// <summary>Applies a decision that must change the escalation.</summary>
    public EscalationRun Do(Func<Escalation, Decision<Escalation>> decide) => Apply(EscalationFixtures.Changed(decide(State)));

    /// <summary>Template, local send date and recipients of every email, in order.</summary>
    public IEnumerable<(string Template, DateOnly On, string To)> Sent() =>
        Emails.Select(e => (e.Template, Domain.Calendar.LondonTime.LocalDate(e.CreatedAt), string.Join(" ", e.To.Select(t => t.Email))));
}
