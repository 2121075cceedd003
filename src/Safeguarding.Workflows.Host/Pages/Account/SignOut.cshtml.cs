using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Pages.Account;

/// <summary>
/// <c>/sign-out</c>: ends the page session and the Entra ID sign-in, then lands on <c>/signed-out</c>. A POST (with the
/// page's antiforgery token), so no other site can sign anyone out. Open to anyone: signing out needs no role.
/// </summary>
[AllowAnonymous]
public sealed class SignOutModel(IAuthenticationSchemeProvider schemes) : PageModel
{
    public bool SignedIn => User.Identity?.IsAuthenticated == true && ContributorLinks.Of(User) is null;

    public string Name => User.Identity?.Name ?? "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await schemes.GetSchemeAsync(PageSignIn.OpenIdConnectScheme) is null)
        {
            // No page sign-in here (local development, bearer tokens only): there is no session to end.
            return LocalRedirect(PageSignIn.SignedOutPath);
        }

        return SignOut(new AuthenticationProperties { RedirectUri = PageSignIn.SignedOutPath }, PageSignIn.CookieScheme, PageSignIn.OpenIdConnectScheme);
    }
}
