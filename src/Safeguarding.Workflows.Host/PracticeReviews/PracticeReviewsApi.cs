using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
    public const int MaxIdLength = 64;

    public static WebApplicationBuilder AddPracticeReviews(this WebApplicationBuilder builder)
    {
        builder.Services.AddProcessKind<IPracticeReviewGrain>(ProcessKinds.PracticeReview);
        return builder;
    }

    public static RouteGroupBuilder MapPracticeReviewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/partnerships/{partnershipId}/practice-reviews").WithTags("Practice reviews");
        group.MapPut("/{id}", PutPracticeReview).WithName("PutPracticeReview").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetPracticeReview).WithName("GetPracticeReview");
        group.MapPost("/{id}/events", PostPracticeReviewEvent).WithName("PostPracticeReviewEvent").ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary><c>PUT .../practice-reviews/{id}</c> <c>{caseReference, decidedOn, rapidReviewId?}</c>: 201, or 200 for the same body again.</summary>
    public static async Task<Results<Created<PracticeReviewView>, Ok<PracticeReviewView>, ValidationProblem, ProblemHttpResult>> PutPracticeReview(
        string partnershipId, string id, [FromBody] JsonElement body, PartnershipDirectory partnerships, IGrainFactory grains)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        if (UrlId.Problem(id, MaxIdLength) is { } idProblem)
        {
            return Problems.Invalid("id", idProblem);
        }

        var fields = new JsonFields();
        PracticeReviewCase? request = null;
        if (fields.Body(body) is { } root)
        {
            var reference = fields.String(root, "", "caseReference", required: true, maxLength: 31);
            if (reference is not null && CaseReference.Problem(reference) is { } referenceProblem)
            {
                fields.Fail("caseReference", referenceProblem);
            }

            var decidedOn = fields.Date(root, "", "decidedOn", required: true);
            var rapidReviewId = fields.String(root, "", "rapidReviewId", required: false, maxLength: RapidReviewsApi.MaxIdLength);
            if (rapidReviewId is not null
                && (UrlId.Problem(rapidReviewId, RapidReviewsApi.MaxIdLength) is not null
                    || await grains.GetGrain<IRapidReviewGrain>(new ProcessKey(partnershipId, ProcessKinds.RapidReview, rapidReviewId).ToString()).GetAsync() is null))
            {
                fields.Fail("rapidReviewId", $"There is no rapid review '{rapidReviewId}' in this partnership.");
            }

            if (!fields.HasErrors)
            {
                request = new PracticeReviewCase(reference!, decidedOn!.Value, rapidReviewId);
            }
        }

        if (request is null)
        {
            return fields.Problem();
        }

        var result = await Grain(grains, partnershipId, id).OpenAsync(request);
        return result.Outcome switch
        {
            CommandOutcome.Recorded => TypedResults.Created($"/api/partnerships/{partnershipId}/practice-reviews/{id}", PracticeReviewView.Of(result.Process!)),
            CommandOutcome.AlreadyRecorded => TypedResults.Ok(PracticeReviewView.Of(result.Process!)),
            CommandOutcome.Invalid => Problems.Invalid(result.Field!, result.Message!),
            CommandOutcome.NotFound => PartnershipsApi.UnknownPartnership(partnershipId),
            _ => Problems.Conflict(result.Message ?? $"A practice review '{id}' already exists with different details."),
        };
    }

    public static async Task<Results<Ok<PracticeReviewView>, ProblemHttpResult>> GetPracticeReview(
        string partnershipId, string id, PartnershipDirectory partnerships, IGrainFactory grains)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        return UrlId.Problem(id, MaxIdLength) is null && await Grain(grains, partnershipId, id).GetAsync() is { } review
            ? TypedResults.Ok(PracticeReviewView.Of(review))
            : NotFound(partnershipId, id);
    }

    /// <summary><c>POST .../practice-reviews/{id}/events</c> <c>{type, on, ...}</c>: 200 with the review (also for a repeat that changes nothing).</summary>
    public static async Task<Results<Ok<PracticeReviewView>, ValidationProblem, ProblemHttpResult>> PostPracticeReviewEvent(
        string partnershipId, string id, [FromBody] JsonElement body, PartnershipDirectory partnerships, IGrainFactory grains, HttpContext context)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        if (UrlId.Problem(id, MaxIdLength) is not null)
        {
            return NotFound(partnershipId, id);
        }

        var fields = new JsonFields();
        var e = ReadEvent(fields, body);
        if (fields.HasErrors || e is null)
        {
            return fields.Problem();
        }

        var result = await Grain(grains, partnershipId, id).RecordAsync(e, RequestActor.Of(context));
        return result.Outcome switch
        {
            CommandOutcome.Recorded or CommandOutcome.AlreadyRecorded => TypedResults.Ok(PracticeReviewView.Of(result.Process!)),
            CommandOutcome.Invalid => Problems.Invalid(result.Field!, result.Message!),
            CommandOutcome.NotFound => NotFound(partnershipId, id),
            _ => Problems.Conflict(result.Message!),
        };
    }

    private static PracticeReviewEvent? ReadEvent(JsonFields fields, JsonElement body)
    {
        if (fields.Body(body) is not { } root)
        {
            return null;
        }

        var typeName = fields.String(root, "", "type", required: true, maxLength: 100);
        PracticeReviewEventType? type = null;
        if (typeName is not null)
        {
            if (PracticeReviewNames.EventTypes.TryGetValue(typeName, out var known))
            {
                type = known;
            }
            else
            {
                fields.Fail("type", $"Unknown type '{typeName}'. Use one of: {string.Join(", ", PracticeReviewNames.EventTypes.Keys)}.");
            }
        }

        var on = fields.Date(root, "", "on", required: true);
        var e = new PracticeReviewEvent(type ?? default, on ?? default);
        switch (type)
        {
            case PracticeReviewEventType.CheckpointHeld:
                e = e with { Checkpoint = fields.PositiveInt(root, "", "checkpoint") };
                break;
            case PracticeReviewEventType.PublicationPlanned:
                e = e with { PlannedOn = fields.Date(root, "", "plannedOn", required: true), FullReport = fields.Bool(root, "", "fullReport", required: false) };
                break;
            case PracticeReviewEventType.Published:
                var url = fields.Text(root, "", "url", required: true, maxLength: 2000);
                if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
                {
                    fields.Fail("url", "Give the full address (https://...) where it is published.");
                }

                e = e with { Url = url };
                break;
            case PracticeReviewEventType.RecommendationAdded:
                e = e with { Recommendation = ReadRecommendation(fields, root) };
                break;
            case PracticeReviewEventType.ActionCompleted:
                e = e with { ActionId = fields.String(root, "", "actionId", required: true, maxLength: 40) };
                break;
            case PracticeReviewEventType.DelayReason:
                e = e with
                {
                    Reason = fields.Text(root, "", "reason", required: true, maxLength: 2000),
                    Deadline = fields.String(root, "", "deadline", required: false, maxLength: 100),
                };
                break;
        }

        return fields.HasErrors || type is null ? null : e;
    }

    /// <summary><c>{id, title, owner: {name, email, agency}, dueOn}</c> at the top level of the event.</summary>
    private static Recommendation? ReadRecommendation(JsonFields fields, JsonElement root)
    {
        var id = fields.String(root, "", "id", required: true, maxLength: 40);
        if (id is not null && UrlId.Problem(id, 40) is { } idProblem)
        {
            fields.Fail("id", idProblem);
        }

        var title = fields.Text(root, "", "title", required: true, maxLength: 300);
        var owner = fields.Object(root, "", "owner", required: true);
        var name = owner is { } o1 ? fields.StaffName(o1, "owner.", "name") : null;
        var email = owner is { } o2 ? fields.Email(o2, "owner.", "email") : null;
        var agency = owner is { } o3 ? fields.Text(o3, "owner.", "agency", required: true) : null;
        var dueOn = fields.Date(root, "", "dueOn", required: true);
        return fields.HasErrors ? null : new Recommendation(id!, title!, new ActionOwner(name!, email!, agency!), dueOn!.Value);
    }

    private static IPracticeReviewGrain Grain(IGrainFactory grains, string partnershipId, string id) =>
        grains.GetGrain<IPracticeReviewGrain>(new ProcessKey(partnershipId, ProcessKinds.PracticeReview, id).ToString());

    private static ProblemHttpResult NotFound(string partnershipId, string id) =>
        Problems.NotFound($"There is no practice review '{id}' in partnership '{partnershipId}'.");
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
