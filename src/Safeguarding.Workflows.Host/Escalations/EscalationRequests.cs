using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Host.Http;
using static Safeguarding.Workflows.Host.Escalations.EscalationsApi;

namespace Safeguarding.Workflows.Host.Escalations;

/// <summary>
/// Reads an escalation's typed request bodies into the domain's requests; the endpoints and the pages both read with
/// these. The first problem found is the one reported, naming its field.
/// </summary>
public static partial class EscalationRequests
{
    private const int MaxText = 4000;
    private const int MaxShortText = 200;

    /// <summary>A requirement's id (<c>r1</c>, <c>training-plan</c>): <see cref="UrlIdRule.Name"/>.</summary>
    private static readonly UrlIdRule RequirementIdRule = UrlIdRule.Name(40);

    public static EscalationRequest? ReadRaise(JsonFields fields, EscalationBody body)
    {
        var valid = Date(fields, body.RaisedOn, "raisedOn", required: true)
            && Party(fields, body.RaisedBy, "raisedBy")
            && Party(fields, body.Concerning, "concerning")
            && Text(fields, body.Summary, "summary", MaxText, required: true);
        return valid
            ? new EscalationRequest(ParseDate(body.RaisedOn)!.Value, ToParty(body.RaisedBy!), ToParty(body.Concerning!), body.Summary!.Trim(), body.ImmediateRisk ?? false)
            : null;
    }

    public static EscalationEvent? ReadEvent(JsonFields fields, EventBody body)
    {
        if (string.IsNullOrWhiteSpace(body.Type) || !EscalationEventTypes.All.Contains(body.Type))
        {
            fields.Fail("type", $"Use one of: {string.Join(", ", EscalationEventTypes.All)}.");
            return null;
        }

        var valid = Date(fields, body.On, "on", required: true)
            && body.Type switch
            {
                EscalationEventTypes.Resolved => Text(fields, body.Outcome, "outcome", MaxText, required: true),
                EscalationEventTypes.RequirementMet => Text(fields, body.RequirementId, "requirementId", MaxShortText, required: true),
                EscalationEventTypes.SecretaryOfStateReferral => body.Decision is "refer" or "do-not-refer" || fields.Refuse("decision", "Use refer or do-not-refer."),
                EscalationEventTypes.Escalated => body.Stage is null or (>= 2 and <= 100) || fields.Refuse("stage", "Give the stage the escalation moves to (2 or more), or leave it out."),
                _ => true,
            }
            && Text(fields, body.Outcome, "outcome", MaxText, required: false)
            && Text(fields, body.Reason, "reason", MaxText, required: false)
            && Text(fields, body.Note, "note", MaxText, required: false)
            && Text(fields, body.By?.Agency, "by.agency", MaxShortText, required: false)
            && Text(fields, body.By?.Name, "by.name", MaxShortText, required: false);
        return valid
            ? new EscalationEvent(
                body.Type,
                ParseDate(body.On)!.Value,
                Trimmed(body.Outcome),
                body.Stage,
                Trimmed(body.RequirementId),
                body.Decision is null ? null : body.Decision == "refer" ? ReferralDecision.Refer : ReferralDecision.DoNotRefer,
                Trimmed(body.Reason),
                body.By is null ? null : new Responder(Trimmed(body.By.Agency), Trimmed(body.By.Name)),
                Trimmed(body.Note))
            : null;
    }

    public static FormalNoticeRequest? ReadFormalNotice(JsonFields fields, FormalNoticeBody body)
    {
        if (body.Requirements is not { Count: > 0 and <= 50 } requirements)
        {
            fields.Fail("requirements", "List the required changes (1 to 50), each with an id, the change and its due date.");
            return null;
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < requirements.Count; i++)
        {
            if (!Requirement(fields, requirements[i], $"requirements[{i}]", ids))
            {
                return null;
            }
        }

        return Text(fields, body.Consequences, "consequences", MaxText, required: true) && Date(fields, body.RespondBy, "respondBy", required: false)
            ? new FormalNoticeRequest(
                requirements.Select(r => new RequiredChange(r!.Id!.Trim(), r.Change!.Trim(), ParseDate(r.DueOn)!.Value)).ToImmutableList(),
                body.Consequences!.Trim(),
                ParseDate(body.RespondBy))
            : null;
    }

    private static bool Requirement(JsonFields fields, RequirementBody? requirement, string at, HashSet<string> ids)
    {
        if (requirement is null)
        {
            return fields.Refuse(at, "Give the requirement's id, change and dueOn.");
        }

        if (requirement.Id is not { } id || RequirementIdRule.Problem(id.Trim()) is not null)
        {
            return fields.Refuse($"{at}.id", "Use 1 to 40 lower-case letters, digits and hyphens, for example r1 or training-plan.");
        }

        if (!ids.Add(id.Trim()))
        {
            return fields.Refuse($"{at}.id", $"'{id.Trim()}' is used by another requirement; each needs its own id.");
        }

        return Text(fields, requirement.Change, $"{at}.change", MaxText, required: true) && Date(fields, requirement.DueOn, $"{at}.dueOn", required: true);
    }

    private static bool Party(JsonFields fields, PartyBody? party, string field)
    {
        if (party is null)
        {
            return fields.Refuse(field, "Give the practitioner's agency, name and email.");
        }

        return Text(fields, party.Agency, $"{field}.agency", MaxShortText, required: true)
            && Text(fields, party.Name, $"{field}.name", MaxShortText, required: true)
            && (party.Email is { Length: <= 254 } email && EmailPattern().IsMatch(email.Trim()) || fields.Refuse($"{field}.email", "Give a work email address."));
    }

    private static bool Text(JsonFields fields, string? text, string field, int max, bool required)
    {
        if (text is null || text.Trim().Length == 0)
        {
            return !required || fields.Refuse(field, "This is required.");
        }

        return text.Length <= max || fields.Refuse(field, $"Use at most {max} characters.");
    }

    private static bool Date(JsonFields fields, string? text, string field, bool required)
    {
        if (text is null)
        {
            return !required || fields.Refuse(field, "Give a date as YYYY-MM-DD.");
        }

        return ParseDate(text) is not null || fields.Refuse(field, $"'{text}' is not a date written YYYY-MM-DD.");
    }

    /// <summary>Records the problem; false, so that a check reads <c>ok || Fail(...)</c>.</summary>
    private static bool Fail(JsonFields fields, string field, string message)
    {
        fields.Fail(field, message);
        return false;
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static Party ToParty(PartyBody body) => new(body.Agency!.Trim(), body.Name!.Trim(), body.Email!.Trim());

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
