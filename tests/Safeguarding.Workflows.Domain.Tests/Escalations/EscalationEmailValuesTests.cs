using System.Text.Json;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.Escalations.EscalationFixtures;

namespace Safeguarding.Workflows.Domain.Tests.Escalations;

/// <summary>
/// Templates render strictly (a value the message does not supply fails delivery), so every email the rules emit
/// must carry every value its template's sample has.
/// </summary>
public sealed class EscalationEmailValuesTests
{
    private static readonly string Templates = RepositoryFiles.Find("src/Safeguarding.Workflows.Notifications/Templates");

    [Fact]
    public void Every_email_carries_every_value_its_template_uses()
    {
        var emails = AllKindsOfEmail();
        var templates = emails.Select(e => e.Template).Distinct().ToList();

        // Every escalation template is exercised, and every one exists with its four files.
        var shipped = Directory.GetFiles(Path.Combine(Templates, "escalations"), "*.sample.json").Select(f => "escalations/" + Path.GetFileName(f)[..^".sample.json".Length]);
        Assert.Equal(shipped.Order(), templates.Where(t => t.StartsWith("escalations/", StringComparison.Ordinal)).Order());
        foreach (var email in emails)
        {
            var sample = Path.Combine(Templates, email.Template + ".sample.json");
            if (!File.Exists(sample))
            {
                continue; // a shared template from the email feature (common/...), checked where it lives
            }

            var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(sample))!.Keys;
            Assert.All(keys, key => Assert.True(email.Values.ContainsKey(key), $"{email.Template} ({email.Id}) lacks '{key}'"));
            Assert.All(["subject", "html", "txt"], part => Assert.True(File.Exists(Path.Combine(Templates, $"{email.Template}.{part}.liquid")), $"{email.Template}.{part}.liquid"));
        }
    }

    private static List<OutgoingEmail> AllKindsOfEmail()
    {
        var emails = new List<OutgoingEmail>();
        var monday = D("2026-01-05");

        // Unanswered to the formal notice, then a notice with one requirement met and one chased to the referral prompt.
        var unanswered = new EscalationRun(Raise(monday)).Until(NineOn(D("2026-02-16")))
            .Do(e => e.ServeFormalNotice(Notice(("r1", D("2026-03-02")), ("r2", D("2026-03-16"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-16"))))
            .Do(e => e.Handle(new EscalationEvent("requirement-met", D("2026-02-17"), RequirementId: "r2"), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-17"))))
            .Until(NineOn(D("2026-04-30")));
        emails.AddRange(unanswered.Emails);

        // Immediate risk, escalated by hand, then resolved.
        emails.AddRange(new EscalationRun(Raise(monday, immediateRisk: true))
            .Do(e => e.Handle(new EscalationEvent("escalated", monday), Holidays, EscalationPolicy.Default, "x", NoonOn(monday)))
            .Do(e => e.Handle(new EscalationEvent("resolved", monday, Outcome: "Agreed"), Holidays, EscalationPolicy.Default, "x", NoonOn(monday)))
            .Emails);

        // A notice served late (after the business manager's reminder) and complied with, and a cancelled escalation.
        var complied = new EscalationRun(Raise(monday)).Until(NoonOn(D("2026-02-19")))
            .Do(e => e.ServeFormalNotice(Notice(("r1", D("2026-03-02"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-19"))))
            .Do(e => e.Handle(new EscalationEvent("requirement-met", D("2026-02-20"), RequirementId: "r1"), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-20"))));
        emails.AddRange(complied.Emails);
        emails.AddRange(Raise(monday).State.Cancel("Raised in error", "bm", NoonOn(monday)).Emails);
        return emails;
    }
}
