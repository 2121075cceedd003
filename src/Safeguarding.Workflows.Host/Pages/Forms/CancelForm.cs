using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Forms;

/// <summary>How a kind words its cancelling: "close" and "closed" a rapid review, "cancel" and "cancelled" a meeting.</summary>
public sealed record CancelWords(string Noun, string Verb, string Done);

/// <summary>
/// Cancelling a process from its page: the reason, then "check your answers" (it cannot be undone), then the kind's
/// cancel command and Post/Redirect/Get back to the process with its banner. Each kind's page keeps its own wording
/// and handlers; the steps and the reason's rules are here once.
/// </summary>
/// <param name="cancel">The kind's <c>CancelAsync(partnershipId, id, reason, actor)</c> command.</param>
public abstract class CancelForm<T>(
    PartnershipDirectory partnerships, Func<string, string, Task<Reply<T>>> get, Func<string, string, string?, string, Task<Reply<T>>> cancel, CancelWords words)
    : ProcessForm<T>(partnerships, get) where T : class
{
    public const int MaxReason = 1000;

    /// <summary>Showing the answers to check, rather than the question.</summary>
    public bool Checking { get; private set; }

    /// <summary>Where to land after cancelling: the process's page with its banner's query.</summary>
    protected abstract string CancelledLink(string p, string id);

    /// <summary>Whether the process may be cancelled now; the question is "Page not found" otherwise, as its page offers no link.</summary>
    protected virtual string? NotCancellable(T process) => null;

    /// <summary>The question; with <paramref name="reason"/> (from "Change" on the check page) filled in.</summary>
    protected async Task<IActionResult> AskAsync(string p, string id, string? reason)
    {
        if (await FindCancellableAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        Form.Set("reason", reason?.Trim() ?? "");
        return Page();
    }

    /// <summary>The reason given: check it (or say what is wrong), then ask for confirmation.</summary>
    protected async Task<IActionResult> CheckAsync(string p, string id)
    {
        if (await FindCancellableAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        if (!ReasonIsGood())
        {
            return Invalid();
        }

        Checking = true;
        return Page();
    }

    /// <summary>Confirmed: cancelled.</summary>
    protected async Task<IActionResult> ConfirmAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        if (!ReasonIsGood())
        {
            return Invalid();
        }

        var reply = await cancel(p, id, Form.Value("reason"), RequestActor.Of(HttpContext));
        if (reply.Outcome == DecisionOutcome.NotFound)
        {
            return PageResults.NotFound(reply.Message ?? $"There is no such {words.Noun}.");
        }

        if (!reply.Succeeded)
        {
            Form.Fail("reason", reply.Outcome == DecisionOutcome.NotOpen
                ? $"This {words.Noun} is no longer open, so it cannot be {words.Done}"
                : reply.Message ?? $"The {words.Noun} could not be {words.Done}");
            return Invalid();
        }

        return Redirect(CancelledLink(p, id));
    }

    private async Task<IActionResult?> FindCancellableAsync(string p, string id) =>
        await FindAsync(p, id) ?? (NotCancellable(Process) is { } why ? PageResults.NotFound(why) : null);

    private bool ReasonIsGood()
    {
        var reason = Form.Value("reason");
        if (reason.Length == 0)
        {
            Form.Fail("reason", $"Enter why the {words.Noun} is {words.Done}");
        }
        else if (reason.Length > MaxReason)
        {
            Form.Fail("reason", $"The reason must be {MaxReason} characters or fewer");
        }
        else if (reason.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
        {
            Form.Fail("reason", ForbiddenText);
        }

        return !Form.HasErrors;
    }
}
