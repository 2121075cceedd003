using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Pages.Dashboard;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Notifications.Sending.Outbox;

namespace Safeguarding.Workflows.Host.Pages.Emails;

/// <summary><c>/partnerships/{p}/emails/{id}</c>: one email as it was sent (Outbox provider), for the business unit.</summary>
public sealed class EmailModel(PartnershipDirectory partnerships, Outbox outbox, ProcessSnapshots snapshots) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    public OutboxEntry Email { get; private set; } = null!;

    public (string Href, string Text) Process { get; private set; }

    public async Task<IActionResult> OnGetAsync(string p, string id, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        // Another partnership's email is answered as if it did not exist.
        if (await outbox.FindAsync(id, cancellationToken) is not { } email || email.PartnershipId != p)
        {
            return PageResults.NotFound("There is no such email.");
        }

        Partnership = partnership;
        Email = email;
        var parts = email.ProcessKey.Split('/', 3);
        Process = parts.Length == 3 ? ($"/partnerships/{p}/{snapshots.PluralOf(parts[1])}/{Uri.EscapeDataString(parts[2])}", $"{Show.KindTitle(parts[1])} {parts[2]}") : ("", email.ProcessKey);
        return Page();
    }
}
