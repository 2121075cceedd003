using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Reviews;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Partnerships;
using Safeguarding.Workflows.Host.Processes;
using Safeguarding.Workflows.Host.RapidReviews;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.PracticeReviews;
using Safeguarding.Workflows.Orchestration.RapidReviews;

namespace Safeguarding.Workflows.Host.PracticeReviews;

/// <summary>
/// Local child safeguarding practice reviews (docs/design/api.md "Practice reviews"): <c>PUT</c> and <c>GET
/// /api/partnerships/{p}/practice-reviews/{id}</c> and <c>POST .../events</c>. A rapid review's LCSPR decision opens
/// one by itself (<c>{rapidReviewId}-lcspr</c>).
/// </summary>
public static class PracticeReviewsApi
{
    public static WebApplicationBuilder AddPracticeReviews(this WebApplicationBuilder builder)
    {
        builder.Services.AddProcessKind<IPracticeReviewGrain>(ProcessKinds.PracticeReview, "practice-reviews", "Practice review", "Local child safeguarding practice reviews", idProblem: PracticeReviewCommands.IdRule.Problem);
        builder.Services.AddSingleton<PracticeReviewCommands>();
        return builder;
    }

    public static RouteGroupBuilder MapPracticeReviewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapPartnershipGroup("/practice-reviews", PracticeReviewCommands.IdRule).WithTags("Practice reviews");
        group.MapPut("/{id}", PutPracticeReview).WithName("PutPracticeReview").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetPracticeReview).WithName("GetPracticeReview");
        group.MapPost("/{id}/events", PostPracticeReviewEvent).WithName("PostPracticeReviewEvent").ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary><c>PUT .../practice-reviews/{id}</c> <c>{caseReference, decidedOn, rapidReviewId?}</c>: 201, or 200 for the same body again.</summary>
    public static async Task<Results<Created<PracticeReviewView>, Ok<PracticeReviewView>, ValidationProblem, ProblemHttpResult>> PutPracticeReview(
        string partnershipId, string id, PracticeReviewBody body, PracticeReviewCommands reviews)
    {
        var fields = new JsonFields();
        if (PracticeReviewRequests.ReadCase(fields, body) is not { } request)
        {
            return fields.Problem();
        }

        var reply = await reviews.OpenAsync(partnershipId, id, request);
        return Replies.Created(reply, PracticeReviewView.Of, $"/api/partnerships/{partnershipId}/practice-reviews/{id}");
    }

    public static async Task<Results<Ok<PracticeReviewView>, ValidationProblem, ProblemHttpResult>> GetPracticeReview(
        string partnershipId, string id, PracticeReviewCommands reviews) =>
        Replies.Ok(await reviews.GetAsync(partnershipId, id), PracticeReviewView.Of);

    /// <summary><c>POST .../practice-reviews/{id}/events</c> <c>{type, on, ...}</c>: 200 with the review (also for a repeat that changes nothing).</summary>
    public static async Task<Results<Ok<PracticeReviewView>, ValidationProblem, ProblemHttpResult>> PostPracticeReviewEvent(
        string partnershipId, string id, PracticeReviewEventBody body, PracticeReviewCommands reviews, HttpContext context)
    {
        var fields = new JsonFields();
        if (PracticeReviewRequests.ReadEvent(fields, body) is not { } e)
        {
            return fields.Problem();
        }

        return Replies.Ok(await reviews.RecordAsync(partnershipId, id, e, RequestActor.Of(context)), PracticeReviewView.Of);
    }

}

/// <summary>A practice review as the API shows it: docs/design/api.md's common process fields plus its publication, checkpoints and actions.</summary>
public sealed record PracticeReviewView(
    string Id,
    string Kind,
    string PartnershipId,
    string Status,
    string CaseReference,
    DateOnly DecidedOn,
    string? RapidReviewId,
    DateOnly PublicationDueOn,
    DateOnly? ReviewerAppointedOn,
    int CheckpointIntervalMonths,
    List<PracticeReviewView.CheckpointView> Checkpoints,
    PracticeReviewView.PublicationView Publication,
    List<PracticeReviewView.ActionView> Actions,
    List<DelayReasonView> DelayReasons,
    IReadOnlyList<string> DelayReasonsNeeded,
    List<ProcessViews.DeadlineView> Deadlines,
    List<ProcessViews.TimelineView> Timeline)
{
    public sealed record CheckpointView(int Number, DateOnly DueOn, DateOnly? HeldOn, string State);

    /// <summary><c>publishes</c>: <c>report</c>, or <c>improvement-information</c> when the partners publish information about the improvements instead.</summary>
    public sealed record PublicationView(string Publishes, DateOnly? PlannedOn, DateOnly? SendToPanelBy, DateOnly? SentOn, DateOnly? PublishedOn, string? Url, DateOnly? AvailableUntil, DateOnly? WithdrawnOn);

    public sealed record OwnerView(string Name, string Email, string Agency);

    public sealed record ActionView(string Id, string Title, OwnerView Owner, DateOnly DueOn, DateOnly AddedOn, DateOnly? CompletedOn, string State);

    public static PracticeReviewView Of(PracticeReview review)
    {
        var key = review.Key;
        Deadline? Named(string name) => review.Deadlines.FirstOrDefault(d => d.Name == name);
        return new(
            key.Id,
            key.Kind,
            key.PartnershipId,
            ProcessViews.Status(review),
            review.Case.CaseReference,
            review.Case.DecidedOn,
            review.Case.RapidReviewId,
            review.PublicationTarget,
            review.ReviewerAppointedOn,
            review.CheckpointIntervalMonths,
            [.. review.Deadlines
                .Where(d => PracticeReviewDeadlines.IsCheckpoint(d.Name))
                .Select(d => (Deadline: d, Number: int.Parse(d.Name[PracticeReviewDeadlines.CheckpointPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture)))
                .OrderBy(c => c.Number)
                .Select(c => new CheckpointView(c.Number, c.Deadline.DueOn, review.CheckpointsHeld.FirstOrDefault(h => h.Number == c.Number)?.On, ApiNames.State(c.Deadline.State)))],
            new PublicationView(
                review.FullReport ? "report" : "improvement-information",
                review.Plan?.PlannedOn,
                Named(PracticeReviewDeadlines.PrePublicationSending)?.DueOn,
                review.SentOn,
                review.PublishedOn,
                review.Url,
                Named(PracticeReviewDeadlines.PublicationPeriod)?.DueOn,
                review.WithdrawnOn),
            [.. review.Actions.Select(a => new ActionView(
                a.Id,
                a.Title,
                new OwnerView(a.Owner.Name, a.Owner.Email, a.Owner.Agency),
                a.DueOn,
                a.AddedOn,
                a.CompletedOn,
                a.CompletedOn is not null ? "completed" : Named(PracticeReviewDeadlines.Action(a.Id))?.IsOverdue == true ? "overdue" : "open"))],
            [.. review.DelayReasons.Select(DelayReasonView.Of)],
            review.DelayReasonsNeeded,
            ProcessViews.Deadlines(review),
            ProcessViews.Timeline(review));
    }
}
