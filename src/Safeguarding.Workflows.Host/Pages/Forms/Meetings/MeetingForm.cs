using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Forms.Meetings;

/// <summary>A form about one meeting: finds the partnership and the meeting (through the API's own GET) or answers "Page not found".</summary>
public abstract class MeetingForm(PartnershipDirectory partnerships, IGrainFactory grains) : FormPage
{
    public MeetingView Meeting { get; private set; } = null!;

    protected PartnershipDirectory Partnerships => partnerships;

    protected IGrainFactory Grains => grains;

    protected async Task<IActionResult?> FindAsync(string p, string id)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var found = PageOutcome.Of(await MeetingsApi.GetMeeting(p, id, partnerships, grains));
        if (!found.Succeeded)
        {
            return PageResults.NotFound(found.Detail ?? "There is no such meeting.");
        }

        Partnership = partnership;
        Meeting = found.ValueAs<MeetingView>();
        return null;
    }
}
