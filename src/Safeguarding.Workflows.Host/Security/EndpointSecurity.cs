using Microsoft.AspNetCore.Http.Metadata;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>An endpoint's own permission, instead of the default by HTTP method (GET/HEAD/OPTIONS read, others write).</summary>
public sealed record RequiredPermission(Permission Permission);

/// <summary>
/// Marks an endpoint that an external contributor may call with a link for <see cref="Purpose"/>: the link's
/// partnership, process (<see cref="Kind"/> and the route value <see cref="IdRouteValue"/>) and item (the route value
/// <see cref="ItemRouteValue"/>) must be this request's. Staff who may write in the partnership, and
/// <c>agency-contributor</c> API keys of the partnership, may call it too.
/// </summary>
public sealed record ContributorLinkEndpoint(LinkPurpose Purpose, string Kind, string ItemRouteValue, string IdRouteValue = "id")
{
    public bool Matches(ContributorLink link, RouteValueDictionary routeValues) =>
        link.Purpose == Purpose.Name
        && link.Process.Kind == Kind
        && link.Process.PartnershipId == PartnershipAccessMiddleware.PartnershipOf(routeValues)
        && link.Process.Id == routeValues[IdRouteValue] as string
        && link.ItemId == routeValues[ItemRouteValue] as string;
}

/// <summary>
/// A link-authorised endpoint whose links in emails go out unsigned (<see cref="ContributorEmailLinks"/>): a download
/// its contributor may open with their own link, but whose emailed links reach staff, who sign in.
/// </summary>
public sealed record UnsignedInEmails;

/// <summary>
/// The endpoint is about the partnership named by the query parameter <see cref="Name"/> when no route value names one
/// (e.g. <c>GET /api/calendar/working-days?partnership=solihull</c>): it is guarded like a partnership route, so a
/// caller without a role there gets 404. Without the parameter the endpoint is not about any one partnership.
/// </summary>
public sealed record PartnershipQuery(string Name);

/// <summary>A request body limit other than the default 1 MiB (null: none); honoured by Kestrel and by our own check.</summary>
public sealed record RequestBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

/// <summary>
/// The exceptions to the global rules, declared where an endpoint is mapped. Everything else needs a signed-in
/// caller, with a role in the route's partnership, allowed to read (GET/HEAD) or write (other methods).
/// Anonymous endpoints use ASP.NET's own <c>.AllowAnonymous()</c>.
/// </summary>
public static class EndpointSecurity
{
    /// <summary>The authorization policy of link-authorised endpoints (any authenticated caller; the middleware matches the link).</summary>
    public const string ContributorLinkPolicy = "ContributorLink";

    /// <summary>
    /// Lets a contributor link for <paramref name="purpose"/> open this endpoint for its one item, e.g.
    /// <c>group.MapPost("/{id}/agency-summaries/{agency}", Submit).RequireContributorLink(AgencySummary, "rapid-review", itemRouteValue: "agency")</c>.
    /// </summary>
    public static TBuilder RequireContributorLink<TBuilder>(this TBuilder builder, LinkPurpose purpose, string kind, string itemRouteValue, string idRouteValue = "id")
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ContributorLinkEndpoint(purpose, kind, itemRouteValue, idRouteValue)).RequireAuthorization(ContributorLinkPolicy);

    /// <summary>Guards the endpoint by the partnership its query parameter <paramref name="name"/> names, like a partnership route.</summary>
    public static TBuilder RequirePartnershipFromQuery<TBuilder>(this TBuilder builder, string name)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PartnershipQuery(name));

    /// <summary>Overrides the permission the HTTP method implies (e.g. a POST that only searches: <see cref="Permission.Read"/>).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredPermission(permission));

    /// <summary>Only the business unit (of any partnership) may call this endpoint, whatever the method.</summary>
    public static TBuilder RequireBusinessUnit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequirePermission(Permission.BusinessUnit);

    /// <summary>Raises (or with null removes) the 1 MiB request body limit for an endpoint that takes files.</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long? maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(maxBytes));
}
