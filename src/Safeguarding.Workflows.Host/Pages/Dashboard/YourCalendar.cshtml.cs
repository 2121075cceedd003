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

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>
/// <c>/partnerships/{p}/calendar</c>: anyone who may read the partnership (a partner, the scrutineer, a reader) makes
/// and revokes a calendar of what they themselves owe (<see cref="DeadlineFeeds"/>), for the email address their
/// sign-in gives and no other: the page takes no address from the form. The business unit makes them for anyone on
/// the settings page (<see cref="Settings.CalendarsModel"/>).
/// </summary>
public sealed class YourCalendarModel(PartnershipDirectory partnerships, CalendarFeedStore feeds, IOptions<EmailOptions> email, WorkflowClock clock) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    /// <summary>The signed-in person's address; null when their sign-in gives none (nothing is then offered).</summary>
    public string? Email { get; private set; }

    /// <summary>Their own calendar addresses in use.</summary>
    public IReadOnlyList<CalendarFeed> Feeds { get; private set; } = [];

    /// <summary>The address just made, shown once in the answer to the post that made it (the secret is not kept).</summary>
    public string? NewAddress { get; private set; }

    public bool Revoked { get; private set; }

    /// <summary>Whether the calendar holds the business unit's own duties too (the person is its business manager).</summary>
    public bool HoldsBusinessUnitDuties => Email is { } address && CalendarPeople.IsBusinessUnit(Partnership, address);

    public async Task<IActionResult> OnGetAsync(string p, [FromQuery] string? revoked, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(p, cancellationToken))
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Revoked = revoked == "1";
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string p, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(p, cancellationToken))
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        if (Email is not { } address)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var secret = await feeds.CreateAsync(p, CalendarFeed.ForPerson(address), RequestActor.Of(HttpContext), clock.GetUtcNow(), cancellationToken);
        NewAddress = DeadlineFeeds.Address(email, secret);
        await LoadAsync(p, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string p, [FromForm] string? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(p, cancellationToken))
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        // Only one of the person's own: any other address of the partnership is left as it is.
        var revoked = id is not null && Feeds.Any(f => f.Id == id) && await feeds.RevokeAsync(p, id, cancellationToken);
        return Redirect($"/partnerships/{p}/calendar{(revoked ? "?revoked=1" : "")}");
    }

    private async Task<bool> LoadAsync(string p, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return false;
        }

        Partnership = partnership;
        Email = CalendarPeople.SignedIn(User);
        Feeds = Email is { } address
            ? [.. (await feeds.ListAsync(p, cancellationToken)).Where(f => f.For == CalendarFeed.ForPerson(address))]
            : [];
        return true;
    }
}
