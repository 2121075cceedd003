using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.AnnualReports;

/// <summary>
/// Every date of one partnership's yearly report (docs/design/statutory-rules.md §5), worked out when the report is opened.
/// </summary>
/// <param name="ContributionsDue">Sections are due (the partnership's <c>annualReportContributionsDue</c>, default 31 July).</param>
/// <param name="DraftDue">The compiled draft is due (<c>annualReportDraftDue</c>, default 31 August).</param>
/// <param name="PublicationDue">30 September after the year ends: the statutory publication deadline.</param>
/// <param name="ReminderAt">Owners of sections not yet received are reminded: 09:00 five working days before <paramref name="ContributionsDue"/>.</param>
/// <param name="ChasesAt">Owners of sections still missing are chased every seven days after <paramref name="ContributionsDue"/>
/// (moved back to a working day), for as long as the publication deadline has not passed.</param>
/// <param name="DraftCheckAt">The business manager is warned of an incomplete draft: 09:00 on <paramref name="DraftDue"/>, or the working day before it.</param>
/// <param name="EscalationAt">Not published by <paramref name="PublicationDue"/>: the lead partners are told at 09:00 on the next
/// day, or the first working day after it (a notice of a failure cannot go out before the failure).</param>
public sealed record AnnualReportDates(
    DateOnly ContributionsDue,
    DateOnly DraftDue,
    DateOnly PublicationDue,
    DateTimeOffset ReminderAt,
    IReadOnlyList<DateTimeOffset> ChasesAt,
    DateTimeOffset DraftCheckAt,
    DateTimeOffset EscalationAt)
{
    /// <summary>Owners are reminded this many working days before contributions are due.</summary>
    public const int ReminderWorkingDaysBeforeContributions = 5;

    /// <summary>Missing contributions are chased this many calendar days apart, starting this long after they were due.</summary>
    public const int ChaseIntervalDays = 7;

    /// <summary>The report goes to the Panel and to Foundations within this many calendar days of publication.</summary>
    public const int SubmissionWithinDays = 7;

    /// <summary>
    /// A report opened on or after its contributions date gives owners this many working days from the day it is
    /// opened, rather than asking for a date already past.
    /// </summary>
    public const int LateOpeningWorkingDays = 10;

    /// <summary>The report must be published by this day of the year after the reporting year ends.</summary>
    public static readonly MonthDay PublicationDay = new(9, 30);

    /// <summary>
    /// The dates for <paramref name="year"/> with the partnership's <paramref name="timescales"/> and working days.
    /// Opened on or after the contributions date (<paramref name="openedOn"/>), sections are due
    /// <see cref="LateOpeningWorkingDays"/> working days after opening, and the draft no earlier than that.
    /// </summary>
    /// <exception cref="ArgumentException">The partnership's internal dates do not fit between the end of the year and
    /// 30 September, or the draft would be due before the contributions. The parameter name is the timescale's name.</exception>
    public static AnnualReportDates For(ReportingYear year, PartnershipTimescales timescales, StatutoryCalendar calendar, DateOnly? openedOn = null)
    {
        ArgumentNullException.ThrowIfNull(timescales);
        ArgumentNullException.ThrowIfNull(calendar);
        var publication = PublicationDeadline(year);
        var contributions = InternalDate(year, timescales.AnnualReportContributionsDue, publication, "annualReportContributionsDue");
        var draft = InternalDate(year, timescales.AnnualReportDraftDue, publication, "annualReportDraftDue");
        if (draft < contributions)
        {
            throw new ArgumentException(
                $"The draft ({timescales.AnnualReportDraftDue}) cannot be due before the contributions ({timescales.AnnualReportContributionsDue}).",
                "annualReportDraftDue");
        }

        if (openedOn is { } opened && opened >= contributions)
        {
            contributions = calendar.AddWorkingDays(opened, LateOpeningWorkingDays);
            draft = draft < contributions ? contributions : draft;
        }

        var send = timescales.SendTime;
        var reminder = LondonTime.At(calendar.AddWorkingDays(contributions, -ReminderWorkingDaysBeforeContributions), send);

        var chases = new List<DateTimeOffset>();
        for (var day = contributions.AddDays(ChaseIntervalDays); day <= publication; day = day.AddDays(ChaseIntervalDays))
        {
            var on = calendar.OnOrBeforeWorkingDay(day);
            if (on > contributions)
            {
                chases.Add(LondonTime.At(on, send));
            }
        }

        var afterPublication = publication.AddDays(1);
        var escalationDay = calendar.IsWorkingDay(afterPublication) ? afterPublication : calendar.AddWorkingDays(afterPublication, 1);

        return new AnnualReportDates(
            contributions,
            draft,
            publication,
            reminder,
            [.. chases.Distinct().Order()],
            LondonTime.At(calendar.OnOrBeforeWorkingDay(draft), send),
            LondonTime.At(escalationDay, send));
    }

    /// <summary>30 September of the year in which <paramref name="year"/> ends.</summary>
    public static DateOnly PublicationDeadline(ReportingYear year) => PublicationDay.In(year.SecondYear);

    /// <summary>Seven calendar days after the recorded publication date.</summary>
    public static DateOnly SubmissionDue(DateOnly publishedOn) => publishedOn.AddDays(SubmissionWithinDays);

    /// <summary>
    /// Until publication is recorded the submission deadline is provisional: seven days after the publication deadline,
    /// the last date a report published on time could be sent.
    /// </summary>
    public static DateOnly ProvisionalSubmissionDue(ReportingYear year) => SubmissionDue(PublicationDeadline(year));

    // An internal date is the configured day in the year the report is written (after the reporting year ends); it
    // must leave the report publishable by 30 September.
    private static DateOnly InternalDate(ReportingYear year, MonthDay day, DateOnly publication, string name)
    {
        var date = day.In(year.SecondYear);
        if (date <= year.EndsOn || date > publication)
        {
            throw new ArgumentException(
                $"The partnership's {name} ({day}) must fall between 04-01 and 09-30, after the reporting year ends and by the publication deadline.",
                name);
        }

        return date;
    }
}
