using Microsoft.Extensions.Logging;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.Documents;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Orchestration.Escalations;

/// <summary>One escalation, keyed <c>"{partnershipId}/escalation/{id}"</c>.</summary>
public interface IEscalationGrain : IProcessGrain
{
    /// <summary>Raises the escalation, or recognises the same request again; a different request for the same id is a conflict.</summary>
    Task<EscalationReply> RaiseAsync(EscalationRequest request, string actor);

    Task<Escalation?> GetAsync();

    Task<EscalationReply> HandleAsync(EscalationEvent escalationEvent, string actor);

    /// <summary>Serves the formal notice: stores its HTML and DOCX documents, then records it and emails the links.</summary>
    Task<EscalationReply> ServeFormalNoticeAsync(FormalNoticeRequest request, string actor);
}

[GenerateSerializer, Alias("sgw.escalations.EscalationOutcome")]
public enum EscalationOutcome
{
    Created,
    Changed,

    /// <summary>The request repeated what is already recorded: nothing changed.</summary>
    Unchanged,
    NotFound,
    Invalid,
    Conflict,
}

/// <summary>How an escalation command ended; <see cref="Field"/> names the offending field when <see cref="EscalationOutcome.Invalid"/>.</summary>
[GenerateSerializer, Alias("sgw.escalations.EscalationReply")]
public sealed record EscalationReply(
    [property: Id(0)] EscalationOutcome Outcome,
    [property: Id(1)] Escalation? Escalation,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] string? Message = null);

public sealed partial class EscalationGrain(
    ProcessEngine engine,
    PartnershipDirectory partnerships,
    DocumentStore documents,
    ILogger<EscalationGrain> logger) : ProcessGrain<Escalation>(engine), IEscalationGrain
{
    public async Task<EscalationReply> RaiseAsync(EscalationRequest request, string actor)
    {
        if (Process is { } existing)
        {
            return existing.Request == request
                ? new(EscalationOutcome.Unchanged, existing)
                : new(EscalationOutcome.Conflict, existing, Message: $"Escalation '{Key.Id}' already exists with different details.");
        }

        if (partnerships.Find(Key.PartnershipId) is not { } arrangements)
        {
            return new(EscalationOutcome.NotFound, null, Message: $"No partnership has the id '{Key.PartnershipId}'.");
        }

        return await Apply(
            () => Escalation.Raise(Key, request, arrangements, partnerships.CalendarFor(Key.PartnershipId), EscalationPolicy.For(arrangements.Timescales), actor, Now),
            async transition => await StartAsync(transition),
            EscalationOutcome.Created);
    }

    public Task<Escalation?> GetAsync() => Task.FromResult(Process);

    public async Task<EscalationReply> HandleAsync(EscalationEvent escalationEvent, string actor)
    {
        if (Process is not { } current)
        {
            return NotFound();
        }

        return await Apply(
            () => current.Handle(escalationEvent, partnerships.CalendarFor(Key.PartnershipId), Policy(), actor, Now),
            transition => UpdateAsync(_ => transition),
            EscalationOutcome.Changed);
    }

    public async Task<EscalationReply> ServeFormalNoticeAsync(FormalNoticeRequest request, string actor)
    {
        if (Process is not { } current)
        {
            return NotFound();
        }

        return await Apply(
            () => current.ServeFormalNotice(request, partnerships.CalendarFor(Key.PartnershipId), Policy(), actor, Now),
            async transition =>
            {
                // The documents are stored before the notice is recorded, so the links in the email that serves it work
                // from the start. A failure here records nothing; a retry stores a new version.
                var document = FormalNoticeDocument.For(transition.State);
                var html = await Store(FormalNotice.HtmlDocument, HtmlDocumentWriter.ContentType, HtmlDocumentWriter.WriteUtf8(document));
                var docx = await Store(FormalNotice.DocxDocument, DocxDocumentWriter.ContentType, DocxDocumentWriter.Write(document));
                LogNoticeStored(Key.ToString(), html.Version, docx.Version);
                return await UpdateAsync(_ => transition);
            },
            EscalationOutcome.Changed);
    }

    // The partnership's timings as they are now: a changed file applies from the next command on.
    private EscalationPolicy Policy() => EscalationPolicy.For(partnerships.Find(Key.PartnershipId)?.Timescales ?? new PartnershipTimescales());

    /// <summary>Runs a pure command; commits its transition unless it changed nothing; turns a refusal into a reply.</summary>
    private async Task<EscalationReply> Apply(Func<Transition<Escalation>> command, Func<Transition<Escalation>, Task<Escalation>> commit, EscalationOutcome changed)
    {
        Transition<Escalation> transition;
        try
        {
            transition = command();
        }
        catch (EscalationRefusedException refused)
        {
            LogRefused(Key.ToString(), refused.Kind, refused.Field);
            return new(refused.Kind == RefusalKind.Invalid ? EscalationOutcome.Invalid : EscalationOutcome.Conflict, Process, refused.Field, refused.Message);
        }

        if (Process is not null && ReferenceEquals(transition.State, Process) && transition.Emails.Count == 0)
        {
            return new(EscalationOutcome.Unchanged, Process);
        }

        return new(changed, await commit(transition));
    }

    private Task<StoredDocument> Store(string name, string contentType, byte[] content) =>
        documents.SaveAsync(Key, name, contentType, $"{Key.Id}-{name}", new MemoryStream(content), Now, CancellationToken.None);

    private EscalationReply NotFound() => new(EscalationOutcome.NotFound, null, Message: $"There is no escalation '{Key.Id}' in partnership '{Key.PartnershipId}'.");

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Escalation {ProcessKey}: formal notice stored (HTML v{HtmlVersion}, DOCX v{DocxVersion})")]
    private partial void LogNoticeStored(string processKey, int htmlVersion, int docxVersion);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Escalation {ProcessKey}: command refused ({Kind}, field {Field})")]
    private partial void LogRefused(string processKey, RefusalKind kind, string? field);
}
