using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>One route and method of the running app, read from its <see cref="EndpointDataSource"/>.</summary>
public sealed record EndpointCase(RouteEndpoint Endpoint, string Method)
{
    public string Pattern => "/" + Endpoint.RoutePattern.RawText!.Trim('/');

    public bool IsAnonymous => Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    /// <summary>The partnership is in the route, or in the query parameter the endpoint declares (<see cref="PartnershipQuery"/>).</summary>
    public bool HasPartnership => Endpoint.RoutePattern.Parameters.Any(p => p.Name is "partnershipId" or "p") || PartnershipQuery is not null;

    public PartnershipQuery? PartnershipQuery => Endpoint.Metadata.GetMetadata<PartnershipQuery>();

    public ContributorLinkEndpoint? Contributor => Endpoint.Metadata.GetMetadata<ContributorLinkEndpoint>();

    public IAcceptsMetadata? Accepts => Endpoint.Metadata.GetMetadata<IAcceptsMetadata>();

    public bool AcceptsJson => Accepts?.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)) == true;

    public bool HasBody => Method is not ("GET" or "HEAD" or "DELETE" or "OPTIONS");

    /// <summary>What the service should require: the endpoint's own permission, else the operators' paths, else the method.</summary>
    public Permission Needed =>
        Endpoint.Metadata.GetMetadata<RequiredPermission>()?.Permission
        ?? (new[] { "/api/dev", "/ops" }.Any(p => Pattern.StartsWith(p, StringComparison.Ordinal))
            ? Permission.Operate
            : Method is "GET" or "HEAD" or "OPTIONS" ? Permission.Read : Permission.Write);

    /// <summary>The URL with the route values filled in: <paramref name="values"/> first, then plausible made-up ones.</summary>
    public string Url(string partnership, IReadOnlyDictionary<string, string>? values = null)
    {
        var url = new StringBuilder();
        foreach (var segment in Endpoint.RoutePattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                url.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Uri.EscapeDataString(ValueFor(parameter, partnership, values)),
                    _ => "",
                });
            }
        }

        if (url.Length == 0)
        {
            url.Append('/');
        }

        if (PartnershipQuery is { } query)
        {
            url.Append('?').Append(Uri.EscapeDataString(query.Name)).Append('=').Append(Uri.EscapeDataString(partnership));
        }

        return url.ToString();
    }

    public override string ToString() => $"{Method} {Pattern}";

    private string ValueFor(RoutePatternParameterPart parameter, string partnership, IReadOnlyDictionary<string, string>? values)
    {
        if (values is not null && values.TryGetValue(parameter.Name, out var given))
        {
            return given;
        }

        var policies = Endpoint.RoutePattern.ParameterPolicies.TryGetValue(parameter.Name, out var p)
            ? p.Select(x => x.Content ?? "").ToList()
            : [];
        return parameter.Name switch
        {
            "partnershipId" or "p" => partnership,
            "kindPlural" => "drills",
            "documentName" => "v1",
            "year" => "2025-26",
            _ when policies.Any(x => x.StartsWith("int", StringComparison.Ordinal) || x.StartsWith("long", StringComparison.Ordinal)) => "1",
            _ when policies.Any(x => x.StartsWith("guid", StringComparison.Ordinal)) => Guid.Empty.ToString(),
            _ when policies.Any(x => x.StartsWith("datetime", StringComparison.Ordinal)) => "2026-01-05",
            _ => "made-up-1",
        };
    }

    /// <summary>Every route endpoint and method of the app.</summary>
    public static IReadOnlyList<EndpointCase> Of(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new EndpointCase(e, m)))
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();
}
