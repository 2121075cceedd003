using System.Text.Json;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Reviews;

namespace Safeguarding.Workflows.Domain.Tests.Reviews;

/// <summary>The Staffordshire preset as a review context, instants in London time, and the grain-state JSON settings.</summary>
public static class ReviewFixtures
{
    public static readonly StatutoryCalendar EnglandAndWales = StatutoryCalendar.EnglandAndWales;

    public static PartnershipArrangements Staffordshire { get; } =
        PartnershipFile.Parse("staffordshire.json", File.ReadAllText(RepositoryFiles.Find("config/partnerships/staffordshire.json")));

    public static ReviewContext ContextWith(Func<PartnershipTimescales, PartnershipTimescales>? change = null) =>
        new(change is null ? Staffordshire : Staffordshire with { Timescales = change(Staffordshire.Timescales) }, EnglandAndWales);

    public static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>London local time on a date, e.g. <c>At("2026-01-15", 9)</c>.</summary>
    public static DateTimeOffset At(string date, int hour, int minute = 0, int second = 0) => LondonTime.At(Date(date), new TimeOnly(hour, minute, second));

    /// <summary>The first instant of the day after <paramref name="date"/>: when a deadline on that date is missed.</summary>
    public static DateTimeOffset MissedAt(string date) => LondonTime.EndOfDay(Date(date)).AddSeconds(1);

    /// <summary>As grain state is stored: camelCase, enums as camelCase strings.</summary>
    public static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static T Unwrap<T>(Decision<T> command) where T : class
    {
        Assert.True(command.Outcome == DecisionOutcome.Changed, $"{command.Outcome}: {command.Field} {command.Message}");
        return command.Transition!.State;
    }

    /// <summary>
    /// Wakes at each instant in turn (as the engine would) and gathers every email; with <paramref name="plannedAhead"/>,
    /// carries the plan on before each wake, as the engine's grains do with the partnership's calendar.
    /// </summary>
    public static (T State, List<OutgoingEmail> Emails) WakeThrough<T>(T process, DateTimeOffset until, Func<T, DateTimeOffset, T>? plannedAhead = null)
        where T : class, IDurableProcess<T>
    {
        var plan = plannedAhead ?? ((p, _) => p);
        var emails = new List<OutgoingEmail>();
        var state = process;
        while (state.NextWakeAt is { } next && next <= until)
        {
            var woken = plan(state, next).Wake(next);
            emails.AddRange(woken.Emails);
            state = woken.State;
        }

        var last = plan(state, until).Wake(until);
        emails.AddRange(last.Emails);
        return (last.State, emails);
    }

    public static Deadline Deadline<T>(T process, string name) where T : IDurableProcess<T> => process.Deadlines.Single(d => d.Name == name);
}
