using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Processes;
using static Safeguarding.Workflows.Host.Tests.RapidReviews.ReviewsClient;

namespace Safeguarding.Workflows.Host.Tests.RapidReviews;

/// <summary>
/// A rapid review saved by the release before the referral asked whether the child died or was seriously harmed
/// (<c>Stored/rr-2026-090.before-outcome.json</c>, the row as that release wrote it: looked after, no outcome, the Panel
/// notified): it loads with the deadlines it has, its page says the outcome is not recorded, and it can be recorded.
/// </summary>
public sealed class ReviewsSavedBeforeOutcomesTests : IAsyncLifetime
{
    private static readonly ProcessKey Key = new("staffordshire", ProcessKinds.RapidReview, "rr-2026-090");
    private readonly ServiceFactory factory = new();
    private ReviewsClient reviews = null!;

    public async Task InitializeAsync()
    {
        reviews = new ReviewsClient(factory.CreateClient());
        var state = await File.ReadAllBytesAsync(StoredRow());
        var entry = new ProcessIndexEntry(
            Key.PartnershipId, Key.Kind, Key.Id, ProcessStatus.Open, "RR-2026-090", "partners-informed", new DateOnly(2026, 1, 12),
            London("2026-01-12", 23, 59, 59), 0, London("2026-01-08", 9), London("2026-01-05", 8), London("2026-01-05", 8));
        await factory.Services.GetRequiredService<ProcessStore>().SaveAsync(new ProcessChange(entry, state, null), CancellationToken.None);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_row_loads_with_its_deadlines_and_the_outcome_can_be_recorded()
    {
        var review = await reviews.GetAsync("rapid-reviews", Key.Id);
        Assert.Equal(JsonValueKind.Null, review.GetProperty("outcome").ValueKind);
        Assert.True(review.GetProperty("childLookedAfter").GetBoolean());
        Assert.True(review.GetProperty("abuseOrNeglectKnownOrSuspected").GetBoolean());
        Assert.Equal(
            [("panel-notification", "met"), ("partners-informed", "pending"), ("secretary-of-state-notification", "pending"), ("agency-summaries", "pending"), ("rapid-review", "pending")],
            review.GetProperty("deadlines").EnumerateArray().Select(d => (d.GetProperty("name").GetString(), d.GetProperty("state").GetString())));
        Assert.Equal("2026-01-12", Deadline(review, "secretary-of-state-notification").GetProperty("dueOn").GetString());

        var page = await PageAsync();
        Assert.Equal("Not recorded", page.QuerySelector("#summary-outcome")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"a[href='/forms/rapid-reviews/staffordshire/{Key.Id}/outcome']"));
        Assert.Equal(HttpStatusCode.OK, (await reviews.Http.GetAsync($"/forms/rapid-reviews/staffordshire/{Key.Id}/outcome")).StatusCode);

        // The child was seriously harmed: no Secretary of State notification is needed after all.
        var recorded = await reviews.RecordAsync("rapid-reviews", Key.Id, new { type = "outcome-recorded", on = "2026-01-05", outcome = "seriously-harmed" });
        Assert.Equal("seriously-harmed", recorded.GetProperty("outcome").GetString());
        Assert.Equal("waived", Deadline(recorded, "secretary-of-state-notification").GetProperty("state").GetString());
        Assert.Equal("pending", Deadline(recorded, "partners-informed").GetProperty("state").GetString());
        Assert.Equal("met", Deadline(recorded, "panel-notification").GetProperty("state").GetString());
        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", Key.Id, new { type = "secretary-of-state-notified", on = "2026-01-05" }), "type");
        await ProblemAsync(await reviews.EventAsync("rapid-reviews", Key.Id, new { type = "outcome-recorded", on = "2026-01-05", outcome = "died" }), HttpStatusCode.Conflict);
        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", Key.Id, new { type = "outcome-recorded", on = "2026-01-05" }), "outcome");

        page = await PageAsync();
        Assert.Equal("The child was seriously harmed", page.QuerySelector("#summary-outcome")!.TextContent.Trim());
        Assert.Null(page.QuerySelector($"a[href='/forms/rapid-reviews/staffordshire/{Key.Id}/outcome']"));
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync()
    {
        var response = await reviews.Http.GetAsync($"/partnerships/staffordshire/rapid-reviews/{Key.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string StoredRow() => Path.Combine(AppContext.BaseDirectory, "RapidReviews", "Stored", "rr-2026-090.before-outcome.json");
}
