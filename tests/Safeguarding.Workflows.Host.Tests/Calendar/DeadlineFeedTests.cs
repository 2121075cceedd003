using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Host.Tests.Meetings;
using Safeguarding.Workflows.Host.Tests.RapidReviews;
using Safeguarding.Workflows.Storage.Partnerships;

namespace Safeguarding.Workflows.Host.Tests.Calendar;

/// <summary>A partnership's or a person's deadline calendar at its secret address, read as a calendar client would (parsed with Ical.Net).</summary>
public sealed class DeadlineFeedTests : IAsyncLifetime
{
    private readonly ServiceFactory factory = new();
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
}
