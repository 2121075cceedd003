using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Processes;
using Safeguarding.Workflows.Host.Tests.RapidReviews;

namespace Safeguarding.Workflows.Host.Tests.Timeliness;

/// <summary>The timeliness page and its CSV, over a simulated-clock scenario where some deadlines are met and some are missed.</summary>
public sealed class TimelinessPageTests : IAsyncLifetime
{
    private readonly ServiceFactory factory = new();
    private ReviewsClient reviews = null!;

    public Task InitializeAsync()
    {
        reviews = new ReviewsClient(factory.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_rapid_review_notified_on_time_whose_summary_never_came_counts_so_in_the_page_and_the_csv()
    {
        // Aware on Monday 5 January 2026 (financial year April 2025 to March 2026); the Panel told the next day.
        var created = await reviews.PutAsync("rapid-reviews", "rr-2026-071", RapidReviewsApiTests.Body(caseReference: "RR-2026-071", awareOn: "2026-01-05"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        await reviews.MoveToAsync("2026-01-06", 10);
        await reviews.RecordAsync("rapid-reviews", "rr-2026-071", new { type = "panel-notified", on = "2026-01-06" });

        // Nothing else happens until the end of February: the agency summary and the rapid review are missed.
        await reviews.MoveToAsync("2026-02-27", 10);

        var csv = await reviews.Http.GetStringAsync("/partnerships/staffordshire/timeliness/csv?year=2025");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,kind,name,fell due,on time,late,missed,waived,most working days late", lines[0]);
        Assert.Contains("clock,Rapid review,Notifying the Child Safeguarding Practice Review Panel,1,1,0,0,0,0", lines);
        Assert.Contains("clock,Rapid review,Sending the rapid review to the Panel,1,0,0,1,0,0", lines);
        Assert.Contains("agency,Agency summaries,Staffordshire Police,1,0,0,1,0,0", lines);

        // The page shows the same figures; the year before has none; a year out of range falls back to the last whole one.
        var page = await reviews.Http.GetStringAsync("/partnerships/staffordshire/timeliness?year=2025");
        Assert.Contains("Notifying the Child Safeguarding Practice Review Panel", page, StringComparison.Ordinal);
        Assert.Contains("id=\"chart\"", page, StringComparison.Ordinal);
        Assert.Contains("April 2025 to March 2026", page, StringComparison.Ordinal);
        Assert.Contains("No deadline fell due in this year.", await reviews.Http.GetStringAsync("/partnerships/staffordshire/timeliness?year=2024"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await reviews.Http.GetAsync("/partnerships/atlantis/timeliness")).StatusCode);
    }

    [Fact]
    public async Task A_rapid_review_recorded_after_the_year_it_became_known_in_counts_in_that_year()
    {
        // Known on Friday 13 March 2026, recorded only on 8 April: its Panel notification was due on 20 March, in the
        // year April 2025 to March 2026, although the review was created after that year ended.
        await reviews.MoveToAsync("2026-04-08", 10);
        var created = await reviews.PutAsync("rapid-reviews", "rr-2026-072", RapidReviewsApiTests.Body(caseReference: "RR-2026-072", awareOn: "2026-03-13"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        // Its index row says so: the year's report reads it (it leaves out only those created after the year whose deadlines all fall after it).
        var row = await factory.Services.GetRequiredService<ProcessIndex>().GetAsync(new ProcessKey("staffordshire", "rapid-review", "rr-2026-072"), CancellationToken.None);
        Assert.Equal(new DateOnly(2026, 3, 20), row?.EarliestDueOn);

        var csv = await reviews.Http.GetStringAsync("/partnerships/staffordshire/timeliness/csv?year=2025");
        Assert.Contains("clock,Rapid review,Notifying the Child Safeguarding Practice Review Panel,1,0,0,1,0,0", csv.Split("\r\n"));
    }
}
