using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Partnerships;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Calendar;

/// <summary>The statutory calendar over HTTP: England and Wales bank holidays and working-day arithmetic.</summary>
public static class CalendarApi
{
    // Only the years whose bank holidays the service knows: before 1978 the rules were different (1977 had no early
    // May holiday but a Silver Jubilee one), and answering them with today's rules would be wrong, not approximate.
    public const int MinYear = BankHolidays.FirstKnownYear;
    public const int MaxYear = BankHolidays.LastKnownYear;
    public const int MaxWorkingDays = 1000;

    public static RouteGroupBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar");
        group.MapGet("/bank-holidays", GetBankHolidays).WithName("GetBankHolidays");
        // Naming a partnership reads its closure days: only its own people may, like any partnership's resource.
        group.MapGet("/working-days", GetWorkingDays).WithName("GetWorkingDays").RequirePartnershipFromQuery("partnership");
        return group;
    }

    /// <summary>
    /// <c>GET /api/calendar/bank-holidays?year=YYYY</c> → <c>["YYYY-MM-DD", ...]</c>, including announced holidays;
    /// a year outside <see cref="MinYear"/> to <see cref="MaxYear"/> is a 400 problem naming <c>year</c> and the range.
    /// </summary>
    public static Results<Ok<IReadOnlyList<DateOnly>>, ValidationProblem> GetBankHolidays([FromQuery] string? year, StatutoryCalendar calendar)
    {
        var errors = new Dictionary<string, string[]>();
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < MinYear or > MaxYear)
        {
            errors["year"] = [string.IsNullOrEmpty(year)
                ? $"Required: a year from {MinYear} to {MaxYear}."
                : $"Must be a year from {MinYear} to {MaxYear}: the years whose bank holidays are known (before {MinYear} the rules were different)."];
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(calendar.BankHolidaysIn(y));
    }

    /// <summary>
    /// <c>GET /api/calendar/working-days?from=YYYY-MM-DD&amp;add=N[&amp;partnership=id]</c> → <c>{"date": "YYYY-MM-DD"}</c>:
    /// the N-th working day strictly after <c>from</c> (strictly before when N is negative), counting the
    /// partnership's closure days as non-working when one is named. <c>add=0</c> is day 0 of a statutory clock: the
    /// date <c>from</c> itself, unchanged even when it is not a working day (a clock starts on the day of its event).
    /// </summary>
    public static Results<Ok<WorkingDayAnswer>, ValidationProblem, ProblemHttpResult> GetWorkingDays(
        [FromQuery] string? from,
        [FromQuery] string? add,
        [FromQuery] string? partnership,
        StatutoryCalendar calendar,
        PartnershipDirectory partnerships)
    {
        var errors = new Dictionary<string, string[]>();
        var start = ParseDate(from, "from", errors);
        var n = ParseWorkingDays(add, "add", errors);
        if (partnership is { Length: 0 })
        {
            errors["partnership"] = ["Must be a partnership id when given."];
        }

        if (errors.Count > 0 || start is not { } date || n is not { } days)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (partnership is not null)
        {
            if (partnerships.Find(partnership) is null)
            {
                return PartnershipsApi.UnknownPartnership(partnership);
            }

            calendar = partnerships.CalendarFor(partnership);
        }

        var answer = calendar.AddWorkingDays(date, days);
        if (answer.Year is < MinYear or > MaxYear)
        {
            errors["add"] = [$"Counts to {answer:yyyy-MM-dd}, outside the years {MinYear} to {MaxYear} whose bank holidays are known."];
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(new WorkingDayAnswer(answer));
    }

    private static DateOnly? ParseDate(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors[field] = ["Required: a date written YYYY-MM-DD."];
        }
        else if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[field] = ["Must be a date written YYYY-MM-DD."];
        }
        else if (date.Year is < MinYear or > MaxYear)
        {
            errors[field] = [$"Must be a date in the years {MinYear} to {MaxYear}, whose bank holidays are known."];
        }
        else
        {
            return date;
        }

        return null;
    }

    private static int? ParseWorkingDays(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors[field] = ["Required: a whole number of working days (negative counts back)."];
        }
        else if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n is < -MaxWorkingDays or > MaxWorkingDays)
        {
            errors[field] = [$"Must be a whole number from -{MaxWorkingDays} to {MaxWorkingDays}."];
        }
        else
        {
            return n;
        }

        return null;
    }
}

/// <summary>The answer of <c>GET /api/calendar/working-days</c>.</summary>
public sealed record WorkingDayAnswer(DateOnly Date);
