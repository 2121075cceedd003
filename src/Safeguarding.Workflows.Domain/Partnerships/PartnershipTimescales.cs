using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Safeguarding.Workflows.Domain.Partnerships;

/// <summary>
/// The timescales a partnership may set locally. Each default is the one in docs/design/statutory-rules.md; a partnership's file
/// overrides any of them. Statutory timescales the law fixes (for example 5 working days to notify the Panel) are not here.
/// </summary>
public sealed record PartnershipTimescales
{
    /// <summary>Default stages of the escalation and dispute resolution protocol.</summary>
    public static readonly IReadOnlyList<EscalationStage> DefaultEscalationStages =
    [
        new() { Name = "Practitioners", Who = "the practitioners who disagree", ResolveWithinWorkingDays = 5 },
        new() { Name = "Managers", Who = "their managers or safeguarding leads", ResolveWithinWorkingDays = 5 },
        new() { Name = "Senior managers", Who = "senior managers of the agencies", ResolveWithinWorkingDays = 5 },
        new() { Name = "Partnership", Who = "the business manager, the delegated safeguarding partners and the independent scrutineer", ResolveWithinWorkingDays = 10 },
    ];

    /// <summary>Papers are due this many working days before the circulation date.</summary>
    public int PaperDeadlineWorkingDaysBeforeCirculation { get; init; } = 5;

    /// <summary>Agenda and papers go out this many (calendar) days before the meeting, moved to the previous working day if needed.</summary>
    public int CirculationDaysBeforeMeeting { get; init; } = 7;

    /// <summary>Authors are reminded this many working days before the paper deadline.</summary>
    public int AuthorReminderWorkingDaysBeforePaperDeadline { get; init; } = 3;

    /// <summary>Notes and actions are circulated within this many working days after the meeting.</summary>
    public int NotesWithinWorkingDays { get; init; } = 10;

    /// <summary>Action owners are reminded this many working days before an action is due.</summary>
    public int ActionReminderWorkingDaysBefore { get; init; } = 3;

    /// <summary>Agency summaries for a rapid review are due this many working days after the awareness date.</summary>
    public int AgencySummariesWithinWorkingDays { get; init; } = 10;

    /// <summary>What the 15 working days of a rapid review are counted from.</summary>
    public RapidReviewClockStart RapidReviewClockStart { get; init; } = RapidReviewClockStart.Notification;

    /// <summary>The escalation stages in order; a concern unresolved at the last stage leads to a formal notice.</summary>
    public IReadOnlyList<EscalationStage> EscalationStages { get; init; } = DefaultEscalationStages;

    /// <summary>The people at an escalation stage are reminded this many working days before its deadline.</summary>
    public int EscalationStageReminderWorkingDaysBefore { get; init; } = 1;

    /// <summary>After the last stage, the business manager has this many working days to serve a formal notice.</summary>
    public int FormalNoticeWithinWorkingDays { get; init; } = 5;

    /// <summary>The business manager is reminded this many working days before the formal notice is due.</summary>
    public int FormalNoticeReminderWorkingDaysBefore { get; init; } = 1;

    /// <summary>When a formal notice does not say, the organisation must reply within this many working days of service.</summary>
    public int FormalNoticeResponseWithinWorkingDays { get; init; } = 10;

    /// <summary>An unmet requirement of a formal notice is chased the working day after it is due, then every this many working days.</summary>
    public int RequirementChaseEveryWorkingDays { get; init; } = 5;

    /// <summary>The partners have this many working days after the referral prompt to record their decision.</summary>
    public int ReferralDecisionWithinWorkingDays { get; init; } = 10;

    /// <summary>Contributions to the annual report are due on this day of the year after the year ends.</summary>
    public MonthDay AnnualReportContributionsDue { get; init; } = new(7, 31);

    /// <summary>The compiled draft of the annual report is due on this day.</summary>
    public MonthDay AnnualReportDraftDue { get; init; } = new(8, 31);

    /// <summary>Practice review monitoring checkpoints fall this many calendar months apart.</summary>
    public int PracticeReviewCheckpointIntervalMonths { get; init; } = 1;

    /// <summary>The London local time at which reminders and automatic sends go out on their day.</summary>
    [JsonConverter(typeof(LocalTimeJsonConverter))]
    public TimeOnly SendTime { get; init; } = new(9, 0);
}

/// <summary>Where the rapid review clock starts.</summary>
public enum RapidReviewClockStart
{
    /// <summary>The date the serious incident notification was submitted to the Panel (current Panel guidance).</summary>
    Notification,

    /// <summary>The date the local authority became aware of the incident.</summary>
    Awareness,
}

/// <summary>One stage of the escalation protocol.</summary>
public sealed record EscalationStage
{
    public required string Name { get; init; }

    /// <summary>Who deals with the concern at this stage.</summary>
    public required string Who { get; init; }

    /// <summary>Working days after the concern reaches this stage by which it should be resolved.</summary>
    public required int ResolveWithinWorkingDays { get; init; }
}

/// <summary>A day of the year without a year (written <c>MM-DD</c>), for yearly internal dates such as 31 July.</summary>
[JsonConverter(typeof(MonthDayJsonConverter))]
public readonly record struct MonthDay
{
    public MonthDay(int month, int day)
    {
        // 29 February is allowed: in a common year it falls on 28 February (see In).
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000, month))
        {
            throw new ArgumentOutOfRangeException(nameof(day), $"{month:00}-{day:00} is not a day of the year.");
        }

        Month = month;
        Day = day;
    }

    public int Month { get; }

    public int Day { get; }

    /// <summary>This day in <paramref name="year"/>; 29 February becomes 28 February in a common year.</summary>
    public DateOnly In(int year) => new(year, Month, Math.Min(Day, DateTime.DaysInMonth(year, Month)));

    public override string ToString() => $"{Month:00}-{Day:00}";

    public static bool TryParse(string? text, out MonthDay value)
    {
        value = default;
        if (text is not { Length: 5 } || text[2] != '-'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000, month))
        {
            return false;
        }

        value = new MonthDay(month, day);
        return true;
    }
}

internal sealed class MonthDayJsonConverter : JsonConverter<MonthDay>
{
    public override MonthDay Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && MonthDay.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException("Expected a day of the year written MM-DD, for example \"07-31\".");

    public override void Write(Utf8JsonWriter writer, MonthDay value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

/// <summary>Reads <c>HH:mm</c> or <c>HH:mm:ss</c>; writes <c>HH:mm</c> (or <c>HH:mm:ss</c> when there are seconds).</summary>
internal sealed class LocalTimeJsonConverter : JsonConverter<TimeOnly>
{
    private static readonly string[] Formats = ["HH:mm", "HH:mm:ss"];

    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
        && TimeOnly.TryParseExact(reader.GetString(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new JsonException("Expected a local time written HH:mm, for example \"09:00\".");

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(value.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture));
}
