using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Pages.Dashboard;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Notifications;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Notifications.Sending.Outbox;

namespace Safeguarding.Workflows.Host.Pages.Emails;

/// <summary>
/// <c>/partnerships/{p}/emails</c>, for the partnership's business unit: the emails its processes sent (with the Outbox
/// provider) and those that could not be delivered, newest first, optionally for one process (<c>?process=</c>).
/// The same lists as <c>GET /api/partnerships/{p}/emails</c> and <c>.../emails/failed</c>.
/// </summary>
public sealed class EmailsModel(PartnershipDirectory partnerships, Outbox outbox, FailedMessages failedMessages, ProcessSnapshots snapshots, IOptions<EmailOptions> email) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    /// <summary>The process the lists are filtered to, or null for every process.</summary>
    public string? Process { get; private set; }

    /// <summary>Sent emails are kept here only with the Outbox provider; other providers keep their own records.</summary>
    public bool KeepsSentEmails => email.Value.Provider == EmailProvider.Outbox;

    public EmailProvider Provider => email.Value.Provider;

    public IReadOnlyList<OutboxEntry> Sent { get; private set; } = [];

    public IReadOnlyList<FailedMessage> Failed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string p, string? process, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        Process = string.IsNullOrWhiteSpace(process) ? null : process.Trim();
        var only = new HashSet<string>(StringComparer.Ordinal) { p };
        if (KeepsSentEmails)
        {
            Sent = [.. (await outbox.ListAsync(new OutboxQuery(ProcessId: Process, Partnerships: only), cancellationToken)).Reverse()];
        }

        Failed = [.. (await failedMessages.ListAsync(cancellationToken))
            .Where(f => f.PartnershipId == p && (Process is null || f.ProcessId == Process || f.ProcessKey == Process))
            .OrderByDescending(f => f.FailedAt)];
        return Page();
    }

    /// <summary>The process's page, and how to call it ("Rapid review rr-1").</summary>
    public (string Href, string Text) ProcessOf(string processKey)
    {
        var parts = processKey.Split('/', 3);
        return parts.Length == 3
            ? ($"/partnerships/{Uri.EscapeDataString(parts[0])}/{snapshots.PluralOf(parts[1])}/{Uri.EscapeDataString(parts[2])}", $"{Show.KindTitle(parts[1])} {parts[2]}")
            : ("", processKey);
    }

    public string EmailLink(string id) => $"/partnerships/{Partnership.Id}/emails/{string.Join('/', id.Split('/').Select(Uri.EscapeDataString))}";
}
