namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>A person an email goes to. Only staff and agency contacts: never a child or family member.</summary>
public sealed record EmailRecipient(string Name, string Email);

/// <summary>
/// An email a process decided to send. It carries references, dates and links only, never child-identifying content.
/// <see cref="Id"/> is stable for the action that produced it (for example <c>{processKey}/paper-reminder/p1/2026-12-01</c>),
/// so delivering the same message twice is recognised and sent once.
/// </summary>
/// <param name="Template">The template name, for example <c>meetings/paper-request</c>.</param>
/// <param name="Values">Values the template shows: references, titles, dates (<c>YYYY-MM-DD</c>), relative links.</param>
/// <param name="CreatedAt">When the process decided to send it (the process clock, which may be simulated).</param>
/// <param name="Invite">A calendar invitation to attach, for meetings.</param>
public sealed record OutgoingEmail(
    string Id,
    string PartnershipId,
    string ProcessKey,
    string Template,
    IReadOnlyList<EmailRecipient> To,
    IReadOnlyDictionary<string, string> Values,
    DateTimeOffset CreatedAt,
    CalendarInvite? Invite = null);

public enum InviteMethod
{
    Request,
    Cancel,
}

/// <summary>An iCalendar event for a meeting. <see cref="Sequence"/> rises with every update of the same <see cref="Uid"/>.</summary>
public sealed record CalendarInvite(string Uid, int Sequence, InviteMethod Method, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Location);
