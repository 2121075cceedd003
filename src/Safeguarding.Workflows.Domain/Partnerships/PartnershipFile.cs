using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Safeguarding.Workflows.Domain.Partnerships;

/// <summary>
/// Reads and checks one partnership file (JSON, camelCase, enums in kebab-case). Pure: the caller reads the file.
/// Unknown fields are refused rather than ignored, so a misspelt timescale can never silently fall back to its default.
/// </summary>
public static partial class PartnershipFile
{
    /// <summary>The options the files are read with; also fit for writing the model back out.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    /// <summary>
    /// Parses <paramref name="json"/>, the text of <paramref name="fileName"/>, into arrangements and checks them.
    /// The id in the file must equal the file name without <c>.json</c>.
    /// </summary>
    /// <exception cref="PartnershipConfigurationException">Malformed JSON, an unknown or missing field, or a value that breaks a rule; the message names the file and the field.</exception>
    public static PartnershipArrangements Parse(string fileName, string json)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(json);
        PartnershipArrangements? arrangements;
        try
        {
            arrangements = JsonSerializer.Deserialize<PartnershipArrangements>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new PartnershipConfigurationException(fileName, [FromJsonException(e)], e);
        }

        if (arrangements is null)
        {
            throw new PartnershipConfigurationException(fileName, [new("$", "the file holds null instead of a partnership")]);
        }

        var problems = Validate(arrangements, Path.GetFileNameWithoutExtension(fileName)).ToList();
        return problems.Count == 0 ? arrangements : throw new PartnershipConfigurationException(fileName, problems);
    }

    private static IEnumerable<ConfigurationProblem> Validate(PartnershipArrangements a, string expectedId)
    {
        if (!IdPattern().IsMatch(a.Id))
        {
            yield return new("id", $"'{a.Id}' must be lower-case letters, digits and hyphens");
        }
        else if (!string.Equals(a.Id, expectedId, StringComparison.Ordinal))
        {
            yield return new("id", $"'{a.Id}' must equal the file name '{expectedId}'");
        }

        foreach (var p in Blank(a.Name, "name"))
        {
            yield return p;
        }

        foreach (var kind in Enum.GetValues<PartnerKind>())
        {
            var count = a.SafeguardingPartners.Count(p => p.Kind == kind);
            if (count != 1)
            {
                yield return new("safeguardingPartners", count == 0
                    ? $"no {Kebab(kind)} partner; the three safeguarding partners (local-authority, police, icb) are all required"
                    : $"{count} {Kebab(kind)} partners; each kind of partner appears exactly once");
            }
        }

        for (var i = 0; i < a.SafeguardingPartners.Count; i++)
        {
            var partner = a.SafeguardingPartners[i];
            var at = $"safeguardingPartners[{i}]";
            foreach (var p in Blank(partner.Organisation, $"{at}.organisation").Concat(Blank(partner.LeadRole, $"{at}.leadRole")).Concat(CheckContact(partner.DelegatedOfficer, $"{at}.delegatedOfficer")))
            {
                yield return p;
            }
        }

        for (var i = 0; i < a.RelevantAgencies.Count; i++)
        {
            foreach (var p in Blank(a.RelevantAgencies[i], $"relevantAgencies[{i}]"))
            {
                yield return p;
            }
        }

        for (var i = 0; i < a.Groups.Count; i++)
        {
            foreach (var p in Blank(a.Groups[i], $"groups[{i}]"))
            {
                yield return p;
            }
        }

        if (a.Members.Count == 0)
        {
            yield return new("members", "at least one member is required to receive meeting papers");
        }

        for (var i = 0; i < a.Members.Count; i++)
        {
            var member = a.Members[i];
            var at = $"members[{i}]";
            foreach (var p in CheckContact(member.AsContact(), at))
            {
                yield return p;
            }

            if (member.NominatedDeputy is { } deputy)
            {
                foreach (var p in CheckContact(deputy, $"{at}.nominatedDeputy"))
                {
                    yield return p;
                }
            }
        }

        foreach (var p in CheckContact(a.BusinessManager, "businessManager"))
        {
            yield return p;
        }

        if (a.IndependentScrutineer is { } scrutineer)
        {
            foreach (var p in CheckContact(scrutineer, "independentScrutineer"))
            {
                yield return p;
            }
        }

        var rotation = a.Meetings.ChairRotation;
        if (rotation.Count == 0 || rotation.Distinct().Count() != rotation.Count)
        {
            yield return new("meetings.chairRotation", "must name each partner kind that takes the chair once, in order");
        }

        if (a.Meetings.TellChairAfterMissedMeetings is < 0 or > MeetingArrangements.MaxTellChairAfterMissedMeetings)
        {
            yield return new("meetings.tellChairAfterMissedMeetings", $"{a.Meetings.TellChairAfterMissedMeetings} is not allowed; use a whole number from 0 (never) to {MeetingArrangements.MaxTellChairAfterMissedMeetings}");
        }

        foreach (var p in CheckTimescales(a.Timescales))
        {
            yield return p;
        }
    }

    private static IEnumerable<ConfigurationProblem> CheckTimescales(PartnershipTimescales t)
    {
        const string at = "timescales";
        (string Field, int Value)[] days =
        [
            ("paperDeadlineWorkingDaysBeforeCirculation", t.PaperDeadlineWorkingDaysBeforeCirculation),
            ("circulationDaysBeforeMeeting", t.CirculationDaysBeforeMeeting),
            ("authorReminderWorkingDaysBeforePaperDeadline", t.AuthorReminderWorkingDaysBeforePaperDeadline),
            ("notesWithinWorkingDays", t.NotesWithinWorkingDays),
            ("actionReminderWorkingDaysBefore", t.ActionReminderWorkingDaysBefore),
            ("agencySummariesWithinWorkingDays", t.AgencySummariesWithinWorkingDays),
            ("practiceReviewCheckpointIntervalMonths", t.PracticeReviewCheckpointIntervalMonths),
            ("escalationStageReminderWorkingDaysBefore", t.EscalationStageReminderWorkingDaysBefore),
            ("formalNoticeWithinWorkingDays", t.FormalNoticeWithinWorkingDays),
            ("formalNoticeReminderWorkingDaysBefore", t.FormalNoticeReminderWorkingDaysBefore),
            ("formalNoticeResponseWithinWorkingDays", t.FormalNoticeResponseWithinWorkingDays),
            ("requirementChaseEveryWorkingDays", t.RequirementChaseEveryWorkingDays),
            ("referralDecisionWithinWorkingDays", t.ReferralDecisionWithinWorkingDays),
        ];
        foreach (var (field, value) in days)
        {
            if (value is < 1 or > 366)
            {
                yield return new($"{at}.{field}", $"{value} is not allowed; use a whole number from 1 to 366");
            }
        }

        if (!Enum.IsDefined(t.RapidReviewClockStart))
        {
            yield return new($"{at}.rapidReviewClockStart", "must be notification or awareness");
        }

        if (t.EscalationStages.Count == 0)
        {
            yield return new($"{at}.escalationStages", "at least one stage is required");
        }

        for (var i = 0; i < t.EscalationStages.Count; i++)
        {
            var stage = t.EscalationStages[i];
            var stageAt = $"{at}.escalationStages[{i}]";
            foreach (var p in Blank(stage.Name, $"{stageAt}.name").Concat(Blank(stage.Who, $"{stageAt}.who")))
            {
                yield return p;
            }

            if (stage.ResolveWithinWorkingDays is < 1 or > 366)
            {
                yield return new($"{stageAt}.resolveWithinWorkingDays", $"{stage.ResolveWithinWorkingDays} is not allowed; use a whole number from 1 to 366");
            }
        }

        if (t.AnnualReportContributionsDue.Month == 0)
        {
            yield return new($"{at}.annualReportContributionsDue", "must be a day of the year written MM-DD");
        }

        if (t.AnnualReportDraftDue.Month == 0)
        {
            yield return new($"{at}.annualReportDraftDue", "must be a day of the year written MM-DD");
        }
    }

    private static IEnumerable<ConfigurationProblem> CheckContact(Contact contact, string at) =>
        Blank(contact.Name, $"{at}.name")
            .Concat(Blank(contact.Role, $"{at}.role"))
            .Concat(Blank(contact.Agency, $"{at}.agency"))
            .Concat(EmailPattern().IsMatch(contact.Email) ? [] : [new ConfigurationProblem($"{at}.email", $"'{contact.Email}' is not an email address")]);

    private static IEnumerable<ConfigurationProblem> Blank(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? [new ConfigurationProblem(field, "must not be empty")] : [];

    /// <summary>Turns System.Text.Json's complaint into a field name ("$.timescales.x" becomes "timescales.x") and a short message.</summary>
    private static ConfigurationProblem FromJsonException(JsonException e)
    {
        var path = e.Path is { Length: > 0 } p ? p : "$";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        var message = e.Message;

        // Missing required fields are reported on the object that lacks them; name the missing field itself.
        var missing = MissingRequired().Match(message);
        if (missing.Success)
        {
            var names = missing.Groups["names"].Value;
            field = field == "$" ? names : $"{field}.{names}";
            return new(field, "is required");
        }

        // Unknown fields: the serializer names the property in its message; the path may stop at the parent object.
        var unknown = Unmapped().Match(message);
        if (unknown.Success)
        {
            var name = unknown.Groups["name"].Value;
            if (!field.EndsWith(name, StringComparison.Ordinal))
            {
                field = field == "$" ? name : $"{field}.{name}";
            }

            return new(field, "is not a known field (check the spelling; unknown fields are refused)");
        }

        if (NotConvertible().Match(message) is { Success: true } wrongType)
        {
            return new(field, DescribeExpected(wrongType.Groups["type"].Value));
        }

        if (message.Contains("doesn't allow setting null values", StringComparison.Ordinal))
        {
            return new(field, "must not be null");
        }

        var pathStart = message.IndexOf(" Path:", StringComparison.Ordinal);
        return new(field, pathStart > 0 ? message[..pathStart] : message);
    }

    private static string DescribeExpected(string typeName) => typeName switch
    {
        "System.Int32" => "must be a whole number",
        "System.Boolean" => "must be true or false",
        "System.String" => "must be text",
        "System.DateOnly" => "must be a date written YYYY-MM-DD",
        _ when typeof(PartnershipFile).Assembly.GetType(typeName) is { IsEnum: true } type =>
            "must be one of: " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName)),
        _ => "has the wrong type of value",
    };

    private static string Kebab(PartnerKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            NumberHandling = JsonNumberHandling.Strict,
            WriteIndented = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex("missing required properties including: '(?<names>[^']+)'")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"The JSON value could not be converted to (?<type>[\w.]+)\.")]
    private static partial Regex NotConvertible();

    [GeneratedRegex("The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex Unmapped();
}
