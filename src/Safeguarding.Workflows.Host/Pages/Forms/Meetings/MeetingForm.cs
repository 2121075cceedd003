using System.Text.Json;
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
    /// Reads <paramref name="body"/> (the body the JSON endpoint would be sent) with the endpoint's own
    /// <see cref="MeetingValidation"/>, so a form is held to the API's rules field by field, then runs the command the
    /// endpoint runs. The text rule the API applies to JSON bodies before any handler is applied here first, since a
    /// form's post is not JSON.
    /// </summary>
    protected static async Task<PageOutcome> DecideMeetingAsync<TRequest>(
        object body, Func<MeetingValidation, TRequest?> read, Func<TRequest, Task<Reply<Domain.Meetings.Meeting>>> command) where TRequest : class
    {
        if (JsonText.FindForbidden(JsonSerializer.SerializeToUtf8Bytes(Body(body))) is { } field)
        {
            return new PageOutcome(StatusCodes.Status400BadRequest, null, new Dictionary<string, string[]> { [field] = [ForbiddenText] }, null);
        }

        var validation = new MeetingValidation();
        return read(validation) is { } request
            ? PageOutcome.Of(await command(request))
            : new PageOutcome(StatusCodes.Status400BadRequest, null, validation.Errors, null);
    }
}
