using System.Security.Claims;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Pages.Shared;

/// <summary>
/// What the pages show to whom. The security middleware already guards every route by its partnership and method;
/// lists and parts of pages are filtered here with the same grants.
/// </summary>
public static class PageAccess
{
    /// <summary>The user holds a role in the partnership.</summary>
    public static bool CanSee(ClaimsPrincipal user, string partnershipId) => Grant.CanSee(user, partnershipId);

    /// <summary>The user may run the service for the partnership (see its emails and failed emails).</summary>
    public static bool IsBusinessUnit(ClaimsPrincipal user, string partnershipId) => Grant.Allows(user, partnershipId, Permission.BusinessUnit);
}
