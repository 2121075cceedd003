using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.DevClock;

/// <summary>
/// <c>GET/POST /api/dev/clock</c>: read and move the simulated clock. Mapped only when <c>Clock:Mode=Simulated</c>;
/// in any other mode the endpoints do not exist (404).
/// </summary>
public static class DevClockApi
{
    public static IEndpointRouteBuilder MapDevClockApi(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<WorkflowClock>().IsSimulated)
        {
            return app;
        }

        var group = app.MapGroup("/api/dev/clock").WithTags("Simulated clock");
        group.MapGet("/", GetClock);
        group.MapPost("/", MoveClock);
        return app;
    }

    public sealed record ClockView(DateTimeOffset Now);

    /// <summary>Exactly one of <see cref="AdvanceBy"/> (an ISO 8601 duration such as <c>P3D</c> or <c>PT2H</c>) and <see cref="SetTo"/>.</summary>
    public sealed record MoveClockRequest(string? AdvanceBy, DateTimeOffset? SetTo);

    public static Ok<ClockView> GetClock(WorkflowClock clock) => TypedResults.Ok(new ClockView(clock.GetUtcNow()));

    public static async Task<Results<Ok<ClockView>, ValidationProblem>> MoveClock(MoveClockRequest request, WorkflowClock clock, ClockAdvancer advancer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset target;
        if ((request.AdvanceBy is null) == (request.SetTo is null))
        {
            return Problems.Invalid("advanceBy", "Give exactly one of advanceBy (an ISO 8601 duration such as P3D) or setTo (an instant).");
        }

        if (request.AdvanceBy is { } duration)
        {
            TimeSpan by;
            try
            {
                by = XmlConvert.ToTimeSpan(duration);
            }
            catch (FormatException)
            {
                return Problems.Invalid("advanceBy", $"'{duration}' is not an ISO 8601 duration such as P3D or PT2H.");
            }

            if (by < TimeSpan.Zero)
            {
                return Problems.Invalid("advanceBy", "The simulated clock never moves backwards.");
            }

            target = now + by;
        }
        else
        {
            target = request.SetTo!.Value;
            if (target < now)
            {
                return Problems.Invalid("setTo", $"The simulated clock never moves backwards (it is {now:O}).");
            }
        }

        return TypedResults.Ok(new ClockView(await advancer.AdvanceToAsync(target, cancellationToken)));
    }
}
