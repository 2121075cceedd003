using Safeguarding.Workflows.Host.Pages.Dashboard;
using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Domain.Reviews;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Partnerships;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.RapidReviews;

namespace Safeguarding.Workflows.Host.RapidReviews;

/// <summary>
/// Serious incident notification and rapid review (docs/design/api.md "Rapid reviews"): <c>PUT</c> and <c>GET
/// /api/partnerships/{p}/rapid-reviews/{id}</c> and <c>POST .../events</c>. Listing, history and cancellation are the
/// generic process endpoints.
/// </summary>
public static class RapidReviewsApi
{
    public static WebApplicationBuilder AddRapidReviews(this WebApplicationBuilder builder)
    {
        builder.Services.AddProcessKind<IRapidReviewGrain>(ProcessKinds.RapidReview, "rapid-reviews", "Rapid review", "Serious incident notifications and rapid reviews", idProblem: RapidReviewCommands.IdRule.Problem);
        builder.Services.AddSingleton<RapidReviewCommands>();
        builder.Services.AddSingleton(new ProcessPageParts(ProcessKinds.RapidReview, async (services, key, snapshot) =>
            (await services.GetRequiredService<RapidReviewCommands>().GetAsync(key.PartnershipId, key.Id)).Process is { } review
                ? snapshot with
                {
                    Summary = Pages.Forms.RapidReviews.OutcomeModel.Summary(review),
                    Forms = [.. review.Agencies.Select(a => new FormLink($"Agency summary from {a.Agency}", $"/forms/rapid-reviews/{key.PartnershipId}/{key.Id}/agency-summary/{a.Slug}"))],
                }
                : snapshot));
        return builder;
    }

    public static RouteGroupBuilder MapRapidReviewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapPartnershipGroup("/rapid-reviews", RapidReviewCommands.IdRule).WithTags("Rapid reviews");
        group.MapPut("/{id}", PutRapidReview).WithName("PutRapidReview").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetRapidReview).WithName("GetRapidReview");
        group.MapPost("/{id}/events", PostRapidReviewEvent).WithName("PostRapidReviewEvent").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/agency-summaries/{agency}", GetAgencySummary).WithName("GetRapidReviewAgencySummary");
        return group;
    }

    /// <summary>
    /// <c>PUT .../rapid-reviews/{id}</c> <c>{caseReference, awareOn, childLookedAfter, outcome, abuseOrNeglectKnownOrSuspected?,
    /// agencies: [{agency, contact: {name, email}}]}</c>: 201, or 200 for the same body again. With
    /// <c>abuseOrNeglectKnownOrSuspected: false</c> (a looked-after child's death only) it is a notification-only case, with no agencies.
    /// </summary>
    public static async Task<Results<Created<RapidReviewView>, Ok<RapidReviewView>, ValidationProblem, ProblemHttpResult>> PutRapidReview(
        string partnershipId, string id, RapidReviewBody body, RapidReviewCommands reviews, WorkflowClock clock)
    {
        var fields = new JsonFields();
        if (RapidReviewRequests.ReadCase(fields, body) is not { } request)
        {
            return fields.Problem();
        }

        var reply = await reviews.OpenAsync(partnershipId, id, request);
        return Replies.Created(reply, r => RapidReviewView.Of(r, clock.GetUtcNow()), $"/api/partnerships/{partnershipId}/rapid-reviews/{id}");
    }

    public static async Task<Results<Ok<RapidReviewView>, ValidationProblem, ProblemHttpResult>> GetRapidReview(
        string partnershipId, string id, RapidReviewCommands reviews, WorkflowClock clock) =>
        Replies.Ok(await reviews.GetAsync(partnershipId, id), r => RapidReviewView.Of(r, clock.GetUtcNow()));

    /// <summary><c>POST .../rapid-reviews/{id}/events</c> <c>{type, on, ...}</c>: 200 with the review (also for a repeat that changes nothing).</summary>
    public static async Task<Results<Ok<RapidReviewView>, ValidationProblem, ProblemHttpResult>> PostRapidReviewEvent(
        string partnershipId, string id, RapidReviewEventBody body, RapidReviewCommands reviews, WorkflowClock clock, HttpContext context)
    {
        var fields = new JsonFields();
        if (RapidReviewRequests.ReadEvent(fields, body) is not { } e)
        {
            return fields.Problem();
        }

        var reply = await reviews.RecordAsync(partnershipId, id, e, RequestActor.Of(context));
        return Replies.Ok(reply, r => RapidReviewView.Of(r, clock.GetUtcNow()));
    }

    /// <summary>
    /// <c>GET .../rapid-reviews/{id}/agency-summaries/{agency}</c> (the agency's slug): the summary the agency sent
    /// through its form, answer by answer, with the date it was received; 404 until it has been received.
    /// </summary>
    public static async Task<Results<Ok<AgencySummaryView>, ProblemHttpResult>> GetAgencySummary(
        string partnershipId, string id, string agency, RapidReviewCommands reviews, CancellationToken cancellationToken) =>
        await reviews.ReadSummaryAsync(partnershipId, id, agency, cancellationToken) is { } summary
            ? TypedResults.Ok(AgencySummaryView.Of(summary))
            : Problems.NotFound($"No summary from '{agency}' has been received for rapid review '{id}' in partnership '{partnershipId}'.");
}

/// <summary>An agency's summary as the API shows it: the answers to the form's three questions, and when it was received.</summary>
public sealed record AgencySummaryView(string Agency, DateOnly ReceivedOn, int Version, DateTimeOffset StoredAt, string Involvement, string ImmediateAction, string Learning)
{
    public static AgencySummaryView Of(ReceivedSummary summary)
    {
        var answers = summary.Answers();
        return new(summary.Agency.Agency, summary.Agency.ReceivedOn!.Value, summary.Document.Version, summary.Document.StoredAt,
            answers["involvement"], answers["immediate-action"], answers["learning"]);
    }
}

/// <summary>
/// A rapid review as the API shows it: docs/design/api.md's common process fields plus its own dates, agencies and decision.
/// <c>outcome</c> is null for a review saved before the referral asked for it.
/// </summary>
public sealed record RapidReviewView(
    string Id,
    string Kind,
    string PartnershipId,
    string Status,
    string CaseReference,
    DateOnly AwareOn,
    bool ChildLookedAfter,
    string? Outcome,
    bool AbuseOrNeglectKnownOrSuspected,
    bool NotificationOnly,
    string RapidReviewClockStart,
    bool RapidReviewDeadlineProvisional,
    DateOnly? NotifiedOn,
    DateOnly? PartnersInformedOn,
    DateOnly? SecretaryOfStateNotifiedOn,
    DateOnly? ReviewMeetingOn,
    DateOnly? SubmittedOn,
    string? Decision,
    string? PracticeReviewId,
    List<RapidReviewView.AgencyView> Agencies,
    List<DelayReasonView> DelayReasons,
    IReadOnlyList<string> DelayReasonsNeeded,
    List<Processes.ProcessViews.DeadlineView> Deadlines,
    List<Processes.ProcessViews.TimelineView> Timeline)
{
    public sealed record ContactView(string Name, string Email);

    /// <summary><c>state</c>: <c>received</c>, <c>pending</c> or <c>overdue</c>.</summary>
    public sealed record AgencyView(string Agency, ContactView Contact, DateOnly RequestedOn, DateOnly DueOn, DateOnly? ReceivedOn, string State, string SubmissionLink);

    public static RapidReviewView Of(RapidReview review, DateTimeOffset now)
    {
        var today = LondonTime.LocalDate(now);
        var key = review.Key;
        return new(
            key.Id,
            key.Kind,
            key.PartnershipId,
            Processes.ProcessViews.Status(review),
            review.Case.CaseReference,
            review.Case.AwareOn,
            review.Case.ChildLookedAfter,
            review.Case.Outcome is { } outcome ? RapidReviewNames.Of(outcome) : null,
            review.Case.AbuseOrNeglectKnownOrSuspected,
            review.Case.NotificationOnly,
            review.ClockStart == Domain.Partnerships.RapidReviewClockStart.Awareness ? "awareness" : "notification",
            review.RapidReviewDeadlineProvisional,
            review.NotifiedOn,
            review.PartnersInformedOn,
            review.SecretaryOfStateNotifiedOn,
            review.ReviewMeetingOn,
            review.SubmittedOn,
            review.Decision is { } decision ? RapidReviewNames.Of(decision) : null,
            review.PracticeReviewId,
            [.. review.Agencies.Select(a => new AgencyView(
                a.Agency,
                new ContactView(a.Contact.Name, a.Contact.Email),
                a.RequestedOn,
                a.DueOn,
                a.ReceivedOn,
                a.Received ? "received" : today > a.DueOn ? "overdue" : "pending",
                $"/forms/rapid-reviews/{key.PartnershipId}/{key.Id}/agency-summary/{a.Slug}"))],
            [.. review.DelayReasons.Select(DelayReasonView.Of)],
            review.DelayReasonsNeeded,
            Processes.ProcessViews.Deadlines(review),
            Processes.ProcessViews.Timeline(review));
    }
}

/// <summary>A recorded delay reason, as rapid and practice reviews show it.</summary>
public sealed record DelayReasonView(string Deadline, string Reason, DateOnly On, string Actor)
{
    public static DelayReasonView Of(DelayReason r) => new(r.Deadline, r.Reason, r.On, r.Actor);
}
