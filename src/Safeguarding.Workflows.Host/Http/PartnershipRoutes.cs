using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Host.Partnerships;

namespace Safeguarding.Workflows.Host.Http;

/// <summary>
/// The one rule for routes under <c>/api/partnerships/{partnershipId}</c>: an unknown partnership is a 404 before any
/// handler runs, and an <c>{id}</c> in the route must follow the kind's <see cref="UrlIdRule"/> (a <c>PUT</c> to the
/// process itself, which would create it with a bad id, is a 400 naming <c>id</c>; any other request for it is a 404,
/// since no such process can exist). The kind's commands check with the same rule, for the pages.
/// </summary>
public static class PartnershipRoutes
{
    /// <param name="path">The kind's part of the route, such as <c>/rapid-reviews</c>.</param>
    /// <param name="idRule">The rule for the kind's <c>{id}</c>; null when the group has no process ids (or several kinds').</param>
    public static RouteGroupBuilder MapPartnershipGroup(this IEndpointRouteBuilder app, string path, UrlIdRule? idRule)
    {
        var noun = path.Trim('/').Split('/')[0].TrimEnd('s').Replace('-', ' '); // "/rapid-reviews" → "rapid review"
        return app.MapGroup("/api/partnerships/{partnershipId}" + path).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var partnershipId = http.GetRouteValue("partnershipId") as string ?? "";
            if (http.RequestServices.GetRequiredService<PartnershipDirectory>().Find(partnershipId) is null)
            {
                return PartnershipsApi.UnknownPartnership(partnershipId);
            }

            if (idRule is not null && http.GetRouteValue("id") is string id && idRule.Problem(id) is { } problem)
            {
                return HttpMethods.IsPut(http.Request.Method) && IsTheProcess(http)
                    ? Problems.Invalid("id", problem)
                    : NoSuchProcess(noun, partnershipId, id);
            }

            return await next(context);
        });
    }

    /// <summary>The 404 for an id that breaks its kind's rule, where the request would not create the process: none can exist.</summary>
    /// <param name="noun">The kind in words, such as <c>rapid review</c>.</param>
    public static ProblemHttpResult NoSuchProcess(string noun, string partnershipId, string id) =>
        Problems.NotFound($"There is no {noun} '{id}' in partnership '{partnershipId}'.");

    /// <summary>Whether the route is the process itself (<c>.../{id}</c>), not one of its parts (<c>.../{id}/papers/{paperId}</c>).</summary>
    private static bool IsTheProcess(HttpContext http) =>
        http.Request.RouteValues.Keys.All(name => name is "partnershipId" or "id");
}
