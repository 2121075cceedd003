using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Host.Partnerships;

namespace Safeguarding.Workflows.Host.Http;

/// <summary>
/// The one rule for routes under <c>/api/partnerships/{partnershipId}</c>: an unknown partnership is a 404 before any
/// handler runs, and an <c>{id}</c> in the route must follow <see cref="UrlId"/> (a <c>PUT</c> that would create a
/// process with a bad id is a 400 naming <c>id</c>; any other request for it is a 404, since no such process can exist).
/// </summary>
public static class PartnershipRoutes
{
    /// <param name="path">The kind's part of the route, such as <c>/rapid-reviews</c>.</param>
    /// <param name="maxIdLength">The longest <c>{id}</c> the kind allows; null when the group's ids follow other rules.</param>
    public static RouteGroupBuilder MapPartnershipGroup(this IEndpointRouteBuilder app, string path, int? maxIdLength = UrlId.DefaultMaxLength)
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

            if (maxIdLength is { } max && http.GetRouteValue("id") is string id && UrlId.Problem(id, max) is { } problem)
            {
                return HttpMethods.IsPut(http.Request.Method)
                    ? Problems.Invalid("id", problem)
                    : Problems.NotFound($"There is no {noun} '{id}' in partnership '{partnershipId}'.");
            }

            return await next(context);
        });
    }
}
