using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Host.Calendar;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.DevClock;

/// <summary>
/// <c>GET/POST /api/dev/clock</c>: read and move the simulated clock. Mapped only when <c>Clock:Mode=Simulated</c>;
/// in any other mode the endpoints do not exist (404).
/// </summary>
public static class DevClockApi
{
    /// <summary>The clock goes no further than the statutory calendar counts (the end of its last year); past it dates overflow.</summary>
    public static readonly DateTimeOffset Latest = new(CalendarApi.MaxYear, 12, 31, 0, 0, 0, TimeSpan.Zero);

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
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                return Problems.Invalid("advanceBy", $"'{duration}' is not an ISO 8601 duration such as P3D or PT2H.");
            }

            if (by < TimeSpan.Zero)
            {
                return Problems.Invalid("advanceBy", "The simulated clock never moves backwards.");
            }

            if (by > Latest - now)
            {
                return Problems.Invalid("advanceBy", $"The simulated clock goes no further than {Latest:yyyy-MM-dd}.");
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

            if (target > Latest)
            {
                return Problems.Invalid("setTo", $"The simulated clock goes no further than {Latest:yyyy-MM-dd}.");
            }
        }

        return TypedResults.Ok(new ClockView(await advancer.AdvanceToAsync(target, cancellationToken)));
    }
}
