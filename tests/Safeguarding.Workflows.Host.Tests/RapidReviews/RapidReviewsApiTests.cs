using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Safeguarding.Workflows.Host.Tests.RapidReviews.ReviewsClient;

namespace Safeguarding.Workflows.Host.Tests.RapidReviews;

/// <summary>The rapid review endpoints of docs/design/api.md: creation, idempotence, validation, data minimisation, events and their refusals.</summary>
public sealed class RapidReviewsApiTests(SharedService service) : IClassFixture<SharedService>
{
    private readonly ReviewsClient reviews = new(service.Client);

    public static object Body(string caseReference = "RR-2026-001", string awareOn = "2026-01-05", bool lookedAfter = false, string agency = "Staffordshire Police", string contactName = "Police reviewer", string email = "police.reviews@staffordshire.example.org", string outcome = "died") => new
    {
        caseReference,
        awareOn,
        childLookedAfter = lookedAfter,
        outcome,
        agencies = new[] { new { agency, contact = new { name = contactName, email } } },
    };

    [Fact]
    public async Task Put_creates_then_the_same_body_returns_it_and_a_different_body_conflicts()
    {
        var created = await reviews.PutAsync("rapid-reviews", "rr-2026-001", Body(lookedAfter: true));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/partnerships/staffordshire/rapid-reviews/rr-2026-001", created.Headers.Location?.OriginalString);
        var review = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rapid-review", review.GetProperty("kind").GetString());
        Assert.Equal("open", review.GetProperty("status").GetString());
        Assert.Equal("notification", review.GetProperty("rapidReviewClockStart").GetString());
        Assert.True(review.GetProperty("rapidReviewDeadlineProvisional").GetBoolean());
        Assert.Equal(
            ["panel-notification", "partners-informed", "secretary-of-state-notification", "agency-summaries", "rapid-review"],
            review.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal("2026-01-12", Deadline(review, "panel-notification").GetProperty("dueOn").GetString());
        Assert.Equal("2026-01-19", Deadline(review, "agency-summaries").GetProperty("dueOn").GetString());
        Assert.Equal("2026-01-26", Deadline(review, "rapid-review").GetProperty("dueOn").GetString());
        var agency = review.GetProperty("agencies")[0];
        Assert.Equal("pending", agency.GetProperty("state").GetString());
        Assert.Equal("/forms/rapid-reviews/staffordshire/rr-2026-001/agency-summary/staffordshire-police", agency.GetProperty("submissionLink").GetString());

        var again = await reviews.PutAsync("rapid-reviews", "rr-2026-001", Body(lookedAfter: true));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        await ProblemAsync(await reviews.PutAsync("rapid-reviews", "rr-2026-001", Body(lookedAfter: false)), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("Jayden Smith", "2026-01-05", "Staffordshire Police", "Police reviewer", "police@example.org", "caseReference")]
    [InlineData("RR-03/04/2015", "2026-01-05", "Staffordshire Police", "Police reviewer", "police@example.org", "caseReference")]
    [InlineData("RR-2026-001", "2026-01-06", "Staffordshire Police", "Police reviewer", "police@example.org", "awareOn")]   // the future
    [InlineData("RR-2026-001", "05/01/2026", "Staffordshire Police", "Police reviewer", "police@example.org", "awareOn")]
    [InlineData("RR-2026-001", "2026-01-05", "School of Child Jayden", "Police reviewer", "police@example.org", "agencies[0].agency")]
    [InlineData("RR-2026-001", "2026-01-05", "Staffordshire Police", "Reviewer born 03/04/2015", "police@example.org", "agencies[0].contact.name")]
    [InlineData("RR-2026-001", "2026-01-05", "Staffordshire Police", "Police reviewer", "not an address", "agencies[0].contact.email")]
    public async Task Bad_or_identifying_fields_are_refused_naming_the_field(string reference, string awareOn, string agency, string contactName, string email, string field)
    {
        var response = await reviews.PutAsync("rapid-reviews", "rr-2026-002", Body(reference, awareOn, agency: agency, contactName: contactName, email: email));

        await AssertFieldAsync(response, field);
        Assert.Equal(HttpStatusCode.NotFound, (await reviews.Http.GetAsync(reviews.Resource("rapid-reviews", "rr-2026-002"))).StatusCode);
    }

    [Theory]
    [InlineData("jayden-smith")]
    [InlineData("RR-2026-001")]
    public async Task An_id_that_could_be_a_name_is_refused(string id)
    {
        await AssertFieldAsync(await reviews.PutAsync("rapid-reviews", id, Body()), "id");
    }

    [Fact]
    public async Task Missing_fields_are_each_named()
    {
        var response = await reviews.PutAsync("rapid-reviews", "rr-2026-003", new { agencies = Array.Empty<object>() });

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("caseReference", out _));
        Assert.True(errors.TryGetProperty("awareOn", out _));
        Assert.True(errors.TryGetProperty("childLookedAfter", out _));
        Assert.True(errors.TryGetProperty("outcome", out _));
        Assert.True(errors.TryGetProperty("agencies", out _));
        Assert.False(errors.TryGetProperty("abuseOrNeglectKnownOrSuspected", out _)); // optional: yes when left out
    }

    [Theory]
    [InlineData("rr-2026-011", true, "died", new[] { "panel-notification", "partners-informed", "secretary-of-state-notification", "agency-summaries", "rapid-review" })]
    [InlineData("rr-2026-012", true, "seriously-harmed", new[] { "panel-notification", "partners-informed", "agency-summaries", "rapid-review" })]
    [InlineData("rr-2026-013", false, "died", new[] { "panel-notification", "partners-informed", "agency-summaries", "rapid-review" })]
    public async Task The_outcome_is_stored_and_only_a_looked_after_child_s_death_is_notified_to_the_secretary_of_state(string id, bool lookedAfter, string outcome, string[] deadlines)
    {
        var created = await reviews.PutAsync("rapid-reviews", id, Body(caseReference: id.ToUpperInvariant(), lookedAfter: lookedAfter, outcome: outcome));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var review = await created.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(outcome, review.GetProperty("outcome").GetString());
        Assert.True(review.GetProperty("abuseOrNeglectKnownOrSuspected").GetBoolean());
        Assert.False(review.GetProperty("notificationOnly").GetBoolean());
        Assert.Equal(deadlines, review.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        if (!deadlines.Contains("secretary-of-state-notification"))
        {
            await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", id, new { type = "secretary-of-state-notified", on = "2026-01-05" }), "type");
        }

        // The same referral with the other outcome is a different one.
        await ProblemAsync(await reviews.PutAsync("rapid-reviews", id, Body(caseReference: id.ToUpperInvariant(), lookedAfter: lookedAfter, outcome: outcome == "died" ? "seriously-harmed" : "died")), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_looked_after_child_s_death_without_known_or_suspected_abuse_or_neglect_is_a_notification_only_case()
    {
        var created = await reviews.PutAsync("rapid-reviews", "rr-2026-020", new
        {
            caseReference = "RR-2026-020",
            awareOn = "2026-01-05",
            childLookedAfter = true,
            outcome = "died",
            abuseOrNeglectKnownOrSuspected = false,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var review = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(review.GetProperty("notificationOnly").GetBoolean());
        Assert.False(review.GetProperty("rapidReviewDeadlineProvisional").GetBoolean());
        Assert.Equal(0, review.GetProperty("agencies").GetArrayLength());
        var deadline = Assert.Single(review.GetProperty("deadlines").EnumerateArray());
        Assert.Equal("secretary-of-state-notification", deadline.GetProperty("name").GetString());
        Assert.Equal("2026-01-12", deadline.GetProperty("dueOn").GetString());

        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", "rr-2026-020", new { type = "panel-notified", on = "2026-01-05" }), "type");
        var notified = await reviews.RecordAsync("rapid-reviews", "rr-2026-020", new { type = "secretary-of-state-notified", on = "2026-01-05" });
        Assert.Equal("completed", notified.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(false, "died", null, "abuseOrNeglectKnownOrSuspected")]           // not looked after
    [InlineData(true, "seriously-harmed", null, "abuseOrNeglectKnownOrSuspected")] // not a death
    [InlineData(true, "died", "Staffordshire Police", "agencies")]                 // no agency is asked
    [InlineData(true, "hurt", null, "outcome")]
    public async Task A_notification_only_case_that_does_not_fit_is_refused_naming_the_field(bool lookedAfter, string outcome, string? agency, string field)
    {
        var response = await reviews.PutAsync("rapid-reviews", "rr-2026-021", new
        {
            caseReference = "RR-2026-021",
            awareOn = "2026-01-05",
            childLookedAfter = lookedAfter,
            outcome,
            abuseOrNeglectKnownOrSuspected = false,
            agencies = agency is null ? [] : new[] { new { agency, contact = new { name = "Police reviewer", email = "police@example.org" } } },
        });

        await AssertFieldAsync(response, field);
    }

    [Fact]
    public async Task Unknown_partnerships_and_reviews_are_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await reviews.Http.PutAsJsonAsync("/api/partnerships/atlantis/rapid-reviews/rr-1", Body())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviews.Http.GetAsync(reviews.Resource("rapid-reviews", "rr-404"))).StatusCode);
        await ProblemAsync(await reviews.EventAsync("rapid-reviews", "rr-404", new { type = "panel-notified", on = "2026-01-05" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Events_are_checked_repeats_agree_and_contradictions_conflict()
    {
        Assert.Equal(HttpStatusCode.Created, (await reviews.PutAsync("rapid-reviews", "rr-2026-004", Body())).StatusCode);

        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", "rr-2026-004", new { type = "panel-notifed", on = "2026-01-05" }), "type");
        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", "rr-2026-004", new { type = "panel-notified" }), "on");
        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", "rr-2026-004", new { type = "panel-notified", on = "2026-01-06" }), "on");
        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", "rr-2026-004", new { type = "review-submitted", on = "2026-01-05", decision = "maybe" }), "decision");
        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", "rr-2026-004", new { type = "agency-summary-received", on = "2026-01-05", agency = "Fire Service" }), "agency");
        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", "rr-2026-004", new { type = "delay-reason", on = "2026-01-05", reason = "Child Jayden was in hospital" }), "reason");

        var notified = await reviews.RecordAsync("rapid-reviews", "rr-2026-004", new { type = "panel-notified", on = "2026-01-05" });
        Assert.Equal("met", Deadline(notified, "panel-notification").GetProperty("state").GetString());
        Assert.False(notified.GetProperty("rapidReviewDeadlineProvisional").GetBoolean());
        Assert.Equal("2026-01-26", Deadline(notified, "rapid-review").GetProperty("dueOn").GetString());

        var repeat = await reviews.RecordAsync("rapid-reviews", "rr-2026-004", new { type = "panel-notified", on = "2026-01-05" });
        Assert.Equal(Timeline(notified).Count, Timeline(repeat).Count);
        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", "rr-2026-004", new { type = "secretary-of-state-notified", on = "2026-01-05" }), "type");

        var cancel = await reviews.Http.PostAsJsonAsync(reviews.Resource("rapid-reviews", "rr-2026-004") + "/cancel", new { reason = "Opened twice by mistake." });
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await ProblemAsync(await reviews.EventAsync("rapid-reviews", "rr-2026-004", new { type = "partners-informed", on = "2026-01-05" }), HttpStatusCode.Conflict);
        var cancelled = await reviews.GetAsync("rapid-reviews", "rr-2026-004");
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_lcspr_decision_opens_its_practice_review_once_even_if_someone_opened_it_first()
    {
        Assert.Equal(HttpStatusCode.Created, (await reviews.PutAsync("rapid-reviews", "rr-2026-005", Body(caseReference: "RR-2026-005"))).StatusCode);
        var manual = await reviews.PutAsync("practice-reviews", "rr-2026-005-lcspr", new { caseReference = "RR-2026-005", decidedOn = "2026-01-05", rapidReviewId = "rr-2026-005" });
        Assert.Equal(HttpStatusCode.Created, manual.StatusCode);

        var submitted = await reviews.RecordAsync("rapid-reviews", "rr-2026-005", new { type = "review-submitted", on = "2026-01-05", decision = "lcspr" });

        Assert.Equal("rr-2026-005-lcspr", submitted.GetProperty("practiceReviewId").GetString());
        Assert.Contains(Timeline(submitted), t => t.Type == "practice-review-opened" && t.Detail == "rr-2026-005-lcspr (already open)");
        var practiceReview = await reviews.GetAsync("practice-reviews", "rr-2026-005-lcspr");
        Assert.Single(Timeline(practiceReview), t => t.Type == "opened");
    }

    [Fact]
    public async Task Other_decisions_open_no_practice_review()
    {
        await reviews.PutAsync("rapid-reviews", "rr-2026-006", Body(caseReference: "RR-2026-006"));

        var submitted = await reviews.RecordAsync("rapid-reviews", "rr-2026-006", new { type = "review-submitted", on = "2026-01-05", decision = "national-review-recommended" });

        Assert.Equal("national-review-recommended", submitted.GetProperty("decision").GetString());
        Assert.Equal(JsonValueKind.Null, submitted.GetProperty("practiceReviewId").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await reviews.Http.GetAsync(reviews.Resource("practice-reviews", "rr-2026-006-lcspr"))).StatusCode);
    }

    [Fact]
    public async Task An_added_agency_is_listed_asked_by_email_and_refused_twice_or_with_a_bad_field()
    {
        Assert.Equal(HttpStatusCode.Created, (await reviews.PutAsync("rapid-reviews", "rr-2026-030", Body(caseReference: "RR-2026-030"))).StatusCode);
        var school = new { type = "agency-added", on = "2026-01-05", agency = "Oak Primary School", contact = new { name = "Designated lead", email = "dsl@oak.example.org" } };

        var added = await reviews.RecordAsync("rapid-reviews", "rr-2026-030", school);

        var agency = added.GetProperty("agencies").EnumerateArray().Single(a => a.GetProperty("agency").GetString() == "Oak Primary School");
        Assert.Equal("pending", agency.GetProperty("state").GetString());
        Assert.Equal("2026-01-19", agency.GetProperty("dueOn").GetString());
        Assert.Equal("/forms/rapid-reviews/staffordshire/rr-2026-030/agency-summary/oak-primary-school", agency.GetProperty("submissionLink").GetString());
        Assert.Equal(added.GetProperty("agencies").GetArrayLength(), (await reviews.RecordAsync("rapid-reviews", "rr-2026-030", school)).GetProperty("agencies").GetArrayLength());
        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", "rr-2026-030", school with { contact = new { name = "Head teacher", email = "head@oak.example.org" } }), "agency");
        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", "rr-2026-030", school with { agency = "School of Child Jayden" }), "agency");
        await AssertFieldAsync(await reviews.EventAsync("rapid-reviews", "rr-2026-030", school with { agency = "Fire and Rescue", contact = new { name = "Fire reviewer", email = "not an address" } }), "contact.email");

        for (var attempt = 0; attempt < 100 && !(await SentEmail.ForAsync(service.Client, "rr-2026-030")).Any(e => e.To.Contains("dsl@oak.example.org")); attempt++)
        {
            await Task.Delay(100);
        }

        var request = Assert.Single(await SentEmail.ForAsync(service.Client, "rr-2026-030"), e => e.To.Contains("dsl@oak.example.org"));
        Assert.Contains("/forms/rapid-reviews/staffordshire/rr-2026-030/agency-summary/oak-primary-school", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_received_summary_is_read_answer_by_answer_and_is_not_found_before()
    {
        Assert.Equal(HttpStatusCode.Created, (await reviews.PutAsync("rapid-reviews", "rr-2026-031", Body(caseReference: "RR-2026-031"))).StatusCode);
        var summary = reviews.Resource("rapid-reviews", "rr-2026-031") + "/agency-summaries/staffordshire-police";
        await ProblemAsync(await reviews.Http.GetAsync(summary), HttpStatusCode.NotFound);
        await ProblemAsync(await reviews.Http.GetAsync(reviews.Resource("rapid-reviews", "rr-2026-031") + "/agency-summaries/fire-and-rescue"), HttpStatusCode.NotFound);

        const string Form = "/forms/rapid-reviews/staffordshire/rr-2026-031/agency-summary/staffordshire-police";
        var page = await reviews.Http.GetStringAsync(Form);
        var token = System.Text.RegularExpressions.Regex.Match(page, @"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""").Groups[1].Value;
        var sent = await reviews.Http.PostAsync(Form, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["involvement"] = "Two welfare visits.\n\nA call about noise in March.",
            ["immediate-action"] = "A strategy discussion the same day.",
            ["learning"] = "# Information sharing out of hours.",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var read = await reviews.Http.GetFromJsonAsync<JsonElement>(summary);

        Assert.Equal("Staffordshire Police", read.GetProperty("agency").GetString());
        Assert.Equal("2026-01-05", read.GetProperty("receivedOn").GetString());
        Assert.Equal(1, read.GetProperty("version").GetInt32());
        Assert.Equal("Two welfare visits.\n\nA call about noise in March.", read.GetProperty("involvement").GetString());
        Assert.Equal("A strategy discussion the same day.", read.GetProperty("immediateAction").GetString());
        Assert.Equal("# Information sharing out of hours.", read.GetProperty("learning").GetString());
    }
}
