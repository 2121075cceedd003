using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>
/// Staff sign in with Microsoft Entra ID; the service accepts the v2.0 access tokens issued for its app registration.
/// Roles and partnerships come from the token's app roles (<c>roles</c>: values like
/// <c>business-unit:staffordshire</c>, or <c>read-only:*</c> for every partnership) and from its security groups
/// (<c>groups</c>, mapped to grants by <c>Auth:EntraId:Groups:{objectId}</c>). The actor is the user's
/// <c>preferred_username</c>, or <c>app:{azp}</c> for an application signing in as itself.
/// </summary>
public static class EntraIdAuthentication
{
    public const string RolesClaim = "roles";
    public const string GroupsClaim = "groups";
    public const string NameClaim = "preferred_username";

    public static void Configure(JwtBearerOptions options, EntraIdOptions entra)
    {
        options.Authority = entra.EffectiveAuthority;
        options.Audience = entra.Audience;
        // Keep Entra's own claim names (roles, groups, preferred_username) instead of the old WS-* URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = NameClaim;
        options.TokenValidationParameters.RoleClaimType = RolesClaim;
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is ClaimsIdentity identity)
                {
                    AddGrants(identity, entra);
                }

                return Task.CompletedTask;
            },
        };
    }

    /// <summary>Adds the <see cref="Grant"/> claims the token's roles and groups give, and a name when it has none.</summary>
    public static void AddGrants(ClaimsIdentity identity, EntraIdOptions entra)
    {
        var grants = new HashSet<Grant>();
        foreach (var role in identity.FindAll(RolesClaim))
        {
            if (Grant.TryParse(role.Value, out var grant))
            {
                grants.Add(grant);
            }
        }

        foreach (var group in identity.FindAll(GroupsClaim))
        {
            if (entra.Groups.TryGetValue(group.Value, out var mapped) && Grant.ParseList(mapped) is { } groupGrants)
            {
                grants.UnionWith(groupGrants);
            }
        }

        foreach (var grant in grants)
        {
            identity.AddClaim(new Claim(Grant.ClaimType, grant.ToString()));
        }

        if (identity.FindFirst(NameClaim) is null)
        {
            var app = identity.FindFirst("azp") ?? identity.FindFirst("appid") ?? identity.FindFirst("oid") ?? identity.FindFirst("sub");
            identity.AddClaim(new Claim(NameClaim, $"app:{app?.Value ?? "unknown"}"));
        }
    }
}
