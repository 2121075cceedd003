using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Calendar;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Host.Tests.Meetings;
using Safeguarding.Workflows.Host.Tests.RapidReviews;
using Safeguarding.Workflows.Storage.Partnerships;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Tests.Calendar;

/// <summary>A partnership's or a person's deadline calendar at its secret address, read as a calendar client would (parsed with Ical.Net).</summary>
public sealed class DeadlineFeedTests : IAsyncLifetime
{
    /// <summary>A scrutineer, signed in (as a local user) by their email address.</summary>
    private const string Sam = "sam.scrutineer@staffordshire.example.org";

    private readonly ServiceFactory factory = new(new Dictionary<string, string?>
    {
        [$"Auth:Development:Users:{Sam}:Role"] = Roles.Scrutineer,
        [$"Auth:Development:Users:{Sam}:Partnerships"] = "staffordshire",
    });
    private ReviewsClient reviews = null!;
    private HttpClient calendarClient = null!;

    public Task InitializeAsync()
    {
        reviews = new ReviewsClient(factory.CreateClient());
        calendarClient = factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private async Task<Ical.Net.Calendar> FeedAsync(string secret)
    {
        var response = await calendarClient.GetAsync($"/calendar/{secret}.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task The_feed_lists_each_open_deadline_on_its_date_drops_it_when_met_and_stops_when_revoked()
    {
        var store = factory.Services.GetRequiredService<CalendarFeedStore>();
        var secret = await store.CreateAsync("staffordshire", "the whole partnership", "Business Manager", DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.True((await reviews.PutAsync("rapid-reviews", "rr-2026-090", RapidReviewsApiTests.Body(caseReference: "RR-2026-090", awareOn: "2026-01-05"))).IsSuccessStatusCode);

        var calendar = await FeedAsync(secret);
        Assert.Equal("Staffordshire Safeguarding Children Partnership: deadlines", calendar.Properties["X-WR-CALNAME"]!.Value);
        var notify = Assert.Single(calendar.Events, e => e.Uid == "rapid-review.rr-2026-090.panel-notification@staffordshire.safeguarding-workflows");
        Assert.Equal(new DateOnly(2026, 1, 12), DateOnly.FromDateTime(notify.DtStart!.Value)); // 5 working days after awareness
        Assert.False(notify.DtStart.HasTime); // an all-day entry on the date the law counts
        Assert.StartsWith("Rapid review RR-2026-090: ", notify.Summary, StringComparison.Ordinal);
        Assert.EndsWith("/partnerships/staffordshire/rapid-reviews/rr-2026-090", notify.Url!.ToString(), StringComparison.Ordinal);
        Assert.Contains(calendar.Events, e => e.Uid!.StartsWith("rapid-review.rr-2026-090.rapid-review@", StringComparison.Ordinal));

        // Met: gone from the feed; the others stay with the same identities.
        await reviews.RecordAsync("rapid-reviews", "rr-2026-090", new { type = "panel-notified", on = "2026-01-05" });
        calendar = await FeedAsync(secret);
        Assert.DoesNotContain(calendar.Events, e => e.Uid!.Contains(".panel-notification@", StringComparison.Ordinal));
        Assert.Contains(calendar.Events, e => e.Uid!.StartsWith("rapid-review.rr-2026-090.rapid-review@", StringComparison.Ordinal));

        // Revoked, or never made: nothing, and no hint of which.
        var feed = Assert.Single(await store.ListAsync("staffordshire", CancellationToken.None));
        Assert.False(await store.RevokeAsync("solihull", feed.Id, CancellationToken.None));
        Assert.True(await store.RevokeAsync("staffordshire", feed.Id, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await calendarClient.GetAsync($"/calendar/{secret}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarClient.GetAsync("/calendar/not-a-secret-at-all-but-long-enough.ics")).StatusCode);
    }

    [Fact]
    public async Task A_persons_feed_lists_only_what_they_owe_drops_what_they_have_sent_and_stops_when_revoked()
    {
        const string Pat = "pat.person@police.example.org";
        var store = factory.Services.GetRequiredService<CalendarFeedStore>();
        var patSecret = await store.CreateAsync("staffordshire", CalendarFeed.ForPerson(" Pat.Person@police.example.org"), "Business Manager", DateTimeOffset.UtcNow, CancellationToken.None);
        var bobSecret = await store.CreateAsync("staffordshire", CalendarFeed.ForPerson("bob@police.example.org"), "Business Manager", DateTimeOffset.UtcNow, CancellationToken.None);

        // Pat writes a paper for a meeting and is the police contact for a rapid review; Bob writes the other paper.
        var meetings = new MeetingsClient(factory);
        object[] papers =
        [
            new { id = "police-performance", title = "Police performance", author = new { name = "Pat Person", email = Pat, agency = "Staffordshire Police" } },
            new { id = "audit", title = "Multi-agency audit", author = new { name = "Bob Author", email = "bob@police.example.org", agency = "Staffordshire Police" } },
        ];
        (await meetings.ScheduleAsync("board-2026-02", MeetingsClient.At("2026-02-14T10:00:00Z"), papers)).EnsureSuccessStatusCode();
        Assert.True((await reviews.PutAsync("rapid-reviews", "rr-2026-091", RapidReviewsApiTests.Body(caseReference: "RR-2026-091", awareOn: "2026-01-05", contactName: "Pat Person", email: Pat))).IsSuccessStatusCode);

        var pats = await FeedAsync(patSecret);
        Assert.Equal($"Staffordshire Safeguarding Children Partnership: deadlines for {Pat}", pats.Properties["X-WR-CALNAME"]!.Value);
        Assert.Equal(
            [
                ("rapid-review.rr-2026-091.agency-summary:staffordshire-police.owed@staffordshire.safeguarding-workflows", new DateOnly(2026, 1, 19), "Agency summary (Staffordshire Police): Rapid review RR-2026-091"),
                ("meeting.board-2026-02.paper:police-performance.owed@staffordshire.safeguarding-workflows", new DateOnly(2026, 1, 30), "Paper “Police performance”: Meeting Partnership board"),
            ],
            pats.Events.OrderBy(e => e.DtStart!.Value).Select(e => (e.Uid, DateOnly.FromDateTime(e.DtStart!.Value), e.Summary)));
        Assert.All(pats.Events, e => Assert.False(e.DtStart!.HasTime));
        Assert.EndsWith("/partnerships/staffordshire/rapid-reviews/rr-2026-091", pats.Events.Single(e => e.Uid!.StartsWith("rapid-review.", StringComparison.Ordinal)).Url!.ToString(), StringComparison.Ordinal);

        // Bob's calendar has his paper and nothing of Pat's.
        var bobs = await FeedAsync(bobSecret);
        Assert.Equal(["meeting.board-2026-02.paper:audit.owed@staffordshire.safeguarding-workflows"], bobs.Events.Select(e => e.Uid));

        // Pat's summary arrives: it goes, the paper stays with the same identity.
        await reviews.MoveToAsync("2026-01-14", 10);
        await reviews.RecordAsync("rapid-reviews", "rr-2026-091", new { type = "agency-summary-received", on = "2026-01-14", agency = "Staffordshire Police" });
        pats = await FeedAsync(patSecret);
        Assert.Equal(["meeting.board-2026-02.paper:police-performance.owed@staffordshire.safeguarding-workflows"], pats.Events.Select(e => e.Uid));

        // Revoked: nothing more for Pat; Bob's still works.
        var patsFeed = Assert.Single(await store.ListAsync("staffordshire", CancellationToken.None), f => f.PersonEmail == Pat);
        Assert.True(await store.RevokeAsync("staffordshire", patsFeed.Id, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await calendarClient.GetAsync($"/calendar/{patSecret}.ics")).StatusCode);
        Assert.Single((await FeedAsync(bobSecret)).Events);
    }
    [Fact]
    public async Task A_process_saved_before_owed_items_were_kept_reaches_the_persons_feed_once_the_backfill_has_run()
    {
        const string Pat = "pat.older@police.example.org";
        var store = factory.Services.GetRequiredService<CalendarFeedStore>();
        var secret = await store.CreateAsync("staffordshire", CalendarFeed.ForPerson(Pat), "Business Manager", DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.True((await reviews.PutAsync("rapid-reviews", "rr-2026-093", RapidReviewsApiTests.Body(caseReference: "RR-2026-093", awareOn: "2026-01-05", contactName: "Pat Older", email: Pat))).IsSuccessStatusCode);

        // Its row as it was before the column: the same state and columns, no Owed.
        var key = new ProcessKey("staffordshire", ProcessKinds.RapidReview, "rr-2026-093");
        var processes = factory.Services.GetRequiredService<ProcessStore>();
        var stored = (await processes.ReadAsync(key, CancellationToken.None))!;
        var row = (await factory.Services.GetRequiredService<ProcessIndex>().GetAsync(key, CancellationToken.None))!;
        await processes.SaveAsync(new ProcessChange(row with { Owed = null }, stored.State, stored.ETag), CancellationToken.None);
        Assert.Empty((await FeedAsync(secret)).Events);

        var backfill = factory.Services.GetRequiredService<OwedBackfill>();
        Assert.Equal(1, await backfill.RunAsync(CancellationToken.None));
        Assert.Equal(
            ["rapid-review.rr-2026-093.agency-summary:staffordshire-police.owed@staffordshire.safeguarding-workflows"],
            (await FeedAsync(secret)).Events.Select(e => e.Uid));

        // Done once: a second run (another start, another host) finds nothing to fill.
        Assert.Equal(0, await backfill.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_business_managers_feed_holds_the_business_units_own_deadlines_and_nobody_elses_does()
    {
        const string Pat = "pat.person@police.example.org";
        var store = factory.Services.GetRequiredService<CalendarFeedStore>();
        var managerSecret = await store.CreateAsync("staffordshire", CalendarFeed.ForPerson("Board-Manager@staffordshire.example.org"), "Business Manager", DateTimeOffset.UtcNow, CancellationToken.None);
        var patSecret = await store.CreateAsync("staffordshire", CalendarFeed.ForPerson(Pat), "Business Manager", DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.True((await reviews.PutAsync("rapid-reviews", "rr-2026-094", RapidReviewsApiTests.Body(caseReference: "RR-2026-094", awareOn: "2026-01-05", contactName: "Pat Person", email: Pat))).IsSuccessStatusCode);
        (await new MeetingsClient(factory).ScheduleAsync("board-2026-03", MeetingsClient.At("2026-03-12T10:00:00Z"))).EnsureSuccessStatusCode();

        var managers = await FeedAsync(managerSecret);
        var notify = Assert.Single(managers.Events, e => e.Uid == "rapid-review.rr-2026-094.panel-notification.owed@staffordshire.safeguarding-workflows");
        Assert.Equal("Notifying the Child Safeguarding Practice Review Panel: Rapid review RR-2026-094", notify.Summary);
        Assert.Equal(new DateOnly(2026, 1, 12), DateOnly.FromDateTime(notify.DtStart!.Value));
        Assert.Contains(managers.Events, e => e.Uid == "rapid-review.rr-2026-094.rapid-review.owed@staffordshire.safeguarding-workflows");
        Assert.Contains(managers.Events, e => e.Uid == "meeting.board-2026-03.circulation.owed@staffordshire.safeguarding-workflows" && e.Summary!.StartsWith("Circulating the papers: ", StringComparison.Ordinal));
        // What an agency owes is theirs, not the business unit's.
        Assert.DoesNotContain(managers.Events, e => e.Uid!.Contains("agency-summar", StringComparison.Ordinal));
        Assert.Equal(["rapid-review.rr-2026-094.agency-summary:staffordshire-police.owed@staffordshire.safeguarding-workflows"], (await FeedAsync(patSecret)).Events.Select(e => e.Uid));

        // Done: gone from the manager's calendar.
        await reviews.RecordAsync("rapid-reviews", "rr-2026-094", new { type = "panel-notified", on = "2026-01-05" });
        Assert.DoesNotContain((await FeedAsync(managerSecret)).Events, e => e.Uid!.Contains(".panel-notification.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reader_makes_and_revokes_a_calendar_for_themselves_only()
    {
        var store = factory.Services.GetRequiredService<CalendarFeedStore>();
        var bobs = await store.CreateAsync("staffordshire", CalendarFeed.ForPerson("bob@police.example.org"), "Business Manager", DateTimeOffset.UtcNow, CancellationToken.None);
        var bobsFeed = Assert.Single(await store.ListAsync("staffordshire", CancellationToken.None));
        var sam = factory.CreateClient();
        sam.DefaultRequestHeaders.Add(DevelopmentAuthenticationHandler.UserHeader, Sam);
        const string Page = "/partnerships/staffordshire/calendar";

        var form = await sam.GetStringAsync(Page);
        Assert.Contains(Sam, form, StringComparison.Ordinal);
        Assert.Contains("id=\"no-feeds\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain(bobsFeed.Id, form, StringComparison.Ordinal);

        // Whatever the form says, the calendar is for the person signed in.
        var made = await Post(sam, $"{Page}?handler=Create", form, new() { ["email"] = "bob@police.example.org", ["person"] = "bob@police.example.org" });
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var address = Regex.Match(await made.Content.ReadAsStringAsync(), @"/calendar/([A-Za-z0-9_-]+)\.ics").Groups[1].Value;
        Assert.Equal(Sam, (await store.FindAsync(address, CancellationToken.None))!.PersonEmail);
        Assert.Equal([CalendarFeed.ForPerson("bob@police.example.org"), CalendarFeed.ForPerson(Sam)], (await store.ListAsync("staffordshire", CancellationToken.None)).Select(f => f.For).Order());

        // The business unit's page, which makes one for anyone, is not theirs.
        var settings = await Post(sam, "/partnerships/staffordshire/settings/calendars?handler=Person", form, new() { ["email"] = "bob@police.example.org" });
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);

        // Someone else's address stays; their own goes.
        form = await sam.GetStringAsync(Page);
        var revokedBobs = await Post(sam, $"{Page}?handler=Revoke", form, new() { ["id"] = bobsFeed.Id });
        Assert.DoesNotContain("revoked=1", revokedBobs.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        Assert.NotNull(await store.FindAsync(bobs, CancellationToken.None));
        var samsFeed = Assert.Single(await store.ListAsync("staffordshire", CancellationToken.None), f => f.PersonEmail == Sam);
        var revoked = await Post(sam, $"{Page}?handler=Revoke", form, new() { ["id"] = samsFeed.Id });
        Assert.EndsWith("/calendar?revoked=1", revoked.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        Assert.Null(await store.FindAsync(address, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await calendarClient.GetAsync($"/calendar/{address}.ics")).StatusCode);
    }

    /// <summary>Posts a page's form as a browser would, with the antiforgery token of <paramref name="form"/>.</summary>
    private static Task<HttpResponseMessage> Post(HttpClient client, string url, string form, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Regex.Match(form, @"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""").Groups[1].Value;
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}
