using Safeguarding.Workflows.Host.Pages.Dashboard;
using System.Collections.Immutable;
using System.Globalization;
using System.Net.Mime;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Partnerships;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.Documents;
using Safeguarding.Workflows.Orchestration.Escalations;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Host.Escalations;

/// <summary>
/// Escalations and dispute resolution (docs/design/api.md, "Escalations"): raise, read, record events, serve the formal notice and
/// download its documents. Listing, history and cancellation are the generic process endpoints.
/// </summary>
public static partial class EscalationsApi
{
    private const int MaxText = 4000;
    private const int MaxShortText = 200;

    public static WebApplicationBuilder AddEscalations(this WebApplicationBuilder builder)
    {
        builder.Services.AddProcessKind<IEscalationGrain>(ProcessKinds.Escalation, "escalations", "Escalation", "Escalations and professional disagreements");
        builder.Services.AddSingleton(new ProcessPageParts(ProcessKinds.Escalation, (_, key, snapshot) => Task.FromResult(snapshot with
        {
            Forms =
            [
                new("Record a response, or that it is resolved", $"/forms/escalations/{key.PartnershipId}/{key.Id}/respond"),
                new("Serve a formal notice", $"/forms/escalations/{key.PartnershipId}/{key.Id}/formal-notice"),
            ],
        })));
        return builder;
    }

    public static RouteGroupBuilder MapEscalationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/partnerships/{partnershipId}/escalations").WithTags("Escalations");
        group.MapPut("/{id}", PutEscalation).WithName("PutEscalation").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetEscalation).WithName("GetEscalation");
        group.MapPost("/{id}/events", PostEscalationEvent).WithName("PostEscalationEvent").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/formal-notice", PostFormalNotice).WithName("PostFormalNotice").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/documents/{name}", GetEscalationDocument).WithName("GetEscalationDocument")
            .ProducesFile(MediaTypeNames.Text.Html, DocxDocumentWriter.ContentType);
        return group;
    }

    // ---- Requests (every field nullable, so that a missing one is reported by name) ----

    public sealed record PartyBody(string? Agency, string? Name, string? Email);

    public sealed record EscalationBody(string? RaisedOn, PartyBody? RaisedBy, PartyBody? Concerning, string? Summary, bool? ImmediateRisk);

    public sealed record ResponderBody(string? Agency, string? Name);

    public sealed record EventBody(
        string? Type,
        string? On,
        string? Outcome,
        int? Stage,
        string? RequirementId,
        string? Decision,
        string? Reason,
        ResponderBody? By,
        string? Note);

    public sealed record RequirementBody(string? Id, string? Change, string? DueOn);

    public sealed record FormalNoticeBody(List<RequirementBody?>? Requirements, string? Consequences, string? RespondBy);

    // ---- Views ----

    public sealed record PersonView(string Name, string Email);

    public sealed record StageView(
        int Number,
        string Name,
        string Who,
        EscalationLevel Level,
        int ResolveWithinWorkingDays,
        DateOnly StartsOn,
        DateOnly ResolveBy,
        bool Reached,
        List<PersonView> People);

    public sealed record DocumentLinks(string Html, string Docx);

    public sealed record RequirementView(string Id, string Change, DateOnly DueOn, DateOnly? MetOn);

    public sealed record FormalNoticeView(
        DateOnly ServedOn,
        string IssuedBy,
        string Organisation,
        DateOnly RespondBy,
        string Consequences,
        List<RequirementView> Requirements,
        DateOnly ReferralPromptOn,
        DocumentLinks Documents);

    public sealed record ResolutionView(DateOnly On, string Outcome, int? AtStage);

    public sealed record ReferralDecisionView(DateOnly On, ReferralDecision Decision, string? Reason);

    public sealed record ResponseView(DateOnly On, int? Stage, string? Agency, string? Name, string? Note, string RecordedBy);

    public sealed record EscalationView(
        string Id,
        string Kind,
        string PartnershipId,
        string Status,
        string Title,
        DateOnly RaisedOn,
        Party RaisedBy,
        Party Concerning,
        string Summary,
        bool ImmediateRisk,
        EscalationPhase Phase,
        int CurrentStage,
        List<StageView> Stages,
        DateOnly? FormalNoticeDueOn,
        FormalNoticeView? FormalNotice,
        ResolutionView? Resolution,
        ReferralDecisionView? ReferralDecision,
        List<ResponseView> Responses,
        List<Processes.ProcessViews.DeadlineView> Deadlines,
        List<Processes.ProcessViews.TimelineView> Timeline);

    // ---- Handlers ----

    /// <summary><c>PUT /api/partnerships/{p}/escalations/{id}</c>: raises the escalation (201), or returns it when the body is the same (200).</summary>
    public static async Task<Results<Created<EscalationView>, Ok<EscalationView>, ValidationProblem, ProblemHttpResult>> PutEscalation(
        string partnershipId, string id, EscalationBody body, PartnershipDirectory partnerships, IGrainFactory grains, HttpContext context)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        if (!IdPattern().IsMatch(id))
        {
            return Problems.Invalid("id", "Use 1 to 64 letters, digits and hyphens, starting with a letter or digit; a reference, never a child's name.");
        }

        if (ValidateRaise(body) is { } invalid)
        {
            return invalid;
        }

        var request = new EscalationRequest(
            ParseDate(body.RaisedOn)!.Value,
            ToParty(body.RaisedBy!),
            ToParty(body.Concerning!),
            body.Summary!.Trim(),
            body.ImmediateRisk ?? false);
        var reply = await Grain(grains, partnershipId, id).RaiseAsync(request, RequestActor.Of(context));
        return reply.Outcome switch
        {
            EscalationOutcome.Created => TypedResults.Created($"/api/partnerships/{partnershipId}/escalations/{id}", View(reply.Escalation!)),
            EscalationOutcome.Unchanged => TypedResults.Ok(View(reply.Escalation!)),
            EscalationOutcome.Invalid => Problems.Invalid(reply.Field ?? "body", reply.Message ?? "Invalid."),
            EscalationOutcome.NotFound => UnknownEscalation(partnershipId, id),
            _ => Problems.Conflict(reply.Message ?? "The escalation is not in a state that allows this."),
        };
    }

    /// <summary><c>GET /api/partnerships/{p}/escalations/{id}</c>.</summary>
    public static async Task<Results<Ok<EscalationView>, ProblemHttpResult>> GetEscalation(string partnershipId, string id, PartnershipDirectory partnerships, IGrainFactory grains)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        return await Grain(grains, partnershipId, id).GetAsync() is { } escalation
            ? TypedResults.Ok(View(escalation))
            : UnknownEscalation(partnershipId, id);
    }

    /// <summary>
    /// <c>POST .../escalations/{id}/events {type, on, ...}</c>: <c>responded</c> (<c>by?</c>, <c>note?</c>),
    /// <c>resolved</c> (<c>outcome</c>), <c>escalated</c> (<c>stage?</c>), <c>requirement-met</c> (<c>requirementId</c>),
    /// <c>secretary-of-state-referral</c> (<c>decision</c>: <c>refer</c> | <c>do-not-refer</c>, <c>reason?</c>).
    /// </summary>
    public static async Task<Results<Ok<EscalationView>, ValidationProblem, ProblemHttpResult>> PostEscalationEvent(
        string partnershipId, string id, EventBody body, PartnershipDirectory partnerships, IGrainFactory grains, HttpContext context)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        if (ValidateEvent(body) is { } invalid)
        {
            return invalid;
        }

        var escalationEvent = new EscalationEvent(
            body.Type!,
            ParseDate(body.On)!.Value,
            Trimmed(body.Outcome),
            body.Stage,
            Trimmed(body.RequirementId),
            body.Decision is null ? null : body.Decision == "refer" ? ReferralDecision.Refer : ReferralDecision.DoNotRefer,
            Trimmed(body.Reason),
            body.By is null ? null : new Responder(Trimmed(body.By.Agency), Trimmed(body.By.Name)),
            Trimmed(body.Note));
        var reply = await Grain(grains, partnershipId, id).HandleAsync(escalationEvent, RequestActor.Of(context));
        return reply.Outcome switch
        {
            EscalationOutcome.Changed or EscalationOutcome.Unchanged => TypedResults.Ok(View(reply.Escalation!)),
            EscalationOutcome.Invalid => Problems.Invalid(reply.Field ?? "body", reply.Message ?? "Invalid."),
            EscalationOutcome.NotFound => UnknownEscalation(partnershipId, id),
            _ => Problems.Conflict(reply.Message ?? "The escalation is not in a state that allows this."),
        };
    }

    /// <summary>
    /// <c>POST .../escalations/{id}/formal-notice {requirements: [{id, change, dueOn}], consequences, respondBy?}</c>:
    /// serves the notice after (or at) the last stage; 201 with the notice and its document links, 200 when the same
    /// notice is posted again.
    /// </summary>
    public static async Task<Results<Created<FormalNoticeView>, Ok<FormalNoticeView>, ValidationProblem, ProblemHttpResult>> PostFormalNotice(
        string partnershipId, string id, FormalNoticeBody body, PartnershipDirectory partnerships, IGrainFactory grains, HttpContext context)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        if (ValidateNotice(body) is { } invalid)
        {
            return invalid;
        }

        var request = new FormalNoticeRequest(
            body.Requirements!.Select(r => new RequiredChange(r!.Id!.Trim(), r.Change!.Trim(), ParseDate(r.DueOn)!.Value)).ToImmutableList(),
            body.Consequences!.Trim(),
            ParseDate(body.RespondBy));
        var reply = await Grain(grains, partnershipId, id).ServeFormalNoticeAsync(request, RequestActor.Of(context));
        return reply.Outcome switch
        {
            EscalationOutcome.Changed => TypedResults.Created(FormalNotice.DocumentLink(reply.Escalation!.Key, FormalNotice.HtmlDocument), NoticeView(reply.Escalation!)!),
            EscalationOutcome.Unchanged => TypedResults.Ok(NoticeView(reply.Escalation!)!),
            EscalationOutcome.Invalid => Problems.Invalid(reply.Field ?? "body", reply.Message ?? "Invalid."),
            EscalationOutcome.NotFound => UnknownEscalation(partnershipId, id),
            _ => Problems.Conflict(reply.Message ?? "The escalation is not in a state that allows this."),
        };
    }

    /// <summary><c>GET .../escalations/{id}/documents/{name}</c>: the latest version of <c>formal-notice.html</c> or <c>formal-notice.docx</c>.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetEscalationDocument(
        string partnershipId, string id, string name, PartnershipDirectory partnerships, DocumentStore documents, CancellationToken cancellationToken)
    {
        if (partnerships.Find(partnershipId) is null)
        {
            return PartnershipsApi.UnknownPartnership(partnershipId);
        }

        if (!FormalNotice.DocumentNames.Contains(name))
        {
            return Problems.NotFound($"An escalation has no document '{name}'. Its documents are {string.Join(" and ", FormalNotice.DocumentNames)}.");
        }

        var key = new ProcessKey(partnershipId, ProcessKinds.Escalation, id);
        if (await documents.OpenAsync(key, name, null, cancellationToken) is not { } found)
        {
            return Problems.NotFound($"Escalation '{id}' has no {name} (a formal notice has not been served).");
        }

        // HTML opens in the browser; the Word document downloads under a name that says what it is.
        var downloadName = name.EndsWith(".docx", StringComparison.Ordinal) ? $"{id}-{name}" : null;
        return TypedResults.Stream(found.Content, found.Document.ContentType, downloadName, found.Document.StoredAt);
    }

    // ---- Validation ----

    private static ValidationProblem? ValidateRaise(EscalationBody body)
    {
        if (ValidateDate(body.RaisedOn, "raisedOn", required: true) is { } date)
        {
            return date;
        }

        if ((ValidateParty(body.RaisedBy, "raisedBy") ?? ValidateParty(body.Concerning, "concerning")) is { } party)
        {
            return party;
        }

        return ValidateText(body.Summary, "summary", MaxText, required: true);
    }

    private static ValidationProblem? ValidateParty(PartyBody? party, string field)
    {
        if (party is null)
        {
            return Problems.Invalid(field, "Give the practitioner's agency, name and email.");
        }

        if ((ValidateText(party.Agency, $"{field}.agency", MaxShortText, required: true) ?? ValidateText(party.Name, $"{field}.name", MaxShortText, required: true)) is { } text)
        {
            return text;
        }

        return party.Email is { Length: <= 254 } email && EmailPattern().IsMatch(email.Trim())
            ? null
            : Problems.Invalid($"{field}.email", "Give a work email address.");
    }

    private static ValidationProblem? ValidateEvent(EventBody body)
    {
        if (string.IsNullOrWhiteSpace(body.Type) || !EscalationEventTypes.All.Contains(body.Type))
        {
            return Problems.Invalid("type", $"Use one of: {string.Join(", ", EscalationEventTypes.All)}.");
        }

        if (ValidateDate(body.On, "on", required: true) is { } on)
        {
            return on;
        }

        var required = body.Type switch
        {
            EscalationEventTypes.Resolved => ValidateText(body.Outcome, "outcome", MaxText, required: true),
            EscalationEventTypes.RequirementMet => ValidateText(body.RequirementId, "requirementId", MaxShortText, required: true),
            EscalationEventTypes.SecretaryOfStateReferral => body.Decision is "refer" or "do-not-refer" ? null : Problems.Invalid("decision", "Use refer or do-not-refer."),
            EscalationEventTypes.Escalated => body.Stage is null or (>= 2 and <= 100) ? null : Problems.Invalid("stage", "Give the stage the escalation moves to (2 or more), or leave it out."),
            _ => null,
        };
        return required
            ?? ValidateText(body.Outcome, "outcome", MaxText, required: false)
            ?? ValidateText(body.Reason, "reason", MaxText, required: false)
            ?? ValidateText(body.Note, "note", MaxText, required: false)
            ?? ValidateText(body.By?.Agency, "by.agency", MaxShortText, required: false)
            ?? ValidateText(body.By?.Name, "by.name", MaxShortText, required: false);
    }

    private static ValidationProblem? ValidateNotice(FormalNoticeBody body)
    {
        if (body.Requirements is not { Count: > 0 and <= 50 } requirements)
        {
            return Problems.Invalid("requirements", "List the required changes (1 to 50), each with an id, the change and its due date.");
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < requirements.Count; i++)
        {
            var at = $"requirements[{i}]";
            if (requirements[i] is not { } requirement)
            {
                return Problems.Invalid(at, "Give the requirement's id, change and dueOn.");
            }

            if (requirement.Id is not { } id || !RequirementIdPattern().IsMatch(id.Trim()))
            {
                return Problems.Invalid($"{at}.id", "Use 1 to 40 lower-case letters, digits and hyphens, for example r1 or training-plan.");
            }

            if (!ids.Add(id.Trim()))
            {
                return Problems.Invalid($"{at}.id", $"'{id.Trim()}' is used by another requirement; each needs its own id.");
            }

            if ((ValidateText(requirement.Change, $"{at}.change", MaxText, required: true) ?? ValidateDate(requirement.DueOn, $"{at}.dueOn", required: true)) is { } problem)
            {
                return problem;
            }
        }

        return ValidateText(body.Consequences, "consequences", MaxText, required: true) ?? ValidateDate(body.RespondBy, "respondBy", required: false);
    }

    private static ValidationProblem? ValidateText(string? text, string field, int max, bool required)
    {
        if (text is null || text.Trim().Length == 0)
        {
            return required ? Problems.Invalid(field, "This is required.") : null;
        }

        return text.Length > max ? Problems.Invalid(field, $"Use at most {max} characters.") : null;
    }

    private static ValidationProblem? ValidateDate(string? text, string field, bool required)
    {
        if (text is null)
        {
            return required ? Problems.Invalid(field, "Give a date as YYYY-MM-DD.") : null;
        }

        return ParseDate(text) is null ? Problems.Invalid(field, $"'{text}' is not a date written YYYY-MM-DD.") : null;
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    // ---- Mapping ----

    private static IEscalationGrain Grain(IGrainFactory grains, string partnershipId, string id) =>
        grains.GetGrain<IEscalationGrain>(new ProcessKey(partnershipId, ProcessKinds.Escalation, id).ToString());

    private static Party ToParty(PartyBody body) => new(body.Agency!.Trim(), body.Name!.Trim(), body.Email!.Trim());

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ProblemHttpResult UnknownEscalation(string partnershipId, string id) =>
        Problems.NotFound($"There is no escalation '{id}' in partnership '{partnershipId}'.");

    public static EscalationView View(Escalation e) => new(
        e.Key.Id,
        e.Key.Kind,
        e.Key.PartnershipId,
        Processes.ProcessViews.Status(e),
        e.Title,
        e.Request.RaisedOn,
        e.Request.RaisedBy,
        e.Request.Concerning,
        e.Request.Summary,
        e.Request.ImmediateRisk,
        e.Phase,
        e.CurrentStage,
        e.Stages.Select(s => new StageView(
            s.Number, s.Name, s.Who, s.Level, s.ResolveWithinWorkingDays, s.StartsOn, s.DueOn, s.Number <= e.CurrentStage,
            s.People.Select(p => new PersonView(p.Name, p.Email)).ToList())).ToList(),
        e.Phase == EscalationPhase.FormalNoticeDue ? e.FormalNoticeDue.DueOn : null,
        NoticeView(e),
        e.Resolution is { } r ? new ResolutionView(r.On, r.Outcome, r.AtStage) : null,
        e.Referral is { } d ? new ReferralDecisionView(d.On, d.Decision, d.Reason) : null,
        e.Responses.Select(r => new ResponseView(r.On, r.Stage, r.Agency, r.Name, r.Note, r.Actor)).ToList(),
        Processes.ProcessViews.Deadlines(e),
        Processes.ProcessViews.Timeline(e));

    private static FormalNoticeView? NoticeView(Escalation e) => e.Notice is not { } n ? null : new(
        n.ServedOn,
        n.IssuedBy,
        n.Organisation,
        n.RespondBy,
        n.Consequences,
        n.Requirements.Select(r => new RequirementView(r.Id, r.Change, r.DueOn, r.MetOn)).ToList(),
        n.ReferralPromptOn,
        new DocumentLinks(FormalNotice.DocumentLink(e.Key, FormalNotice.HtmlDocument), FormalNotice.DocumentLink(e.Key, FormalNotice.DocxDocument)));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex RequirementIdPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
