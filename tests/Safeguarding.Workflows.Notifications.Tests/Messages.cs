using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Notifications.Tests;

/// <summary>Realistic messages built the way processes build them: references, dates and relative links only.</summary>
public static class Messages
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static OutgoingEmail Notice(string id = "solihull/rapid-review/rr-1/test-notice", string to = "lead@agency.example", IReadOnlyDictionary<string, string>? values = null, CalendarInvite? invite = null) => new(
        id,
        "solihull",
        "solihull/rapid-review/rr-1",
        "test/notice",
        [new EmailRecipient("Safeguarding Lead", to)],
        values ?? new Dictionary<string, string>
        {
            ["partnershipName"] = "Solihull Safeguarding Children Partnership",
            ["reference"] = "RR-2026-014",
            ["note"] = "Please check the agency summary form.",
            ["link"] = "/forms/solihull/rapid-reviews/rr-1",
        },
        CreatedAt,
        invite);

    public static CalendarInvite Invite(int sequence = 0, InviteMethod method = InviteMethod.Request) => new(
        "solihull/meeting/m-2026-12-board",
        sequence,
        method,
        "Partnership board",
        new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero),
        "Council House, Solihull");
}
