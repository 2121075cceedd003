using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>The answer for one request.</summary>
public enum AccessOutcome
{
    Allowed,

    /// <summary>404: the caller has no role in the route's partnership, so may not learn what is in it.</summary>
    Hidden,

    /// <summary>403: the caller's roles there do not allow this.</summary>
    Forbidden,
}

/// <summary>
/// Runs after authentication and authorization for every endpoint that is not anonymous, including endpoints added
/// later by other features, which need do nothing: the partnership comes from the route value <c>partnershipId</c>
/// (or <c>p</c>, or a query parameter the endpoint names: <see cref="PartnershipQuery"/>), the permission from the HTTP method unless the endpoint says otherwise (<see cref="EndpointSecurity"/>).
/// A caller without a role in that partnership gets 404; one whose role does not allow the method gets 403.
/// Single-use contributor links are claimed here, and given back when the submission is refused.
/// </summary>
public sealed partial class PartnershipAccessMiddleware(RequestDelegate next, ConsumedLinks consumedLinks, WorkflowClock clock, ILogger<PartnershipAccessMiddleware> logger)
{
    /// <summary>
    /// Paths outside any partnership that only operators may use, whatever the method: the simulated clock and the
    /// Orleans dashboard (it shows every partnership's grains, whose ids carry case references).
    /// </summary>
    public static readonly IReadOnlyList<PathString> OperatorPaths = ["/api/dev", "/ops"];

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || context.User.Identity?.IsAuthenticated != true)
        {
            // No endpoint is a 404 anyway; anonymous endpoints are open; an anonymous caller was already challenged.
            await next(context);
            return;
        }

        var routeValues = context.Request.RouteValues;
        var partnershipId = PartnershipOf(endpoint, context.Request);
        var contributorEndpoint = endpoint.Metadata.GetMetadata<ContributorLinkEndpoint>();
        var permission = PermissionFor(endpoint, context.Request);
        var link = ContributorLinks.Of(context.User);
        var (outcome, reason) = link is not null
            ? DecideForLink(link, partnershipId, contributorEndpoint, routeValues)
            : Decide(context.User, partnershipId, permission, contributorEndpoint, routeValues);

        if (outcome == AccessOutcome.Hidden)
        {
            LogRefused(logger, "hidden", context.Request.Method);
            await SecurityProblems.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", $"There is no partnership '{partnershipId}'.");
            return;
        }

        if (outcome == AccessOutcome.Forbidden)
        {
            LogRefused(logger, "forbidden", context.Request.Method);
            await SecurityProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", reason);
            return;
        }

        if (link is null || contributorEndpoint is not { Purpose.SingleUse: true } || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        if (!await consumedLinks.TryConsumeAsync(link, clock.GetUtcNow(), context.RequestAborted))
        {
            await SecurityProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "This link has already been used. Ask the partnership's business unit for a new one.");
            return;
        }

        var succeeded = false;
        try
        {
            await next(context);
            succeeded = context.Response.StatusCode is >= 200 and < 300;
        }
        finally
        {
            if (!succeeded)
            {
                await consumedLinks.ReleaseAsync(link, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// The partnership a request is about: route value <c>partnershipId</c> or <c>p</c>, else the query parameter the
    /// endpoint names (<see cref="PartnershipQuery"/>), read as the handler binds it (several values joined by commas).
    /// </summary>
    public static string? PartnershipOf(Endpoint endpoint, HttpRequest request) =>
        PartnershipOf(request.RouteValues)
        ?? (endpoint.Metadata.GetMetadata<PartnershipQuery>() is { } query && request.Query[query.Name].ToString() is { Length: > 0 } value ? value : null);

    /// <summary>The partnership a route is about: route value <c>partnershipId</c>, or <c>p</c>.</summary>
    public static string? PartnershipOf(RouteValueDictionary routeValues) =>
        (routeValues.TryGetValue("partnershipId", out var id) || routeValues.TryGetValue("p", out id)) ? id as string : null;

    /// <summary>The endpoint's own permission; the operator paths; else read for GET/HEAD/OPTIONS, write for the rest.</summary>
    public static Permission PermissionFor(Endpoint endpoint, HttpRequest request)
    {
        if (endpoint.Metadata.GetMetadata<RequiredPermission>() is { } required)
        {
            return required.Permission;
        }

        if (OperatorPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return Permission.Operate;
        }

        return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            ? Permission.Read
            : Permission.Write;
    }

    /// <summary>Staff, API keys and local users: by their grants.</summary>
    public static (AccessOutcome Outcome, string Reason) Decide(
        ClaimsPrincipal user, string? partnershipId, Permission permission, ContributorLinkEndpoint? contributorEndpoint, RouteValueDictionary routeValues)
    {
        var grants = Grant.Of(user);
        if (partnershipId is null)
        {
            // Outside a partnership: the endpoint itself answers only what the caller's partnerships may see (the outbox).
            return grants.Any(g => g.Allows(permission))
                ? (AccessOutcome.Allowed, "")
                : (AccessOutcome.Forbidden, ForbiddenReason(permission));
        }

        var here = grants.Where(g => g.Covers(partnershipId)).ToList();
        if (here.Count == 0)
        {
            return (AccessOutcome.Hidden, "");
        }

        if (contributorEndpoint is not null
            && here.Any(g => g.Role == Roles.AgencyContributor)
            && ItemAllowed(user, routeValues[contributorEndpoint.ItemRouteValue] as string))
        {
            return (AccessOutcome.Allowed, "");
        }

        return here.Any(g => g.Allows(permission))
            ? (AccessOutcome.Allowed, "")
            : (AccessOutcome.Forbidden, ForbiddenReason(permission));
    }

    /// <summary>A contributor link opens only the endpoints marked for its purpose, for its own process and item.</summary>
    public static (AccessOutcome Outcome, string Reason) DecideForLink(
        ContributorLink link, string? partnershipId, ContributorLinkEndpoint? contributorEndpoint, RouteValueDictionary routeValues)
    {
        if (partnershipId is not null && partnershipId != link.Process.PartnershipId)
        {
            return (AccessOutcome.Hidden, "");
        }

        return contributorEndpoint is not null && contributorEndpoint.Matches(link, routeValues)
            ? (AccessOutcome.Allowed, "")
            : (AccessOutcome.Forbidden, "This link is for another form.");
    }

    // An agency-contributor API key limited to some items (Auth:ApiKeys:{name}:Items) may post only for those.
    private static bool ItemAllowed(ClaimsPrincipal user, string? item)
    {
        var items = user.FindAll(ApiKeyAuthenticationHandler.ItemsClaimType).Select(c => c.Value).ToList();
        return items.Count == 0 || (item is not null && items.Contains(item, StringComparer.Ordinal));
    }

    private static string ForbiddenReason(Permission permission) => permission switch
    {
        Permission.Read => "Your role does not allow reading this.",
        Permission.Write => "Your role does not allow changing this.",
        Permission.BusinessUnit => "Only the partnership's business unit may do this.",
        _ => "Only the service's operators may do this.",
    };

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "A {Method} request was refused ({Outcome})")]
    private static partial void LogRefused(ILogger logger, string outcome, string method);
}
