using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Reviews;

namespace Safeguarding.Workflows.Orchestration;

/// <summary>What review grains share.</summary>
internal static class ReviewContexts
{
    /// <summary>The partnership's arrangements and calendar for a command, or null when the partnership is not configured (any more).</summary>
    public static ReviewContext? For(PartnershipDirectory partnerships, string partnershipId) =>
        partnerships.Find(partnershipId) is { } arrangements ? new ReviewContext(arrangements, partnerships.CalendarFor(partnershipId)) : null;
}
