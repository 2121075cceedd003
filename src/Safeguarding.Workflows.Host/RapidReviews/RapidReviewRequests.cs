using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Http;

namespace Safeguarding.Workflows.Host.RapidReviews;

// Request bodies as sent. Every field is optional here, so that a missing one is answered with a 400 naming it
// (RapidReviewRequests); a value of the wrong type is refused by binding, naming it too (HttpConventions).

public sealed record RapidReviewContactBody(string? Name, string? Email);

public sealed record RapidReviewAgencyBody(string? Agency, RapidReviewContactBody? Contact);

/// <summary><c>PUT .../rapid-reviews/{id}</c>: the serious incident referral.</summary>
public sealed record RapidReviewBody(
    string? CaseReference,
    string? AwareOn,
    bool? ChildLookedAfter,
    string? Outcome,
    bool? AbuseOrNeglectKnownOrSuspected,
    List<RapidReviewAgencyBody?>? Agencies);

/// <summary>
/// <c>POST .../rapid-reviews/{id}/events</c>: one record for every <c>type</c>, each using its own fields —
/// <c>agency</c> (and <c>contact</c> for <c>agency-added</c>), <c>decision</c>, <c>reason</c> and <c>deadline</c>, <c>outcome</c>.
/// </summary>
public sealed record RapidReviewEventBody(
    string? Type,
    string? On,
    string? Agency = null,
    RapidReviewContactBody? Contact = null,
    string? Decision = null,
    string? Reason = null,
    string? Deadline = null,
    string? Outcome = null);

/// <summary>Reads a rapid review's typed request bodies into the domain's requests, naming every field refused; the endpoints and the pages both read with these.</summary>
public static class RapidReviewRequests
{
    public static RapidReviewCase? ReadCase(JsonFields fields, RapidReviewBody body)
    {
        var reference = fields.String(body.CaseReference, "caseReference", required: true, maxLength: 31);
        if (reference is not null && CaseReference.Problem(reference) is { } referenceProblem)
        {
            fields.Fail("caseReference", referenceProblem);
        }

        var awareOn = fields.Date(body.AwareOn, "awareOn", required: true);
        var outcome = Outcome(fields, body.Outcome);
        var lookedAfter = fields.Bool(body.ChildLookedAfter, "childLookedAfter", required: true);
        var abuseOrNeglect = body.AbuseOrNeglectKnownOrSuspected ?? true;
        var agencies = new List<AgencyContact>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);

        // A notification-only case asks no agency, so it may leave the list out (the domain refuses one that is not empty).
        IReadOnlyList<RapidReviewAgencyBody?> items = !abuseOrNeglect && body.Agencies is null ? [] : fields.Entries(body.Agencies, "agencies", min: abuseOrNeglect ? 1 : 0, max: 50) ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"agencies[{i}]";
            if (items[i] is not { } item)
            {
                fields.Fail(path, "Each agency is an object {agency, contact: {name, email}}.");
                continue;
            }

            var agency = fields.Text(item.Agency, $"{path}.agency", required: true);
            var contact = Contact(fields, item.Contact, $"{path}.contact");
            if (agency is not null && !slugs.Add(AgencyContact.Slug(agency)))
            {
                fields.Fail($"{path}.agency", "This agency is listed twice.");
            }

            if (agency is not null && contact is not null)
            {
                agencies.Add(new AgencyContact(contact.Name, contact.Email, agency));
            }
        }

        return fields.HasErrors ? null : new RapidReviewCase(reference!, awareOn!.Value, lookedAfter!.Value, [.. agencies], outcome, abuseOrNeglect);
    }

    public static RapidReviewEvent? ReadEvent(JsonFields fields, RapidReviewEventBody body)
    {
        var typeName = fields.String(body.Type, "type", required: true, maxLength: 100);
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

        var on = fields.Date(body.On, "on", required: true);
        string? agency = null, reason = null, deadline = null;
        RapidReviewDecision? decision = null;
        IncidentOutcome? outcome = null;
        EmailRecipient? contact = null;
        switch (type)
        {
            case RapidReviewEventType.AgencySummaryReceived:
                agency = fields.String(body.Agency, "agency", required: true);
                break;
            case RapidReviewEventType.AgencyAdded:
                // Read as the referral reads each of its agencies: no name of a child or family in it.
                agency = fields.Text(body.Agency, "agency", required: true);
                contact = Contact(fields, body.Contact, "contact");
                break;
            case RapidReviewEventType.ReviewSubmitted:
                var decisionName = fields.String(body.Decision, "decision", required: true, maxLength: 100);
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
                reason = fields.Text(body.Reason, "reason", required: true, maxLength: 2000);
                deadline = fields.String(body.Deadline, "deadline", required: false, maxLength: 100);
                break;
            case RapidReviewEventType.OutcomeRecorded:
                outcome = Outcome(fields, body.Outcome);
                break;
        }

        return fields.HasErrors || type is null ? null : new RapidReviewEvent(type.Value, on!.Value, agency, decision, reason, deadline, outcome, contact);
    }

    /// <summary><c>outcome</c>: <c>died</c> or <c>seriously-harmed</c>, required.</summary>
    private static IncidentOutcome? Outcome(JsonFields fields, string? value)
    {
        var name = fields.String(value, "outcome", required: true, maxLength: 100);
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

    /// <summary>An agency's contact, <c>{name, email}</c>: a member of staff, so a name (never a date) and a work address.</summary>
    private static EmailRecipient? Contact(JsonFields fields, RapidReviewContactBody? body, string path)
    {
        if (fields.Object(body, path) is not { } contact)
        {
            return null;
        }

        var name = fields.StaffName(contact.Name, $"{path}.name");
        var email = fields.Email(contact.Email, $"{path}.email");
        return name is not null && email is not null ? new EmailRecipient(name, email) : null;
    }
}
