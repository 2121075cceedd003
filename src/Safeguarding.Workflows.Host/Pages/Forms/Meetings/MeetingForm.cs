using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Pages.Forms.Meetings;

/// <summary>
/// A form about one meeting: the partnership and the meeting, or "Page not found"; what is posted goes through the
/// commands the API's handlers run.
/// </summary>
public abstract class MeetingForm(PartnershipDirectory partnerships, MeetingCommands commands)
    : ProcessForm<Domain.Meetings.Meeting>(partnerships, commands.GetAsync)
{
    private MeetingView? view;

    public MeetingView Meeting => view ??= MeetingView.From(Process);

    protected MeetingCommands Commands => commands;

    /// <summary>Finds the meeting, then one of its items (a paper, an action); "Page not found" saying <paramref name="missing"/> when there is none.</summary>
    protected async Task<(IActionResult? NotFound, TItem Item)> FindItemAsync<TItem>(string p, string id, Func<Domain.Meetings.Meeting, TItem?> find, string missing) where TItem : class
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return (notFound, null!);
        }

        return find(Process) is { } item ? (null, item) : (PageResults.NotFound(missing), null!);
    }

    /// <summary>
    /// A staff page's answer to a command: back to the meeting with the success banner <paramref name="done"/>
    /// (Post/Redirect/Get), "Page not found", or the refusal said on <paramref name="field"/> (linked from the error
    /// summary to <paramref name="anchor"/>, such as a date's day box, when that is not the field's own id).
    /// </summary>
    protected IActionResult BackToMeeting(Reply<Domain.Meetings.Meeting> reply, string p, string id, string done, string field, string refused, string? anchor = null)
    {
        if (reply.Outcome == DecisionOutcome.NotFound)
        {
            return PageResults.NotFound(reply.Message ?? "There is nothing here.");
        }

        if (!reply.Succeeded)
        {
            Form.Fail(field, PageOutcome.Of(reply).Detail ?? refused, anchor);
            return Invalid();
        }

        return Redirect($"/partnerships/{p}/meetings/{id}?done={done}");
    }

    /// <summary>
    /// Reads <paramref name="body"/> (the typed body the JSON endpoint binds) with the endpoint's own
    /// <see cref="MeetingValidation"/>, through <see cref="FormPage.DecideAsync"/> as every kind's form does, then runs
    /// the command the endpoint runs.
    /// </summary>
    protected static Task<PageOutcome> DecideMeetingAsync<TRequest>(
        object body, Func<MeetingValidation, TRequest?> read, Func<TRequest, Task<Reply<Domain.Meetings.Meeting>>> command) where TRequest : class =>
        DecideAsync(body, (fields, _) => read(new MeetingValidation(fields)), command);
}
