using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Processes;

/// <summary>
/// What every process kind shares over HTTP: the listing (backed by the process index, since Orleans has no
/// cross-grain query), each process's audit history, and cancellation.
/// </summary>
public static class ProcessesApi
{
    public static WebApplicationBuilder AddProcesses(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProcessSearch>();
        return builder;
    }

    public static IEndpointRouteBuilder MapProcessesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapPartnershipGroup("", idRule: null).WithTags("Processes");
        group.MapGet("/processes", ListProcesses);
        group.MapGet("/{kindPlural}/{id}/history", GetHistory);
        group.MapPost("/{kindPlural}/{id}/cancel", CancelProcess).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public sealed record NextDeadlineView(string Name, DateOnly? DueOn, DateTimeOffset? DueAt);

    public sealed record ProcessListItem(
        string Id,
        string Kind,
        string PartnershipId,
        string Status,
        string? Title,
        NextDeadlineView? NextDeadline,
        int OverdueCount,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt);

    public sealed record HistoryEntry(DateTimeOffset At, string Type, string Actor, string Detail);

    public sealed record CancelRequest(string? Reason);

    public sealed record CancelledView(string Id, string Kind, string PartnershipId, string Status);

    /// <summary>
    /// <c>GET /api/partnerships/{p}/processes?kind=&amp;status=&amp;overdue=true&amp;dueBefore=YYYY-MM-DD&amp;top=&amp;continuationToken=</c>.
    /// A JSON array; when there are more, the <c>x-continuation-token</c> header carries the token for the next page.
    /// </summary>
    public static async Task<Results<Ok<List<ProcessListItem>>, ValidationProblem, ProblemHttpResult>> ListProcesses(
        string partnershipId,
        string? kind,
        string? status,
        string? overdue,
        string? dueBefore,
        string? top,
        string? continuationToken,
        ProcessSearch search,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var found = await search.SearchAsync(partnershipId, new(kind, status, overdue, dueBefore, top, continuationToken), cancellationToken);
        if (found.Field is { } field)
        {
            return Problems.Invalid(field, found.Message!);
        }

        if (found.ContinuationToken is { } next)
        {
            response.Headers["x-continuation-token"] = next;
        }

        return TypedResults.Ok(found.Items.Select(ToListItem).ToList());
    }

    /// <summary><c>GET /api/partnerships/{p}/{kind-plural}/{id}/history</c>: the append-only audit log, oldest first.</summary>
    public static async Task<Results<Ok<List<HistoryEntry>>, ProblemHttpResult>> GetHistory(
        string partnershipId, string kindPlural, string id, ProcessGrains grains, ProcessIndex index, AuditLog auditLog, CancellationToken cancellationToken)
    {
        if (Unknown(partnershipId, kindPlural, id, grains) is { } unknown)
        {
            return unknown;
        }

        var kind = grains.KindOfPlural(kindPlural)!;
        var key = new ProcessKey(partnershipId, kind, id);
        if (await index.GetAsync(key, cancellationToken) is null)
        {
            return Problems.NotFound($"There is no {kind} '{id}' in partnership '{partnershipId}'.");
        }

        var records = await auditLog.ReadAsync(key, cancellationToken);
        return TypedResults.Ok(records.Select(r => new HistoryEntry(r.At, r.Type, r.Actor, r.Detail)).ToList());
    }

    /// <summary><c>POST /api/partnerships/{p}/{kind-plural}/{id}/cancel {reason}</c>: stops every pending action.</summary>
    public static async Task<Results<Ok<CancelledView>, ValidationProblem, ProblemHttpResult>> CancelProcess(
        string partnershipId, string kindPlural, string id, CancelRequest request, ProcessGrains grains, HttpContext context)
    {
        if (Unknown(partnershipId, kindPlural, id, grains) is { } unknown)
        {
            return unknown;
        }

        var kind = grains.KindOfPlural(kindPlural)!;
        var grain = grains.Find(new ProcessKey(partnershipId, kind, id))!;

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 1000)
        {
            return Problems.Invalid("reason", "Give a reason of up to 1000 characters.");
        }

        return await grain.CancelAsync(request.Reason.Trim(), RequestActor.Of(context)) switch
        {
            ChangeOutcome.Done => TypedResults.Ok(new CancelledView(id, kind, partnershipId, "cancelled")),
            ChangeOutcome.NotOpen => Problems.Conflict($"The {kind} '{id}' is no longer open."),
            _ => Problems.NotFound($"There is no {kind} '{id}' in partnership '{partnershipId}'."),
        };
    }

    /// <summary>
    /// The 404 for a kind that does not exist, or for an id against the kind's rule, checked before storage or a grain is
    /// touched; the kind's own routes answer such an id the same way (<see cref="PartnershipRoutes"/>). Null when both are fine.
    /// </summary>
    private static ProblemHttpResult? Unknown(string partnershipId, string kindPlural, string id, ProcessGrains grains) =>
        grains.OfPlural(kindPlural) is not { } kind ? Problems.NotFound($"There is no kind of process called '{kindPlural}'.")
        : kind.IdProblem?.Invoke(id) is not null ? PartnershipRoutes.NoSuchProcess(kind.Title.ToLowerInvariant(), partnershipId, id)
        : null;

    public static ProcessListItem ToListItem(ProcessIndexEntry e) => new(
        e.Id,
        e.Kind,
        e.PartnershipId,
        ApiNames.Status(e.Status),
        e.Title,
        e.NextDeadlineName is null ? null : new NextDeadlineView(e.NextDeadlineName, e.NextDeadlineDueOn, e.NextDeadlineDueAt),
        e.OverdueCount,
        e.CreatedAt,
        e.UpdatedAt);
}
