using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
    /// <summary>Rapid review ids leave room for the <c>-lcspr</c> suffix of the practice review they may open.</summary>
    public const int MaxIdLength = 58;

    public static WebApplicationBuilder AddRapidReviews(this WebApplicationBuilder builder)
    {
        builder.Services.AddProcessKind<IRapidReviewGrain>(ProcessKinds.RapidReview);
        return builder;
    }

    public static RouteGroupBuilder MapRapidReviewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/partnerships/{partnershipId}/rapid-reviews").WithTags("Rapid reviews");
        group.MapPut("/{id}", PutRapidReview).WithName("PutRapidReview").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetRapidReview).WithName("GetRapidReview");
        group.MapPost("/{id}/events", PostRapidReviewEvent).WithName("PostRapidReviewEvent").ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>
    /// <c>PUT .../rapid-reviews/{id}</c> <c>{caseReference, awareOn, childLookedAfter, outcome, abuseOrNeglectKnownOrSuspected?,
    /// agencies: [{agency, contact: {name, email}}]}</c>: 201, or 200 for the same body again. With
    /// <c>abuseOrNeglectKnownOrSuspected: false</c> (a looked-after child's death only) it is a notification-only case, with no agencies.
    /// </summary>
    public static async Task<Results<Created<RapidReviewView>, Ok<RapidReviewView>, ValidationProblem, ProblemHttpResult>> PutRapidReview(
        string partnershipId, string id, [FromBody] JsonElement body, PartnershipDirectory partnerships, IGrainFactory grains, WorkflowClock clock)
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
        var request = ReadCase(fields, body);
        if (fields.HasErrors || request is null)
        {
            return fields.Problem();
        }

        var result = await Grain(grains, partnershipId, id).OpenAsync(request);
        return result.Outcome switch
        {
            CommandOutcome.Recorded => TypedResults.Created($"/api/partnerships/{partnershipId}/rapid-reviews/{id}", RapidReviewView.Of(result.Process!, clock.GetUtcNow())),
            CommandOutcome.AlreadyRecorded => TypedResults.Ok(RapidReviewView.Of(result.Process!, clock.GetUtcNow())),
            CommandOutcome.Invalid => Problems.Invalid(result.Field!, result.Message!),
            CommandOutcome.NotFound => PartnershipsApi.UnknownPartnership(partnershipId),
            _ => Problems.Conflict(result.Message ?? $"A rapid review '{id}' already exists with different details."),
        };
    }

    public static async Task<Results<Ok<RapidReviewView>, ProblemHttpResult>> GetRapidReview(
        string partnershipId, string id, PartnershipDirectory partnerships, IGrainFactory grains, WorkflowClock clock)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        return UrlId.Problem(id, MaxIdLength) is null && await Grain(grains, partnershipId, id).GetAsync() is { } review
            ? TypedResults.Ok(RapidReviewView.Of(review, clock.GetUtcNow()))
            : NotFound(partnershipId, id);
    }

    /// <summary><c>POST .../rapid-reviews/{id}/events</c> <c>{type, on, ...}</c>: 200 with the review (also for a repeat that changes nothing).</summary>
    public static async Task<Results<Ok<RapidReviewView>, ValidationProblem, ProblemHttpResult>> PostRapidReviewEvent(
        string partnershipId, string id, [FromBody] JsonElement body, PartnershipDirectory partnerships, IGrainFactory grains, WorkflowClock clock, HttpContext context)
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
            CommandOutcome.Recorded or CommandOutcome.AlreadyRecorded => TypedResults.Ok(RapidReviewView.Of(result.Process!, clock.GetUtcNow())),
            CommandOutcome.Invalid => Problems.Invalid(result.Field!, result.Message!),
            CommandOutcome.NotFound => NotFound(partnershipId, id),
            _ => Problems.Conflict(result.Message!),
        };
    }

    private static RapidReviewCase? ReadCase(JsonFields fields, JsonElement body)
    {
        if (fields.Body(body) is not { } root)
        {
            return null;
        }

        var reference = fields.String(root, "", "caseReference", required: true, maxLength: 31);
        if (reference is not null && CaseReference.Problem(reference) is { } referenceProblem)
        {
            fields.Fail("caseReference", referenceProblem);
        }

        var awareOn = fields.Date(root, "", "awareOn", required: true);
        var outcome = Outcome(fields, root);
        var lookedAfter = fields.Bool(root, "", "childLookedAfter", required: true);
        var abuseOrNeglect = fields.Bool(root, "", "abuseOrNeglectKnownOrSuspected", required: false) ?? true;
        var agencies = new List<AgencyContact>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);

        // A notification-only case asks no agency, so it may leave the list out (the domain refuses one that is not empty).
        IReadOnlyList<JsonElement> items = !abuseOrNeglect && !root.TryGetProperty("agencies", out _) ? [] : fields.Array(root, "", "agencies", min: abuseOrNeglect ? 1 : 0, max: 50) ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"agencies[{i}].";
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                fields.Fail($"agencies[{i}]", "Each agency is an object {agency, contact: {name, email}}.");
                continue;
            }

            var agency = fields.Text(items[i], path, "agency", required: true);
            var contact = fields.Object(items[i], path, "contact", required: true);
            var name = contact is { } c ? fields.StaffName(c, path + "contact.", "name") : null;
            var email = contact is { } c2 ? fields.Email(c2, path + "contact.", "email") : null;
            if (agency is not null && !slugs.Add(AgencyContact.Slug(agency)))
            {
                fields.Fail(path + "agency", "This agency is listed twice.");
            }

            if (agency is not null && name is not null && email is not null)
            {
                agencies.Add(new AgencyContact(agency, name, email));
            }
        }

        return fields.HasErrors ? null : new RapidReviewCase(reference!, awareOn!.Value, lookedAfter!.Value, [.. agencies], outcome, abuseOrNeglect);
    }

    /// <summary><c>outcome</c>: <c>died</c> or <c>seriously-harmed</c>, required.</summary>
    private static IncidentOutcome? Outcome(JsonFields fields, JsonElement root)
    {
        var name = fields.String(root, "", "outcome", required: true, maxLength: 100);
        if (name is null)
        {
            return null;
        }

        if (RapidReviewNames.Outcomes.TryGetValue(name, out var outcome))
        {
            return outcome;
        }

        fields.Fail("outcome", $"Use one of: {string.Join(", ", RapidReviewNames.Outcomes.Keys)}.");
        return null;
    }

    private static RapidReviewEvent? ReadEvent(JsonFields fields, JsonElement body)
    {
        if (fields.Body(body) is not { } root)
        {
            return null;
        }

        var typeName = fields.String(root, "", "type", required: true, maxLength: 100);
        RapidReviewEventType? type = null;
        if (typeName is not null)
        {
            if (RapidReviewNames.EventTypes.TryGetValue(typeName, out var known))
            {
                type = known;
            }
            else
            {
                fields.Fail("type", $"Unknown type '{typeName}'. Use one of: {string.Join(", ", RapidReviewNames.EventTypes.Keys)}.");
            }
        }

        var on = fields.Date(root, "", "on", required: true);
        string? agency = null, reason = null, deadline = null;
        RapidReviewDecision? decision = null;
        IncidentOutcome? outcome = null;
        switch (type)
        {
            case RapidReviewEventType.AgencySummaryReceived:
                agency = fields.String(root, "", "agency", required: true);
                break;
            case RapidReviewEventType.ReviewSubmitted:
                var decisionName = fields.String(root, "", "decision", required: true, maxLength: 100);
                if (decisionName is not null)
                {
                    if (RapidReviewNames.Decisions.TryGetValue(decisionName, out var known))
                    {
                        decision = known;
                    }
                    else
                    {
                        fields.Fail("decision", $"Use one of: {string.Join(", ", RapidReviewNames.Decisions.Keys)}.");
                    }
                }

                break;
            case RapidReviewEventType.DelayReason:
                reason = fields.Text(root, "", "reason", required: true, maxLength: 2000);
                deadline = fields.String(root, "", "deadline", required: false, maxLength: 100);
                break;
            case RapidReviewEventType.OutcomeRecorded:
                outcome = Outcome(fields, root);
                break;
        }

        return fields.HasErrors || type is null ? null : new RapidReviewEvent(type.Value, on!.Value, agency, decision, reason, deadline, outcome);
    }

    private static IRapidReviewGrain Grain(IGrainFactory grains, string partnershipId, string id) =>
        grains.GetGrain<IRapidReviewGrain>(new ProcessKey(partnershipId, ProcessKinds.RapidReview, id).ToString());

    private static ProblemHttpResult NotFound(string partnershipId, string id) =>
        Problems.NotFound($"There is no rapid review '{id}' in partnership '{partnershipId}'.");
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
