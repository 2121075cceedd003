using Safeguarding.Workflows.Domain.Partnerships;
using System.Text.Json;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.RapidReviews;

namespace Safeguarding.Workflows.Host.PracticeReviews;

/// <summary>Reads a practice review's JSON requests field by field (every refusal names its field); the endpoints and the pages both read with these.</summary>
public static class PracticeReviewRequests
{
    public static PracticeReviewCase? ReadCase(JsonFields fields, JsonElement body)
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

        var decidedOn = fields.Date(root, "", "decidedOn", required: true);
        var rapidReviewId = fields.String(root, "", "rapidReviewId", required: false, maxLength: RapidReviewCommands.MaxIdLength);
        return fields.HasErrors ? null : new PracticeReviewCase(reference!, decidedOn!.Value, rapidReviewId);
    }

    public static PracticeReviewEvent? ReadEvent(JsonFields fields, JsonElement body)
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
        return fields.HasErrors ? null : new Recommendation(id!, title!, new AgencyContact(name!, email!, agency!), dueOn!.Value);
    }
}
