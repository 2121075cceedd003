using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Meetings;

/// <summary>
/// <c>/partnerships/{p}/meeting-series[/{seriesId}]</c>: sets up (or changes) a recurring meeting — title, first date,
/// start time, place, how often, how many meetings to keep scheduled, and the standing papers — with
/// <see cref="MeetingSeriesCommands.SaveAsync"/>, which schedules its next meetings at once; then Post/Redirect/Get to
/// the meetings list with a success banner.
/// </summary>
public sealed class SeriesModel(PartnershipDirectory partnerships, MeetingSeriesCommands commands) : FormPage
{
    public const int PaperRows = 5;

    /// <summary>The series being changed; null when setting one up.</summary>
    public MeetingSeries? Existing { get; private set; }

    public static IReadOnlyList<Choice> Frequencies { get; } =
    [
        new("1", "Every month"),
        new("2", "Every 2 months"),
        new("3", "Every 3 months"),
    ];

    public async Task<IActionResult> OnGetAsync(string p, string? seriesId, CancellationToken cancellationToken)
    {
        if (await FindAsync(p, seriesId, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        if (Existing is { } series)
        {
            Form.Set("title", series.Title);
            Form.SetDate("date", series.FirstOn);
            Form.Set("time", series.StartsAt.ToString("HH:mm", CultureInfo.InvariantCulture));
            Form.Set("location", series.Location ?? "");
            Form.Set("every", series.EveryMonths.ToString(CultureInfo.InvariantCulture));
            Form.Set("ahead", series.Ahead.ToString(CultureInfo.InvariantCulture));
            for (var i = 0; i < series.Papers.Count && i < PaperRows; i++)
            {
                var paper = series.Papers[i];
                Form.Set(RowId(i, "title"), paper.Title);
                if (MeetingPeople.Of(Partnership).Any(c => string.Equals(c.Email, paper.Author.Email, StringComparison.OrdinalIgnoreCase) && c.Name == paper.Author.Name))
                {
                    Form.Set(RowId(i, "person"), paper.Author.Email);
                }
                else
                {
                    Form.Set(RowId(i, "name"), paper.Author.Name);
                    Form.Set(RowId(i, "email"), paper.Author.Email);
                    Form.Set(RowId(i, "agency"), paper.Author.Agency);
                }
            }
        }
        else
        {
            Form.Set("every", "1");
            Form.Set("ahead", "3");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string p, string? seriesId, CancellationToken cancellationToken)
    {
        if (await FindAsync(p, seriesId, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        if (Read() is not { } series)
        {
            return Invalid();
        }

        if (Existing is null && await commands.GetAsync(p, series.Id, cancellationToken) is not null)
        {
            Form.Fail("title", "There is already a recurring meeting with this title: change that one, or give this one another title");
            return Invalid();
        }

        var scheduled = await commands.SaveAsync(p, series, RequestActor.Of(HttpContext), cancellationToken);
        return Redirect($"/partnerships/{p}/meetings?done=series-saved&series={Uri.EscapeDataString(series.Id)}&scheduled={scheduled}");
    }

    public static string RowId(int row, string field) => $"papers-{row}-{field}";

    private async Task<IActionResult?> FindAsync(string p, string? seriesId, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        if (seriesId is not null)
        {
            Existing = await commands.GetAsync(p, seriesId, cancellationToken);
            if (Existing is null)
            {
                return PageResults.NotFound($"There is no recurring meeting '{seriesId}'.");
            }
        }

        return null;
    }

    /// <summary>The series the form describes, or null with its errors on the form.</summary>
    private MeetingSeries? Read()
    {
        var title = Form.Value("title");
        if (title.Length == 0)
        {
            Form.Fail("title", "Enter the title of the meeting");
        }
        else if (title.Length > MeetingValidation.MaxTitle)
        {
            Form.Fail("title", $"The title must be {MeetingValidation.MaxTitle} characters or fewer");
        }

        var date = Form.Date("date", "The date of the first meeting");
        if (date is null && Form.ErrorFor("date") is null)
        {
            Form.Fail("date", "Enter the date of the first meeting", "date-day");
        }

        var time = Form.Value("time") is { Length: > 0 } timeText ? MeetingWhen.ParseTime(timeText) : null;
        if (time is null)
        {
            Form.Fail("time", Form.Value("time").Length == 0 ? "Enter the start time" : "Enter the start time as a time of day, like 10:00 or 2pm");
        }

        var location = Form.Optional("location");
        if (location is { Length: > MeetingValidation.MaxText })
        {
            Form.Fail("location", $"The location must be {MeetingValidation.MaxText} characters or fewer");
        }

        if (!int.TryParse(Form.Value("every"), NumberStyles.None, CultureInfo.InvariantCulture, out var every) || !MeetingSeries.Frequencies.Contains(every))
        {
            Form.Fail("every", "Choose how often the meeting is held");
        }

        if (!int.TryParse(Form.Value("ahead"), NumberStyles.None, CultureInfo.InvariantCulture, out var ahead) || ahead is < 1 or > MeetingSeries.MaxAhead)
        {
            Form.Fail("ahead", $"Enter how many meetings to keep scheduled, a whole number from 1 to {MeetingSeries.MaxAhead}");
        }

        var papers = ImmutableList.CreateBuilder<StandingPaper>();
        for (var i = 0; i < PaperRows; i++)
        {
            if (!new[] { "title", "person", "name", "email", "agency" }.Any(f => Form.Value(RowId(i, f)).Length > 0))
            {
                continue;
            }

            var n = i + 1;
            var author = MeetingPeople.Author(Form, Partnership, RowId(i, ""), $"Choose the author of standing paper {n} from the list, or someone else");
            var validation = new MeetingValidation();
            var request = validation.Paper(new PaperBody("paper", Form.Optional(RowId(i, "title")), author));
            foreach (var (path, _) in validation.Errors)
            {
                switch (path)
                {
                    case "title":
                        Form.Fail(RowId(i, "title"), $"Enter the title of standing paper {n}, in {MeetingValidation.MaxTitle} characters or fewer");
                        break;
                    case "author.name":
                        Form.Fail(RowId(i, "name"), $"Enter the name of the author of standing paper {n}, or choose them from the list");
                        break;
                    case "author.email":
                        Form.Fail(RowId(i, "email"), $"Enter the email address of the author of standing paper {n}, like name@example.com");
                        break;
                    case "author.agency":
                        Form.Fail(RowId(i, "agency"), $"Enter the agency of the author of standing paper {n}");
                        break;
                }
            }

            if (request is not null)
            {
                papers.Add(new StandingPaper(request.Title, request.Author));
            }
        }

        if (Form.HasErrors)
        {
            return null;
        }

        var id = Existing?.Id ?? IdFor(title);
        return new MeetingSeries(id, title, DateOnly.ParseExact(date!, "yyyy-MM-dd", CultureInfo.InvariantCulture), time!.Value, location, every, ahead, papers.ToImmutable());
    }

    /// <summary>A series id from its title: "Partnership board" → <c>partnership-board</c>.</summary>
    private static string IdFor(string title)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(title.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        words = words.Length > MeetingSeries.MaxIdLength ? words[..MeetingSeries.MaxIdLength].TrimEnd('-') : words;
        return words.Length == 0 ? "meeting" : words;
    }
}
