using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Partnerships;

/// <summary><c>GET /api/partnerships</c> and <c>GET /api/partnerships/{partnershipId}</c>: the loaded arrangements.</summary>
public static class PartnershipsApi
{
    public static RouteGroupBuilder MapPartnershipsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/partnerships").WithTags("Partnerships");
        group.MapGet("/", GetPartnerships).WithName("GetPartnerships");
        group.MapGet("/{partnershipId}", GetPartnership).WithName("GetPartnership");
        return group;
    }

    /// <summary>Only the partnerships the caller has a role in.</summary>
    public static Ok<IReadOnlyList<PartnershipArrangements>> GetPartnerships(PartnershipDirectory partnerships, ClaimsPrincipal user) =>
        TypedResults.Ok<IReadOnlyList<PartnershipArrangements>>(partnerships.All.Where(p => Grant.CanSee(user, p.Id)).ToList());

    public static Results<Ok<PartnershipArrangements>, ProblemHttpResult> GetPartnership(string partnershipId, PartnershipDirectory partnerships) =>
        partnerships.Find(partnershipId) is { } found ? TypedResults.Ok(found) : UnknownPartnership(partnershipId);

    /// <summary>The 404 problem for a partnership id that is not configured; other features answer the same way.</summary>
    public static ProblemHttpResult UnknownPartnership(string partnershipId) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown partnership",
            detail: $"No partnership has the id '{partnershipId}'.");
}
