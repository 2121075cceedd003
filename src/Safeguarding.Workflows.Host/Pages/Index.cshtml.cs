using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages;

/// <summary><c>/</c>: the partnerships the signed-in user has a role in.</summary>
public sealed class IndexModel(PartnershipDirectory partnerships) : PageModel
{
    public IReadOnlyList<PartnershipArrangements> Partnerships { get; private set; } = [];

    public void OnGet() => Partnerships = partnerships.All.Where(p => PageAccess.CanSee(User, p.Id)).ToList();
}
