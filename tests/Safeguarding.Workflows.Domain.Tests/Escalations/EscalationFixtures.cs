using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Tests.Escalations;

/// <summary>A small partnership written out in full, so each test shows who should be told.</summary>
internal static class EscalationFixtures
{
    public static readonly StatutoryCalendar Holidays = StatutoryCalendar.EnglandAndWales;

    public static readonly ProcessKey Key = new("testshire", ProcessKinds.Escalation, "esc-1");

    public static readonly Party Social = new("Testshire County Council", "Sam Social Worker", "sam@council.example.org");

    public static readonly Party Officer = new("Testshire Police", "Pat Police Officer", "pat@police.example.org");

    public static readonly Party School = new("Oakfield Primary School", "Jo Teacher", "jo@school.example.org");

    public static PartnershipArrangements Arrangements(IReadOnlyList<EscalationStage>? stages = null, bool scrutineer = true) => new()
    {
        Id = "testshire",
        Name = "Testshire Safeguarding Children Partnership",
        SafeguardingPartners =
        [
            Partner("Testshire County Council", PartnerKind.LocalAuthority, "dcs@council.example.org"),
            Partner("Testshire Police", PartnerKind.Police, "acc@police.example.org"),
            Partner("Testshire ICB", PartnerKind.Icb, "nurse@icb.example.org"),
        ],
        Members =
        [
            Member("Testshire County Council", "dcs@council.example.org", "dcs.deputy@council.example.org"),
            Member("Testshire Police", "acc@police.example.org", null),
            Member("Testshire ICB", "nurse@icb.example.org", "nurse.deputy@icb.example.org"),
            new Member { Name = "Lead Member", Role = "Lead Member", Agency = "Testshire County Council", Email = "councillor@council.example.org", Voting = false },
        ],
        BusinessManager = Contact("Business Manager", "Testshire Safeguarding Children Partnership", "bm@partnership.example.org"),
        IndependentScrutineer = scrutineer ? Contact("Independent Scrutineer", "Testshire Safeguarding Children Partnership", "scrutineer@partnership.example.org") : null,
        Meetings = new MeetingArrangements(),
        Timescales = stages is null ? new PartnershipTimescales() : new PartnershipTimescales { EscalationStages = stages },
    };

    public static EscalationRequest Request(DateOnly raisedOn, bool immediateRisk = false, Party? concerning = null) =>
        new(raisedOn, Social, concerning ?? Officer, "The agencies disagree about the threshold for a strategy discussion.", immediateRisk);

    /// <summary>09:00 London time on <paramref name="date"/>, when automatic sends go out.</summary>
    public static DateTimeOffset NineOn(DateOnly date) => LondonTime.At(date, new TimeOnly(9, 0));

    public static DateTimeOffset NoonOn(DateOnly date) => LondonTime.At(date, new TimeOnly(12, 0));

    public static Transition<Escalation> Raise(DateOnly raisedOn, bool immediateRisk = false, PartnershipArrangements? arrangements = null, Party? concerning = null) =>
        Changed(Escalation.Raise(Key, Request(raisedOn, immediateRisk, concerning), arrangements ?? Arrangements(), Holidays, EscalationPolicy.Default, "tester", NoonOn(raisedOn)));

    /// <summary>The transition of a decision that must have changed the escalation.</summary>
    public static Transition<Escalation> Changed(Decision<Escalation> decision)
    {
        Assert.True(decision.Outcome == DecisionOutcome.Changed, $"{decision.Outcome}: {decision.Field} {decision.Message}");
        return decision.Transition!;
    }

    public static FormalNoticeRequest Notice(params (string Id, DateOnly DueOn)[] requirements) => new(
        requirements.Select(r => new RequiredChange(r.Id, $"Change {r.Id}", r.DueOn)).ToImmutableList(),
        "The partners may refer the failure to comply to the Secretary of State.");

    public static EscalationEvent Event(string type, DateOnly on) => new(type, on);

    public static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static SafeguardingPartner Partner(string organisation, PartnerKind kind, string email) => new()
    {
        Organisation = organisation,
        Kind = kind,
        LeadRole = "Lead",
        DelegatedOfficer = Contact("Delegated officer", organisation, email),
    };

    private static Member Member(string agency, string email, string? deputy) => new()
    {
        Name = $"Member ({agency})",
        Role = "Senior officer",
        Agency = agency,
        Email = email,
        NominatedDeputy = deputy is null ? null : Contact($"Deputy ({agency})", agency, deputy),
    };

    private static Contact Contact(string name, string agency, string email) => new() { Name = name, Role = name, Agency = agency, Email = email };
}
