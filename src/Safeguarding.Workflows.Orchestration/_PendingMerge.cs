// TEMPORARY: stand-ins for types being written on the storage and email branches; deleted when they merge.
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Notifications.Email
{
    public sealed class EmailQueue
    {
        public Task EnqueueAsync(OutgoingEmail email, CancellationToken ct) => Task.CompletedTask;
        public Task<bool> WaitUntilIdleAsync(TimeSpan timeout) => Task.FromResult(true);
    }
}
