using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Orchestration.Clock;

/// <summary>
/// Moves the simulated clock forward as if the time had really passed: it steps from one due wake to the next, waking
/// each process at its own instant (so its emails and timeline carry the right time), lets the email queue drain, and
/// only then moves on. Returns when everything due up to the target has been carried out.
/// </summary>
public sealed class ClockAdvancer(WorkflowClock clock, ProcessStore store, ProcessGrains grains, EmailQueue emails)
{
    // Generous: on a busy machine delivery can lag, and moving on early would stamp emails with a later simulated time.
    private static readonly TimeSpan EmailDrainTimeout = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    public async Task<DateTimeOffset> AdvanceToAsync(DateTimeOffset target, CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (target < clock.GetUtcNow())
            {
                throw new ArgumentOutOfRangeException(nameof(target), "The simulated clock never moves backwards.");
            }

            // Emails from commands made before this call go out at the time they were decided, not after the move.
            await emails.WaitUntilIdleAsync(EmailDrainTimeout);

            // Each (process, instant) is woken once: a process whose rules keep asking for the same instant cannot stall the clock.
            var woken = new HashSet<(ProcessKey, DateTimeOffset)>();
            while (true)
            {
                var due = new PriorityQueue<ProcessKey, DateTimeOffset>();
                await foreach (var wake in store.DueWakesAnywhereAsync(target, cancellationToken))
                {
                    if (!woken.Contains((wake.Process, wake.At)))
                    {
                        due.Enqueue(wake.Process, wake.At);
                    }
                }

                if (due.Count == 0)
                {
                    break;
                }

                while (due.TryDequeue(out var key, out var at))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!woken.Add((key, at)) || grains.Find(key) is not { } grain)
                    {
                        continue;
                    }

                    if (at > clock.GetUtcNow())
                    {
                        clock.MoveTo(at);
                    }

                    var next = await grain.WakeAsync();
                    await emails.WaitUntilIdleAsync(EmailDrainTimeout);
                    if (next is { } nextAt && nextAt <= target && !woken.Contains((key, nextAt)))
                    {
                        due.Enqueue(key, nextAt);
                    }
                }
            }

            clock.MoveTo(target);
            return target;
        }
        finally
        {
            oneAtATime.Release();
        }
    }
}
