using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.RapidReviews;

namespace Safeguarding.Workflows.Host.PracticeReviews;

// Request bodies as sent. Every field is optional here, so that a missing one is answered with a 400 naming it
// (PracticeReviewRequests); a value of the wrong type is refused by binding, naming it too (HttpConventions).

/// <summary><c>PUT .../practice-reviews/{id}</c>.</summary>
public sealed record PracticeReviewBody(string? CaseReference, string? DecidedOn, string? RapidReviewId);

/// <summary>An action's owner: <c>{name, email, agency}</c>.</summary>
public sealed record ActionOwnerBody(string? Name, string? Email, string? Agency);

/// <summary>
/// <c>POST .../practice-reviews/{id}/events</c>: one record for every <c>type</c>, each using its own fields —
/// <c>checkpoint</c>; <c>plannedOn</c> and <c>fullReport</c>; <c>url</c>; a recommendation's <c>id</c>, <c>title</c>,
/// <c>owner</c> and <c>dueOn</c>; <c>actionId</c>; <c>reason</c> and <c>deadline</c>.
/// </summary>
public sealed record PracticeReviewEventBody(
    string? Type,
    string? On,
    int? Checkpoint = null,
    string? PlannedOn = null,
    bool? FullReport = null,
    string? Url = null,
    string? Id = null,
    string? Title = null,
    ActionOwnerBody? Owner = null,
    string? DueOn = null,
    string? ActionId = null,
    string? Reason = null,
    string? Deadline = null);

/// <summary>Reads a practice review's typed request bodies into the domain's requests, naming every field refused; the endpoints and the pages both read with these.</summary>
public static class PracticeReviewRequests
{
    /// <summary>A recommendation's id: it appears in the action's links.</summary>
    public static readonly UrlIdRule ActionIdRule = UrlIdRule.Case(40);

    public static PracticeReviewCase? ReadCase(JsonFields fields, PracticeReviewBody body)
    {
        var reference = fields.String(body.CaseReference, "caseReference", required: true, maxLength: 31);
        if (reference is not null && CaseReference.Problem(reference) is { } referenceProblem)
        {
            fields.Fail("caseReference", referenceProblem);
        }

        var decidedOn = fields.Date(body.DecidedOn, "decidedOn", required: true);
        var rapidReviewId = fields.String(body.RapidReviewId, "rapidReviewId", required: false, maxLength: RapidReviewCommands.IdRule.MaxLength);
        return fields.HasErrors ? null : new PracticeReviewCase(reference!, decidedOn!.Value, rapidReviewId);
    }

    public static PracticeReviewEvent? ReadEvent(JsonFields fields, PracticeReviewEventBody body)
    {
        var typeName = fields.String(body.Type, "type", required: true, maxLength: 100);
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

        var on = fields.Date(body.On, "on", required: true);
        var e = new PracticeReviewEvent(type ?? default, on ?? default);
        switch (type)
        {
            case PracticeReviewEventType.CheckpointHeld:
                e = e with { Checkpoint = fields.PositiveInt(body.Checkpoint, "checkpoint") };
                break;
            case PracticeReviewEventType.PublicationPlanned:
                e = e with { PlannedOn = fields.Date(body.PlannedOn, "plannedOn", required: true), FullReport = fields.Bool(body.FullReport, "fullReport", required: false) };
                break;
            case PracticeReviewEventType.Published:
                var url = fields.Text(body.Url, "url", required: true, maxLength: 2000);
                if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
                {
                    fields.Fail("url", "Give the full address (https://...) where it is published.");
                }

                e = e with { Url = url };
                break;
            case PracticeReviewEventType.RecommendationAdded:
                e = e with { Recommendation = ReadRecommendation(fields, body) };
                break;
            case PracticeReviewEventType.ActionCompleted:
                e = e with { ActionId = fields.String(body.ActionId, "actionId", required: true, maxLength: 40) };
                break;
            case PracticeReviewEventType.DelayReason:
                e = e with
                {
                    Reason = fields.Text(body.Reason, "reason", required: true, maxLength: 2000),
                    Deadline = fields.String(body.Deadline, "deadline", required: false, maxLength: 100),
                };
                break;
        }

        return fields.HasErrors || type is null ? null : e;
    }

    /// <summary><c>{id, title, owner: {name, email, agency}, dueOn}</c> at the top level of the event.</summary>
    private static Recommendation? ReadRecommendation(JsonFields fields, PracticeReviewEventBody body)
    {
        var id = fields.String(body.Id, "id", required: true, maxLength: ActionIdRule.MaxLength);
        if (id is not null && ActionIdRule.Problem(id) is { } idProblem)
        {
            fields.Fail("id", idProblem);
        }

        var title = fields.Text(body.Title, "title", required: true, maxLength: 300);
        var owner = fields.Object(body.Owner, "owner");
        var name = owner is null ? null : fields.StaffName(owner.Name, "owner.name");
        var email = owner is null ? null : fields.Email(owner.Email, "owner.email");
        var agency = owner is null ? null : fields.Text(owner.Agency, "owner.agency", required: true);
        var dueOn = fields.Date(body.DueOn, "dueOn", required: true);
        return fields.HasErrors ? null : new Recommendation(id!, title!, new AgencyContact(name!, email!, agency!), dueOn!.Value);
    }
}
