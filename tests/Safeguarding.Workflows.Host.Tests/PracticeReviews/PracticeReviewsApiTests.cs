using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Safeguarding.Workflows.Host.Tests.RapidReviews;
using static Safeguarding.Workflows.Host.Tests.RapidReviews.ReviewsClient;

namespace Safeguarding.Workflows.Host.Tests.PracticeReviews;

/// <summary>The practice review endpoints of docs/design/api.md: creation, idempotence, validation, the improvement-information path and event refusals.</summary>
public sealed class PracticeReviewsApiTests(SharedService service) : IClassFixture<SharedService>
{
    private readonly ReviewsClient reviews = new(service.Client);

    [Fact]
    public async Task Put_creates_then_the_same_body_returns_it_and_a_different_body_conflicts()
    {
        var created = await reviews.PutAsync("practice-reviews", "pr-2026-001", new { caseReference = "LCSPR-2026-001", decidedOn = "2025-12-15" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var review = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("practice-review", review.GetProperty("kind").GetString());
        Assert.Equal("2026-06-15", review.GetProperty("publicationDueOn").GetString());
        Assert.Equal("2026-06-15", Deadline(review, "publication").GetProperty("dueOn").GetString());
        Assert.Equal(5, review.GetProperty("checkpoints").GetArrayLength());
        Assert.Equal("report", review.GetProperty("publication").GetProperty("publishes").GetString());

        Assert.Equal(HttpStatusCode.OK, (await reviews.PutAsync("practice-reviews", "pr-2026-001", new { caseReference = "LCSPR-2026-001", decidedOn = "2025-12-15" })).StatusCode);
        await ProblemAsync(await reviews.PutAsync("practice-reviews", "pr-2026-001", new { caseReference = "LCSPR-2026-001", decidedOn = "2025-12-16" }), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{"caseReference":"Child Jayden","decidedOn":"2025-12-15"}""", "caseReference")]
    [InlineData("""{"caseReference":"LCSPR-2026-002","decidedOn":"2026-02-01"}""", "decidedOn")]
    [InlineData("""{"caseReference":"LCSPR-2026-002","decidedOn":"2025-12-15","rapidReviewId":"rr-404"}""", "rapidReviewId")]
    [InlineData("""{"caseReference":"LCSPR-2026-002"}""", "decidedOn")]
    [InlineData("""[]""", "body")]
    public async Task Bad_bodies_are_refused_naming_the_field(string body, string field)
    {
        var response = await reviews.Http.PutAsync(reviews.Resource("practice-reviews", "pr-2026-002"), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await AssertFieldAsync(response, field);
    }

    [Fact]
    public async Task Publishing_improvement_information_instead_is_a_plan_with_fullReport_false()
    {
        await reviews.PutAsync("practice-reviews", "pr-2026-003", new { caseReference = "LCSPR-2026-003", decidedOn = "2025-12-15" });

        var planned = await reviews.RecordAsync("practice-reviews", "pr-2026-003", new { type = "publication-planned", on = "2026-01-05", plannedOn = "2026-06-01", fullReport = false });

        var publication = planned.GetProperty("publication");
        Assert.Equal("improvement-information", publication.GetProperty("publishes").GetString());
        Assert.Equal("2026-06-01", publication.GetProperty("plannedOn").GetString());
        Assert.Equal("2026-05-20", publication.GetProperty("sendToPanelBy").GetString()); // 7 working days before, skipping the 25 May holiday
        Assert.Equal("2026-06-15", Deadline(planned, "publication").GetProperty("dueOn").GetString());
    }

    [Fact]
    public async Task Events_are_checked_repeats_agree_and_contradictions_conflict()
    {
        await reviews.PutAsync("practice-reviews", "pr-2026-004", new { caseReference = "LCSPR-2026-004", decidedOn = "2025-12-15" });
        var owner = new { name = "Neglect lead", email = "neglect.lead@staffordshire.example.org", agency = "Staffordshire County Council" };

        await AssertFieldAsync(await reviews.EventAsync("practice-reviews", "pr-2026-004", new { type = "reviewed", on = "2026-01-05" }), "type");
        await AssertFieldAsync(await reviews.EventAsync("practice-reviews", "pr-2026-004", new { type = "published", on = "2026-01-05", url = "not a url" }), "url");
        await AssertFieldAsync(await reviews.EventAsync("practice-reviews", "pr-2026-004", new { type = "published", on = "2026-01-05", url = "https://example.org/review-born-03-04-2015.pdf" }), "url");
        await AssertFieldAsync(await reviews.EventAsync("practice-reviews", "pr-2026-004", new { type = "publication-planned", on = "2026-01-05" }), "plannedOn");
        await AssertFieldAsync(await reviews.EventAsync("practice-reviews", "pr-2026-004", new { type = "recommendation-added", on = "2026-01-05", id = "r1", title = "Speak to Mrs Smith about Child Jayden", owner, dueOn = "2026-03-31" }), "title");
        await AssertFieldAsync(await reviews.EventAsync("practice-reviews", "pr-2026-004", new { type = "recommendation-added", on = "2026-01-05", id = "r1", title = "Audit neglect referrals", owner = new { name = "Neglect lead", email = "nope", agency = "Staffordshire County Council" }, dueOn = "2026-03-31" }), "owner.email");
        await AssertFieldAsync(await reviews.EventAsync("practice-reviews", "pr-2026-004", new { type = "action-completed", on = "2026-01-05", actionId = "r9" }), "actionId");
        await AssertFieldAsync(await reviews.EventAsync("practice-reviews", "pr-2026-004", new { type = "checkpoint-held", on = "2026-01-06" }), "on");

        var added = await reviews.RecordAsync("practice-reviews", "pr-2026-004", new { type = "recommendation-added", on = "2026-01-05", id = "r1", title = "Audit neglect referrals", owner, dueOn = "2026-03-31" });
        Assert.Equal("open", added.GetProperty("actions")[0].GetProperty("state").GetString());
        Assert.Equal("2026-03-31", Deadline(added, "action:r1").GetProperty("dueOn").GetString());
        await reviews.RecordAsync("practice-reviews", "pr-2026-004", new { type = "recommendation-added", on = "2026-01-05", id = "r1", title = "Audit neglect referrals", owner, dueOn = "2026-03-31" });
        await ProblemAsync(await reviews.EventAsync("practice-reviews", "pr-2026-004", new { type = "recommendation-added", on = "2026-01-05", id = "r1", title = "Audit neglect referrals", owner, dueOn = "2026-04-30" }), HttpStatusCode.Conflict);
        await ProblemAsync(await reviews.EventAsync("practice-reviews", "pr-2026-004", new { type = "withdrawn", on = "2026-01-05" }), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.OK, (await reviews.Http.PostAsJsonAsync(reviews.Resource("practice-reviews", "pr-2026-004") + "/cancel", new { reason = "Merged into a thematic review." })).StatusCode);
        await ProblemAsync(await reviews.EventAsync("practice-reviews", "pr-2026-004", new { type = "reviewer-appointed", on = "2026-01-05" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Reviews_are_listed_with_their_next_deadline()
    {
        await reviews.PutAsync("practice-reviews", "pr-2026-005", new { caseReference = "LCSPR-2026-005", decidedOn = "2025-12-15" });

        var listed = await reviews.Http.GetFromJsonAsync<List<JsonElement>>("/api/partnerships/staffordshire/processes?kind=practice-review");
        var item = Assert.Single(listed!, p => p.GetProperty("id").GetString() == "pr-2026-005");
        Assert.Equal("LCSPR-2026-005", item.GetProperty("title").GetString());
        Assert.Equal("checkpoint:1", item.GetProperty("nextDeadline").GetProperty("name").GetString());
        Assert.Equal("2026-01-15", item.GetProperty("nextDeadline").GetProperty("dueOn").GetString());
    }
}
