namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>
/// Something a named person owes a process and has not yet done (a paper, an agency summary, a report section, a
/// response, an action), for that person's own deadline calendar. It is listed only while it is owed: once done, or
/// once the process is closed, the process no longer lists it.
/// </summary>
/// <param name="Email">The address the process holds for the person (staff only, never a child or family member).</param>
/// <param name="Item">Names the item within its process and never changes (<c>paper:audit</c>), so a calendar entry keeps its identity as its date moves.</param>
/// <param name="What">What is owed in a few words, with no case detail (<c>Paper “Multi-agency audit”</c>).</param>
/// <param name="DueOn">The Europe/London date it is due.</param>
public sealed record OwedItem(string Email, string Item, string What, DateOnly DueOn)
{
    public bool IsOwedBy(string email) => string.Equals(Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase);
}
