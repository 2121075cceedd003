using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Calendar;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Notifications;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage.Partnerships;

namespace Safeguarding.Workflows.Host.Pages.Settings;

/// <summary>
/// <c>/partnerships/{p}/settings/calendars</c>: the secret addresses at which the partnership's deadlines can be
/// subscribed to from Outlook (<see cref="DeadlineFeeds"/>): the whole partnership's, or one person's (what they owe,
/// <see cref="CalendarPeople"/>). The business unit makes one, sees it once, and revokes it.
/// </summary>
public sealed class CalendarsModel(PartnershipDirectory partnerships, CalendarFeedStore feeds, IOptions<EmailOptions> email, WorkflowClock clock) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    public IReadOnlyList<CalendarFeed> Feeds { get; private set; } = [];

    /// <summary>
    /// A feed's address, shown once in the answer to the post that made it: the secret is not kept, so it cannot be
    /// shown again (which is why this one answer is not a redirect).
    /// </summary>
    public string? NewAddress { get; private set; }

    /// <summary>Whom the address just made is for, in words.</summary>
    public string? NewFor { get; private set; }

    public bool Revoked { get; private set; }

    /// <summary>The person's form: who was chosen or typed, and what was wrong.</summary>
    public FormState Form { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string p, [FromQuery] string? revoked, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        Revoked = revoked == "1";
        Feeds = await feeds.ListAsync(p, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string p, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var secret = await feeds.CreateAsync(p, "The whole partnership", RequestActor.Of(HttpContext), clock.GetUtcNow(), cancellationToken);
        Partnership = partnership;
        NewAddress = DeadlineFeeds.Address(email, secret);
        Feeds = await feeds.ListAsync(p, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostPersonAsync(string p, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        Form = FormState.From(Request.Form);
        if (CalendarPeople.Chosen(Form, partnership) is { } person)
        {
            var forWhom = CalendarFeed.ForPerson(person);
            var secret = await feeds.CreateAsync(p, forWhom, RequestActor.Of(HttpContext), clock.GetUtcNow(), cancellationToken);
            NewAddress = DeadlineFeeds.Address(email, secret);
            NewFor = CalendarPeople.NameOf(partnership, person);
            Form = new FormState();
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Feeds = await feeds.ListAsync(p, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string p, [FromForm] string? id, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is null)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var revoked = id is not null && await feeds.RevokeAsync(p, id, cancellationToken);
        return Redirect($"/partnerships/{p}/settings/calendars{(revoked ? "?revoked=1" : "")}");
    }
}
