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

    /// <summary>
    /// Reads <paramref name="body"/> (the typed body the JSON endpoint binds) with the endpoint's own
    /// <see cref="MeetingValidation"/>, through <see cref="FormPage.DecideAsync"/> as every kind's form does, then runs
    /// the command the endpoint runs.
    /// </summary>
    protected static Task<PageOutcome> DecideMeetingAsync<TRequest>(
        object body, Func<MeetingValidation, TRequest?> read, Func<TRequest, Task<Reply<Domain.Meetings.Meeting>>> command) where TRequest : class =>
        DecideAsync(body, (fields, _) => read(new MeetingValidation(fields)), command);
}
