using System.Text.Json.Nodes;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Tests.Partnerships;

/// <summary>Malformed partnership files are refused with a message naming the file and the field.</summary>
public sealed class PartnershipFileTests
{
    private const string FileName = "test-partnership.json";

    /// <summary>A small valid file; each case below breaks one thing in it.</summary>
    internal static JsonObject Valid() => JsonNode.Parse("""
        {
          "id": "test-partnership",
          "name": "Test Safeguarding Children Partnership",
          "safeguardingPartners": [
            {"organisation": "Test Council", "kind": "local-authority", "leadRole": "Chief Executive",
             "delegatedOfficer": {"name": "A", "role": "Director of Children's Services", "agency": "Test Council", "email": "a@example.org"}},
            {"organisation": "Test Police", "kind": "police", "leadRole": "Chief Constable",
             "delegatedOfficer": {"name": "B", "role": "Assistant Chief Constable", "agency": "Test Police", "email": "b@example.org"}},
            {"organisation": "Test ICB", "kind": "icb", "leadRole": "Chief Executive",
             "delegatedOfficer": {"name": "C", "role": "Chief Nurse", "agency": "Test ICB", "email": "c@example.org"}}
          ],
          "members": [
            {"name": "A", "role": "Director of Children's Services", "agency": "Test Council", "email": "a@example.org",
             "nominatedDeputy": {"name": "D", "role": "Deputy", "agency": "Test Council", "email": "d@example.org"}}
          ],
          "businessManager": {"name": "E", "role": "Business Manager", "agency": "Test Council", "email": "e@example.org"},
          "meetings": {"cadence": "quarterly", "chairRotation": ["police", "icb", "local-authority"]}
        }
        """)!.AsObject();

    [Fact]
    public void A_minimal_file_takes_every_default()
    {
        var arrangements = PartnershipFile.Parse(FileName, Valid().ToJsonString());

        Assert.Equal(MeetingCadence.Quarterly, arrangements.Meetings.Cadence);
        Assert.Equal([PartnerKind.Police, PartnerKind.Icb, PartnerKind.LocalAuthority], arrangements.Meetings.ChairRotation);
        Assert.Null(arrangements.IndependentScrutineer);
        Assert.Empty(arrangements.ClosureDays);
        var t = arrangements.Timescales;
        Assert.Equal(5, t.PaperDeadlineWorkingDaysBeforeCirculation);
        Assert.Equal(7, t.CirculationDaysBeforeMeeting);
        Assert.Equal(3, t.AuthorReminderWorkingDaysBeforePaperDeadline);
        Assert.Equal(10, t.NotesWithinWorkingDays);
        Assert.Equal(3, t.ActionReminderWorkingDaysBefore);
        Assert.Equal(10, t.AgencySummariesWithinWorkingDays);
        Assert.Equal(RapidReviewClockStart.Notification, t.RapidReviewClockStart);
        Assert.Equal([5, 5, 5, 10], t.EscalationStages.Select(s => s.ResolveWithinWorkingDays));
        Assert.Equal(new DateOnly(2026, 7, 31), t.AnnualReportContributionsDue.In(2026));
        Assert.Equal(new DateOnly(2026, 8, 31), t.AnnualReportDraftDue.In(2026));
        Assert.Equal(1, t.PracticeReviewCheckpointIntervalMonths);
        Assert.Equal(new TimeOnly(9, 0), t.SendTime);
    }

    [Fact]
    public void Local_overrides_are_read()
    {
        var json = Valid();
        json["closureDays"] = new JsonArray("2026-12-29", "2026-12-30");
        json["hasSecureEstablishment"] = true;
        json["timescales"] = JsonNode.Parse("""
            {"paperDeadlineWorkingDaysBeforeCirculation": 3, "rapidReviewClockStart": "awareness", "sendTime": "08:30",
             "annualReportContributionsDue": "06-30", "escalationStages": [{"name": "Only", "who": "everyone", "resolveWithinWorkingDays": 2}]}
            """);

        var arrangements = PartnershipFile.Parse(FileName, json.ToJsonString());

        Assert.True(arrangements.HasSecureEstablishment);
        Assert.Equal([new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 30)], arrangements.ClosureDays);
        Assert.Equal(3, arrangements.Timescales.PaperDeadlineWorkingDaysBeforeCirculation);
        Assert.Equal(RapidReviewClockStart.Awareness, arrangements.Timescales.RapidReviewClockStart);
        Assert.Equal(new TimeOnly(8, 30), arrangements.Timescales.SendTime);
        Assert.Equal(new MonthDay(6, 30), arrangements.Timescales.AnnualReportContributionsDue);
        Assert.Equal("Only", Assert.Single(arrangements.Timescales.EscalationStages).Name);
        Assert.Equal(7, arrangements.Timescales.CirculationDaysBeforeMeeting);
    }

    [Fact]
    public void Escalation_timings_are_the_partnerships_own_where_it_sets_them()
    {
        var json = Valid();
        json["timescales"] = JsonNode.Parse("""
            {"escalationStageReminderWorkingDaysBefore": 2, "formalNoticeWithinWorkingDays": 3, "formalNoticeReminderWorkingDaysBefore": 2,
             "formalNoticeResponseWithinWorkingDays": 15, "requirementChaseEveryWorkingDays": 10}
            """);

        var policy = EscalationPolicy.For(PartnershipFile.Parse(FileName, json.ToJsonString()).Timescales);

        Assert.Equal(
            (2, 3, 2, 15, 10, 10),
            (policy.StageReminderWorkingDaysBefore, policy.FormalNoticeWithinWorkingDays, policy.FormalNoticeReminderWorkingDaysBefore,
             policy.NoticeResponseWithinWorkingDays, policy.ChaseEveryWorkingDays, policy.ReferralDecisionWithinWorkingDays));
        var defaults = EscalationPolicy.Default;
        Assert.Equal(
            (1, 5, 1, 10, 5, 10),
            (defaults.StageReminderWorkingDaysBefore, defaults.FormalNoticeWithinWorkingDays, defaults.FormalNoticeReminderWorkingDaysBefore,
             defaults.NoticeResponseWithinWorkingDays, defaults.ChaseEveryWorkingDays, defaults.ReferralDecisionWithinWorkingDays));
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "not json at all", "$" },
        { """{"id": "test-partnership", "nmae": "typo"}""", "nmae" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"notesWithinWorkingDay": 10}""")), "timescales.notesWithinWorkingDay" },
        { Change(j => j["safeguardingPartners"]![0]!["delegatedOfficer"]!["phone"] = "0"), "safeguardingPartners[0].delegatedOfficer.phone" },
        { Change(j => j["safeguardingPartners"]!.AsArray().RemoveAt(1)), "safeguardingPartners" },
        { Change(j => j["safeguardingPartners"]![2]!["kind"] = "police"), "safeguardingPartners" },
        { Change(j => j["safeguardingPartners"]![1]!["kind"] = "fire-service"), "safeguardingPartners[1].kind" },
        { Change(j => j.Remove("safeguardingPartners")), "safeguardingPartners" },
        { Change(j => j.Remove("businessManager")), "businessManager" },
        { Change(j => j["safeguardingPartners"]![0]!.AsObject().Remove("leadRole")), "leadRole" },
        { Change(j => j["safeguardingPartners"]![0]!["delegatedOfficer"]!["email"] = "not-an-address"), "safeguardingPartners[0].delegatedOfficer.email" },
        { Change(j => j["members"]![0]!["nominatedDeputy"]!["agency"] = " "), "members[0].nominatedDeputy.agency" },
        { Change(j => j["members"] = new JsonArray()), "members" },
        { Change(j => j["name"] = null), "name" },
        { Change(j => j["id"] = "another-partnership"), "id" },
        { Change(j => j["id"] = "Test Partnership"), "id" },
        { Change(j => j["meetings"]!["cadence"] = "fortnightly"), "meetings.cadence" },
        { Change(j => j["meetings"]!["chairRotation"] = new JsonArray("police", "police")), "meetings.chairRotation" },
        { Change(j => j["meetings"]!["tellChairAfterMissedMeetings"] = 13), "meetings.tellChairAfterMissedMeetings" },
        { Change(j => j["meetings"]!["tellChairAfterMissedMeetings"] = -1), "meetings.tellChairAfterMissedMeetings" },
        { Change(j => j["closureDays"] = new JsonArray("2026-13-01")), "closureDays" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"paperDeadlineWorkingDaysBeforeCirculation": 0}""")), "timescales.paperDeadlineWorkingDaysBeforeCirculation" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"circulationDaysBeforeMeeting": -7}""")), "timescales.circulationDaysBeforeMeeting" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"notesWithinWorkingDays": 0}""")), "timescales.notesWithinWorkingDays" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"actionReminderWorkingDaysBefore": -1}""")), "timescales.actionReminderWorkingDaysBefore" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"authorReminderWorkingDaysBeforePaperDeadline": 0}""")), "timescales.authorReminderWorkingDaysBeforePaperDeadline" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"agencySummariesWithinWorkingDays": 0}""")), "timescales.agencySummariesWithinWorkingDays" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"practiceReviewCheckpointIntervalMonths": 0}""")), "timescales.practiceReviewCheckpointIntervalMonths" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"escalationStageReminderWorkingDaysBefore": 0}""")), "timescales.escalationStageReminderWorkingDaysBefore" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"formalNoticeWithinWorkingDays": 400}""")), "timescales.formalNoticeWithinWorkingDays" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"requirementChaseEveryWorkingDays": -5}""")), "timescales.requirementChaseEveryWorkingDays" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"referralDecisionWithinWorkingDays": 0}""")), "timescales.referralDecisionWithinWorkingDays" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"notesWithinWorkingDays": 2.5}""")), "timescales.notesWithinWorkingDays" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"notesWithinWorkingDays": "10"}""")), "timescales.notesWithinWorkingDays" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"rapidReviewClockStart": "decision"}""")), "timescales.rapidReviewClockStart" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"rapidReviewClockStart": 1}""")), "timescales.rapidReviewClockStart" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"escalationStages": []}""")), "timescales.escalationStages" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"escalationStages": [{"name": "One", "who": "x", "resolveWithinWorkingDays": 0}]}""")), "timescales.escalationStages[0].resolveWithinWorkingDays" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"escalationStages": [{"name": "One", "who": "x"}]}""")), "resolveWithinWorkingDays" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"annualReportDraftDue": "08-32"}""")), "timescales.annualReportDraftDue" },
        { Change(j => j["timescales"] = JsonNode.Parse("""{"sendTime": "9am"}""")), "timescales.sendTime" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_malformed_file_is_refused_naming_the_file_and_the_field(string json, string field)
    {
        var error = Assert.Throws<PartnershipConfigurationException>(() => PartnershipFile.Parse(FileName, json));

        Assert.Equal(FileName, error.File);
        Assert.Contains(FileName, error.Message);
        Assert.Contains(field, error.Message);
        Assert.Contains(error.Problems, p => p.Field.Contains(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_at_once()
    {
        var json = Valid();
        json["timescales"] = JsonNode.Parse("""{"notesWithinWorkingDays": 0, "actionReminderWorkingDaysBefore": 0}""");
        json["safeguardingPartners"]!.AsArray().RemoveAt(0);

        var error = Assert.Throws<PartnershipConfigurationException>(() => PartnershipFile.Parse(FileName, json.ToJsonString()));

        Assert.Equal(
            ["safeguardingPartners", "timescales.notesWithinWorkingDays", "timescales.actionReminderWorkingDaysBefore"],
            error.Problems.Select(p => p.Field));
        Assert.Equal("safeguardingPartners", error.Field);
    }

    [Theory]
    [InlineData("rapidReviewClockStart", "\"decision\"", "must be one of: notification, awareness")]
    [InlineData("notesWithinWorkingDays", "\"ten\"", "must be a whole number")]
    [InlineData("notesWithinWorkingDays", "0", "0 is not allowed")]
    [InlineData("sendTime", "\"25:00\"", "HH:mm")]
    [InlineData("annualReportContributionsDue", "\"31-07\"", "MM-DD")]
    public void Messages_say_what_is_expected(string field, string value, string expected)
    {
        var json = Valid();
        json["timescales"] = JsonNode.Parse($$"""{"{{field}}": {{value}}}""");

        var error = Assert.Throws<PartnershipConfigurationException>(() => PartnershipFile.Parse(FileName, json.ToJsonString()));

        var problem = Assert.Single(error.Problems);
        Assert.Equal($"timescales.{field}", problem.Field);
        Assert.Contains(expected, problem.Message);
    }

    private static string Change(Action<JsonObject> change)
    {
        var json = Valid();
        change(json);
        return json.ToJsonString();
    }
}
