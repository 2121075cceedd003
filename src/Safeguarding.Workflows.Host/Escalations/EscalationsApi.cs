using Safeguarding.Workflows.Host.Pages.Dashboard;
using System.Collections.Immutable;
using System.Globalization;
using System.Net.Mime;
using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.Documents;
using Safeguarding.Workflows.Orchestration.Escalations;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Host.Escalations;

/// <summary>
/// Escalations and dispute resolution (docs/design/api.md, "Escalations"): raise, read, record events, serve the formal notice and
/// download its documents. Listing, history and cancellation are the generic process endpoints.
/// </summary>
public static class EscalationsApi
{
    public static WebApplicationBuilder AddEscalations(this WebApplicationBuilder builder)
    {
        builder.Services.AddProcessKind<IEscalationGrain>(ProcessKinds.Escalation, "escalations", "Escalation", "Escalations and professional disagreements", idProblem: EscalationCommands.IdRule.Problem);
        builder.Services.AddSingleton<EscalationCommands>();
        builder.Services.AddSingleton(new ProcessPageParts(ProcessKinds.Escalation, async (services, key, snapshot) =>
            (await services.GetRequiredService<EscalationCommands>().GetAsync(key.PartnershipId, key.Id)).Process is { } escalation
                ? snapshot with
                {
                    Forms =
                    [
                        new("Record a response, or that it is resolved", $"/forms/escalations/{key.PartnershipId}/{key.Id}/respond"),
                        // Offered only where the policy allows a notice now, not refused after the form is filled in.
                        .. escalation.CanServeFormalNotice().IsRefusal ? Array.Empty<FormLink>() : [new FormLink("Serve a formal notice", $"/forms/escalations/{key.PartnershipId}/{key.Id}/formal-notice")],
                    ],
                }
                : snapshot));
        return builder;
    }

    public static RouteGroupBuilder MapEscalationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapPartnershipGroup("/escalations", EscalationCommands.IdRule).WithTags("Escalations");
        group.MapPut("/{id}", PutEscalation).WithName("PutEscalation").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetEscalation).WithName("GetEscalation");
        group.MapPost("/{id}/events", PostEscalationEvent).WithName("PostEscalationEvent").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/formal-notice", PostFormalNotice).WithName("PostFormalNotice").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/documents/{name}", GetEscalationDocument).WithName("GetEscalationDocument")
            .ProducesFile(MediaTypeNames.Text.Html, DocxDocumentWriter.ContentType);
        return group;
    }

    // ---- Requests (every field nullable, so that EscalationRequests reports a missing one by name) ----

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
        string Reference,
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
        string partnershipId, string id, EscalationBody body, EscalationCommands escalations, HttpContext context)
    {
        var fields = new JsonFields();
        if (EscalationRequests.ReadRaise(fields, body) is not { } request)
        {
            return fields.Problem();
        }

        var reply = await escalations.RaiseAsync(partnershipId, id, request, RequestActor.Of(context));
        return Replies.Created(reply, View, $"/api/partnerships/{partnershipId}/escalations/{id}");
    }

    /// <summary><c>GET /api/partnerships/{p}/escalations/{id}</c>.</summary>
    public static async Task<Results<Ok<EscalationView>, ValidationProblem, ProblemHttpResult>> GetEscalation(string partnershipId, string id, EscalationCommands escalations) =>
        Replies.Ok(await escalations.GetAsync(partnershipId, id), View);

    /// <summary>
    /// <c>POST .../escalations/{id}/events {type, on, ...}</c>: <c>responded</c> (<c>by?</c>, <c>note?</c>),
    /// <c>resolved</c> (<c>outcome</c>), <c>escalated</c> (<c>stage?</c>), <c>requirement-met</c> (<c>requirementId</c>),
    /// <c>secretary-of-state-referral</c> (<c>decision</c>: <c>refer</c> | <c>do-not-refer</c>, <c>reason?</c>; 409 until
    /// the partners have been asked, once a required change is still unmet after its last due date).
    /// </summary>
    public static async Task<Results<Ok<EscalationView>, ValidationProblem, ProblemHttpResult>> PostEscalationEvent(
        string partnershipId, string id, EventBody body, EscalationCommands escalations, HttpContext context)
    {
        var fields = new JsonFields();
        if (EscalationRequests.ReadEvent(fields, body) is not { } e)
        {
            return fields.Problem();
        }

        return Replies.Ok(await escalations.HandleAsync(partnershipId, id, e, RequestActor.Of(context)), View);
    }

    /// <summary>
    /// <c>POST .../escalations/{id}/formal-notice {requirements: [{id, change, dueOn}], consequences, respondBy?}</c>:
    /// serves the notice after (or at) the last stage; 201 with the notice and its document links, 200 when the same
    /// notice is posted again.
    /// </summary>
    public static async Task<Results<Created<FormalNoticeView>, Ok<FormalNoticeView>, ValidationProblem, ProblemHttpResult>> PostFormalNotice(
        string partnershipId, string id, FormalNoticeBody body, EscalationCommands escalations, HttpContext context)
    {
        var fields = new JsonFields();
        if (EscalationRequests.ReadFormalNotice(fields, body) is not { } request)
        {
            return fields.Problem();
        }

        var reply = await escalations.ServeFormalNoticeAsync(partnershipId, id, request, RequestActor.Of(context));
        var location = FormalNotice.DocumentLink(new ProcessKey(partnershipId, ProcessKinds.Escalation, id), FormalNotice.HtmlDocument);
        return Replies.Created(reply, e => NoticeView(e)!, location);
    }

    /// <summary><c>GET .../escalations/{id}/documents/{name}</c>: the latest version of <c>formal-notice.html</c> or <c>formal-notice.docx</c>.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetEscalationDocument(
        string partnershipId, string id, string name, DocumentStore documents, CancellationToken cancellationToken)
    {
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

    // ---- Views ----

    public static EscalationView View(Escalation e) => new(
        e.Key.Id,
        e.ShownReference,
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
}
