using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Host.Tests.Email;

/// <summary>Emails as a process hands them over, for tests that fill a partnership's outbox.</summary>
public static class TestEmails
{
    /// <summary>
    /// An email with id <c>{partnership}/{kind}/{process}/{name}</c> (its process and partnership read from the id) to
    /// <c>lead@{partnership}.example</c>. The template <c>meetings/not-yet-written</c> does not exist: delivery fails and
    /// the email is kept as failed.
    /// </summary>
    public static OutgoingEmail Outgoing(string id, string template, string reference, string link = "/forms/x")
    {
        var partnership = id.Split('/')[0];
        return new(
            id,
            partnership,
            string.Join('/', id.Split('/').Take(3)),
            template,
            [new EmailRecipient("Safeguarding Lead", $"lead@{partnership}.example")],
            new Dictionary<string, string>
            {
                ["partnershipName"] = partnership,
                ["reference"] = reference,
                ["note"] = "Please check the form.",
                ["link"] = link,
            },
            new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    }
}
