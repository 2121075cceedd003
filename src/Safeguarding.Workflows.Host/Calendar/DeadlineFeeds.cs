using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Notifications;
using Safeguarding.Workflows.Notifications.Calendar;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage.Partnerships;
using Safeguarding.Workflows.Storage.Processes;
using Microsoft.Extensions.Options;

namespace Safeguarding.Workflows.Host.Calendar;

/// <summary>
/// <c>GET /calendar/{secret}.ics</c>: a partnership's open deadlines as a calendar people subscribe to from Outlook.
/// Calendar clients cannot sign in, so the secret address is the credential: made and revoked by the business unit on
/// the settings page (<see cref="CalendarFeedStore"/>), unguessable, and carrying case references only.
/// </summary>
public static class DeadlineFeeds
{
    public static IEndpointRouteBuilder MapDeadlineFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calendar/{file}", GetFeed).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The address of a feed, to show once when it is made (the service's public address, as emailed links use).</summary>
    public static string Address(IOptions<EmailOptions> email, string secret) => $"{email.Value.PublicBaseUrl.TrimEnd('/')}/calendar/{secret}.ics";

    private static async Task<IResult> GetFeed(
        string file, CalendarFeedStore feeds, PartnershipDirectory partnerships, ProcessListing listing, Pages.Dashboard.ProcessSnapshots kinds, WorkflowClock clock, IOptions<EmailOptions> email, HttpContext context, CancellationToken cancellationToken)
    {
        if (!file.EndsWith(".ics", StringComparison.Ordinal) || await feeds.FindAsync(file[..^4], cancellationToken) is not { } feed
            || partnerships.Find(feed.PartnershipId) is not { } partnership)
        {
            return Results.NotFound();
        }

        var baseUrl = email.Value.PublicBaseUrl.TrimEnd('/');
        var entries = (await listing.AllAsync(partnership.Id, cancellationToken))
            .Where(e => e.Status == ProcessStatus.Open)
            .SelectMany(e => (e.OpenDeadlines ?? []).Where(d => d.IsOpen).Select(d => new FeedEntry(
                $"{e.Kind}.{e.Id}.{d.Name}@{partnership.Id}.safeguarding-workflows",
                d.DueOn,
                $"{Show.KindTitle(e.Kind)} {e.Title ?? e.Id}: {Show.Name(d.Name)}",
                new Uri($"{baseUrl}/partnerships/{partnership.Id}/{kinds.PluralOf(e.Kind)}/{e.Id}"))))
            .OrderBy(f => f.On).ThenBy(f => f.Uid, StringComparer.Ordinal);
        context.Response.Headers.CacheControl = "private, max-age=300";
        return Results.Text(DeadlineFeed.ToIcs($"{partnership.Name}: deadlines", entries, clock.GetUtcNow()), DeadlineFeed.ContentType);
    }
}
