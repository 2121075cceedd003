using System.Text.Json;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Http;

namespace Safeguarding.Workflows.Host.RapidReviews;

/// <summary>Reads a rapid review's JSON requests field by field (every refusal names its field); the endpoints and the pages both read with these.</summary>
public static class RapidReviewRequests
{
    public static RapidReviewCase? ReadCase(JsonFields fields, JsonElement body)
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
                agencies.Add(new AgencyContact(name, email, agency));
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

    public static RapidReviewEvent? ReadEvent(JsonFields fields, JsonElement body)
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
        EmailRecipient? contact = null;
        switch (type)
        {
            case RapidReviewEventType.AgencySummaryReceived:
                agency = fields.String(root, "", "agency", required: true);
                break;
            case RapidReviewEventType.AgencyAdded:
                // Read as the referral reads each of its agencies: no name of a child or family in it.
                agency = fields.Text(root, "", "agency", required: true);
                var person = fields.Object(root, "", "contact", required: true);
                var name = person is { } c ? fields.StaffName(c, "contact.", "name") : null;
                var email = person is { } c2 ? fields.Email(c2, "contact.", "email") : null;
                contact = name is not null && email is not null ? new EmailRecipient(name, email) : null;
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

        return fields.HasErrors || type is null ? null : new RapidReviewEvent(type.Value, on!.Value, agency, decision, reason, deadline, outcome, contact);
    }
}
