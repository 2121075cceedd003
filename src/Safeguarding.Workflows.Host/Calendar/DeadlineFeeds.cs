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
/// <c>GET /calendar/{secret}.ics</c>: a partnership's open deadlines, or what one person owes it (papers, agency
/// summaries, report sections, responses, actions), as a calendar people subscribe to from Outlook.
/// Calendar clients cannot sign in, so the secret address is the credential: made and revoked by the business unit on
/// the settings page (<see cref="CalendarFeedStore"/>), unguessable, and carrying case references only.
/// </summary>
public static class DeadlineFeeds
{
    /// <summary>The backfill of older process rows for person calendars (<see cref="OwedBackfill"/>), after the engine.</summary>
    public static WebApplicationBuilder AddDeadlineFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OwedBackfill>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OwedBackfill>());
        return builder;
    }

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
        var open = (await listing.AllAsync(partnership.Id, cancellationToken)).Where(e => e.Status == ProcessStatus.Open);
        Uri Link(ProcessIndexEntry e) => new($"{baseUrl}/partnerships/{partnership.Id}/{kinds.PluralOf(e.Kind)}/{e.Id}");

        // The open deadlines of a process that the business unit owes (BusinessUnitDuties), by their names in the row.
        IEnumerable<FeedEntry> Duties(ProcessIndexEntry e) =>
            from d in e.OpenDeadlines ?? []
            where d.IsOpen
            let what = BusinessUnitDuties.Of(e.Kind, d.Name)
            where what is not null
            select new FeedEntry($"{e.Kind}.{e.Id}.{d.Name}.owed@{partnership.Id}.safeguarding-workflows", d.DueOn, $"{what}: {ProcessName(e)}", Link(e));

        string name;
        IEnumerable<FeedEntry> entries;
        if (feed.PersonEmail is { } person)
        {
            // Only what the person owes, as the processes list it in their index rows (a row saved before they did
            // lists nothing until OwedBackfill, or its next change, writes it again); for the business unit's people,
            // the business unit's own duties too.
            name = $"{partnership.Name}: deadlines for {CalendarPeople.NameOf(partnership, person)}";
            var businessUnit = CalendarPeople.IsBusinessUnit(partnership, person);
            entries = open.SelectMany(e => (e.Owed ?? []).Where(o => o.IsOwedBy(person)).Select(o => new FeedEntry(
                        $"{e.Kind}.{e.Id}.{o.Item}.owed@{partnership.Id}.safeguarding-workflows",
                        o.DueOn,
                        $"{o.What}: {ProcessName(e)}",
                        Link(e)))
                    .Concat(businessUnit ? Duties(e) : []))
                .DistinctBy(f => f.Uid, StringComparer.Ordinal);
        }
        else
        {
            name = $"{partnership.Name}: deadlines";
            entries = open.SelectMany(e => (e.OpenDeadlines ?? []).Where(d => d.IsOpen).Select(d => new FeedEntry(
                $"{e.Kind}.{e.Id}.{d.Name}@{partnership.Id}.safeguarding-workflows",
                d.DueOn,
                $"{Show.KindTitle(e.Kind)} {e.Title ?? e.Id}: {Show.Name(d.Name)}",
                Link(e))));
        }

        entries = entries.OrderBy(f => f.On).ThenBy(f => f.Uid, StringComparer.Ordinal);
        context.Response.Headers.CacheControl = "private, max-age=300";
        return Results.Text(DeadlineFeed.ToIcs(name, entries, clock.GetUtcNow()), DeadlineFeed.ContentType);
    }

    /// <summary>"Rapid review RR-2026-090", or a title that already says its kind ("Annual report 2026-27") as it is.</summary>
    private static string ProcessName(ProcessIndexEntry e)
    {
        var kind = Show.KindTitle(e.Kind);
        var title = e.Title ?? e.Id;
        return title.StartsWith(kind, StringComparison.OrdinalIgnoreCase) ? title : $"{kind} {title}";
    }
}
