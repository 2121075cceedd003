using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Forms.Meetings;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.Meetings;

/// <summary>
/// <c>/partnerships/{p}/meetings/{id}/reschedule</c>: a new date and start time, through
/// <see cref="MeetingCommands.RescheduleAsync"/>; then Post/Redirect/Get to the meeting with a success banner.
/// </summary>
public sealed class RescheduleModel(PartnershipDirectory partnerships, MeetingCommands commands, WorkflowClock clock) : MeetingForm(partnerships, commands)
{
    public async Task<IActionResult> OnGetAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        Form.SetDate("date", Domain.Calendar.LondonTime.LocalDate(Meeting.StartsAt));
        Form.Set("time", MeetingWhen.Input(Meeting.StartsAt));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        if (MeetingWhen.Read(Form, "date", "time", clock.GetUtcNow()) is not { } startsAt || MeetingValidation.Instant(startsAt) is not { } instant)
        {
            return Invalid();
        }

        var reply = await Commands.RescheduleAsync(p, id, instant, RequestActor.Of(HttpContext));
        return BackToMeeting(reply, p, id, "rescheduled", "date", "The meeting could not be moved", anchor: "date-day");
    }
}
