using Microsoft.AspNetCore.Mvc;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>The problem responses the security middleware writes itself (RFC 9457, like every other error).</summary>
internal static class SecurityProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string? field = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            // No writer accepted the request's Accept header: still answer with a problem document.
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }
    }
}
