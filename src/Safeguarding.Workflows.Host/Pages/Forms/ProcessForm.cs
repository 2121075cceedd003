using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Forms;

/// <summary>
/// A form about one process: finds the partnership and the process with the kind's commands (as the API's GET does)
/// or answers "Page not found".
/// </summary>
/// <param name="get">The kind's <c>GetAsync(partnershipId, id)</c> command.</param>
public abstract class ProcessForm<T>(PartnershipDirectory partnerships, Func<string, string, Task<Reply<T>>> get) : FormPage where T : class
{
    protected T Process { get; private set; } = null!;

    /// <summary>Finds the partnership and the process; the "Page not found" result when either is missing.</summary>
    protected async Task<IActionResult?> FindAsync(string p, string id)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var found = await get(p, id);
        if (found.Process is not { } process)
        {
            return PageResults.NotFound(found.Message ?? "There is nothing here.");
        }

        Partnership = partnership;
        Process = process;
        return null;
    }
}
