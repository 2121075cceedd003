using Microsoft.Extensions.Logging;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.Documents;
using Safeguarding.Workflows.Storage.Documents;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Orchestration.Escalations;

/// <summary>One escalation, keyed <c>"{partnershipId}/escalation/{id}"</c>.</summary>
public interface IEscalationGrain : IProcessGrain
{
    /// <summary>Raises the escalation, or recognises the same request again; a different request for the same id is a conflict.</summary>
    Task<Reply<Escalation>> RaiseAsync(EscalationRequest request, string actor);

    Task<Escalation?> GetAsync();

    Task<Reply<Escalation>> HandleAsync(EscalationEvent escalationEvent, string actor);

    /// <summary>Serves the formal notice: stores its HTML and DOCX documents, then records it and emails the links.</summary>
    Task<Reply<Escalation>> ServeFormalNoticeAsync(FormalNoticeRequest request, string actor);
}

public sealed partial class EscalationGrain(
    ProcessEngine engine,
    PartnershipDirectory partnerships,
    DocumentStore documents,
    ReferenceCounters references,
    ILogger<EscalationGrain> logger) : ProcessGrain<Escalation>(engine), IEscalationGrain
{
    public async Task<Reply<Escalation>> RaiseAsync(EscalationRequest request, string actor)
    {
        var arrangements = partnerships.Find(Key.PartnershipId);
        string? reference = null;
        if (Process is null && arrangements is not null && Raise(arrangements, null).Outcome == DecisionOutcome.Changed)
        {
            // A number only for a request that raises (a refused or repeated one takes none); the grain runs one
            // call at a time, so nothing can raise this escalation between taking the number and saving it.
            reference = EscalationReference.Of(request.RaisedOn, await references.NextAsync(Key.PartnershipId, EscalationReference.Series(request.RaisedOn), CancellationToken.None));
        }

        return await OpenOnceAsync(
            existing => existing.Request == request,
            () => arrangements is not null ? Raise(arrangements, reference) : NoSuchPartnership);

        Decision<Escalation> Raise(PartnershipArrangements found, string? withReference) =>
            Escalation.Raise(Key, request, found, Calendar, EscalationPolicy.For(found.Timescales), actor, Now, withReference);
    }

    public Task<Escalation?> GetAsync() => Task.FromResult(Process);

    public Task<Reply<Escalation>> HandleAsync(EscalationEvent escalationEvent, string actor) =>
        DecideAsync(current => current.Handle(escalationEvent, Calendar, Policy(), actor, Now));

    public async Task<Reply<Escalation>> ServeFormalNoticeAsync(FormalNoticeRequest request, string actor)
    {
        var decision = Process?.ServeFormalNotice(request, Calendar, Policy(), actor, Now);
        if (decision is { Outcome: DecisionOutcome.Changed, Transition.State: { } served })
        {
            // The documents are stored before the notice is recorded, so the links in the email that serves it work
            // from the start. A failure here records nothing; a retry stores a new version.
            var document = FormalNoticeDocument.For(served);
            var html = await Store(FormalNotice.HtmlDocument, HtmlDocumentWriter.ContentType, HtmlDocumentWriter.WriteUtf8(document));
            var docx = await Store(FormalNotice.DocxDocument, DocxDocumentWriter.ContentType, DocxDocumentWriter.Write(document));
            LogNoticeStored(Key.ToString(), html.Version, docx.Version);
        }

        // With no escalation there is no decision, and DecideAsync answers "not found" without asking for one.
        return await DecideAsync(_ => decision!);
    }

    private StatutoryCalendar Calendar => partnerships.CalendarFor(Key.PartnershipId);

    // The partnership's timings as they are now: a changed file applies from the next command on.
    private EscalationPolicy Policy() => EscalationPolicy.For(partnerships.Find(Key.PartnershipId)?.Timescales ?? new PartnershipTimescales());

    private Task<StoredDocument> Store(string name, string contentType, byte[] content) =>
        documents.SaveAsync(Key, name, contentType, $"{Key.Id}-{name}", new MemoryStream(content), Now, CancellationToken.None);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Escalation {ProcessKey}: formal notice stored (HTML v{HtmlVersion}, DOCX v{DocxVersion})")]
    private partial void LogNoticeStored(string processKey, int htmlVersion, int docxVersion);
}
