using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Drills;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Processes;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.Drills;

namespace Safeguarding.Workflows.Host.Drills;

/// <summary>
/// <c>PUT/GET /api/partnerships/{p}/drills/{id}</c>: drills for operators, benchmarks and fault tests (see
/// <see cref="DrillProcess"/>). Off unless <c>Diagnostics:EnableDrills=true</c>; then the routes do not exist.
/// </summary>
public static partial class DrillsApi
{
    public const string EnableSetting = "Diagnostics:EnableDrills";

    public static WebApplicationBuilder AddDrills(this WebApplicationBuilder builder)
    {
        // Registered even when drills are off (their routes are not mapped then), so every process grain has its kind.
        builder.Services.AddProcessKind<IDrillGrain>(DrillProcess.Kind, DrillProcess.Plural, "Drill");
        return builder;
    }

    public static IEndpointRouteBuilder MapDrillsApi(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>(EnableSetting))
        {
            return app;
        }

        var group = app.MapPartnershipGroup("/drills", idRule: null).WithTags("Drills");
        group.MapPut("/{id}", StartDrill);
        group.MapGet("/{id}", GetDrill);
        return app;
    }

    public sealed record DrillStepRequest(string? Name, DateTimeOffset? DueAt);

    public sealed record StartDrillRequest(List<DrillStepRequest>? Steps, List<DrillStepRequest>? Deadlines);

    public sealed record DrillStepView(string Name, DateTimeOffset DueAt, DateTimeOffset? DoneAt);

    public sealed record DrillView(
        string Id,
        string Kind,
        string PartnershipId,
        string Status,
        List<DrillStepView> Steps,
        List<ProcessViews.DeadlineView> Deadlines,
        List<ProcessViews.TimelineView> Timeline);

    public static async Task<Results<Created<DrillView>, Ok<DrillView>, ValidationProblem, ProblemHttpResult>> StartDrill(
        string partnershipId, string id, StartDrillRequest request, IGrainFactory grains, HttpContext context)
    {
        if (!SafeId().IsMatch(id))
        {
            return Problems.Invalid("id", "Use 1 to 60 lower-case letters, digits and hyphens.");
        }

        var steps = request.Steps ?? [];
        var deadlines = request.Deadlines ?? [];
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Name is not { } name || !SafeId().IsMatch(name) || steps[i].DueAt is null)
            {
                return Problems.Invalid($"steps[{i}]", "Each step needs a name (lower-case letters, digits, hyphens) and a dueAt instant.");
            }
        }

        for (var i = 0; i < deadlines.Count; i++)
        {
            if (deadlines[i].Name is not { } name || !SafeId().IsMatch(name) || deadlines[i].DueAt is null)
            {
                return Problems.Invalid($"deadlines[{i}]", "Each deadline needs a name (lower-case letters, digits, hyphens) and a dueAt instant.");
            }
        }

        if (steps.Count > 100 || deadlines.Count > 100)
        {
            return Problems.Invalid("steps", "At most 100 steps and 100 deadlines.");
        }

        var key = new ProcessKey(partnershipId, DrillProcess.Kind, id);
        var grain = grains.GetGrain<IDrillGrain>(key.ToString());
        var started = await grain.StartAsync(
            steps.Select(s => new DrillStep(s.Name!, s.DueAt!.Value)).ToList(),
            deadlines.Select(d => new Deadline(d.Name!, LondonTime.LocalDate(d.DueAt!.Value), d.DueAt!.Value)).ToList(),
            RequestActor.Of(context));
        var view = ToView((await grain.GetAsync())!);
        return started ? TypedResults.Created($"/api/partnerships/{partnershipId}/drills/{id}", view) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<DrillView>, ProblemHttpResult>> GetDrill(string partnershipId, string id, IGrainFactory grains) =>
        await grains.GetGrain<IDrillGrain>(new ProcessKey(partnershipId, DrillProcess.Kind, id).ToString()).GetAsync() is { } drill
            ? TypedResults.Ok(ToView(drill))
            : Problems.NotFound($"There is no drill '{id}' in partnership '{partnershipId}'.");

    private static DrillView ToView(DrillProcess drill) => new(
        drill.Key.Id,
        drill.Key.Kind,
        drill.Key.PartnershipId,
        ProcessViews.Status(drill),
        drill.Steps.Select(s => new DrillStepView(s.Name, s.DueAt, s.DoneAt)).ToList(),
        ProcessViews.Deadlines(drill),
        ProcessViews.Timeline(drill));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,59}$")]
    private static partial Regex SafeId();
}
