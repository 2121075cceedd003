using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Safeguarding.Workflows.Host.Tests.Meetings.MeetingsClient;

namespace Safeguarding.Workflows.Host.Tests.Meetings;

/// <summary>Bad requests are refused with problems naming the field (400), the type (415) or the size (413), and change nothing.</summary>
public sealed class MeetingValidationTests : IAsyncLifetime
{
    private readonly ServiceFactory factory = new(new Dictionary<string, string?> { ["Meetings:MaxPaperBytes"] = "2048" });
    private MeetingsClient meetings = null!;

    public async Task InitializeAsync()
    {
        meetings = new MeetingsClient(factory);
        (await meetings.ScheduleAsync("board", At("2026-02-14T10:00:00Z"))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    public static TheoryData<string, string> BadMeetings => new()
    {
        { """{"startsAt":"2026-02-14T10:00:00Z","papers":[]}""", "title" },
        { $$"""{"title":"{{new string('x', 201)}}","startsAt":"2026-02-14T10:00:00Z","papers":[]}""", "title" },
        { """{"title":"Board","startsAt":"2026-02-14 10:00:00","papers":[]}""", "startsAt" },
        { """{"title":"Board","startsAt":"2026-02-14","papers":[]}""", "startsAt" },
        { """{"title":"Board","startsAt":"2026-02-30T10:00:00","papers":[]}""", "startsAt" },
        { """{"title":"Board","startsAt":"14/02/2026","papers":[]}""", "startsAt" },
        { """{"title":"Board","startsAt":"2026-01-01T10:00:00Z","papers":[]}""", "startsAt" },
        { """{"title":"Board","startsAt":"2026-02-14T10:00:00Z","papers":[{"id":"Bad Id","title":"P","author":{"name":"A","email":"a@x.example.org","agency":"X"}}]}""", "papers[0].id" },
        { """{"title":"Board","startsAt":"2026-02-14T10:00:00Z","papers":[{"id":"p","title":"P","author":{"name":"A","email":"a@x.example.org","agency":"X"}},{"id":"p","title":"Q","author":{"name":"B","email":"b@x.example.org","agency":"X"}}]}""", "papers[1].id" },
        { """{"title":"Board","startsAt":"2026-02-14T10:00:00Z","papers":[{"id":"p","title":"P","author":{"name":"A","email":"not-an-email","agency":"X"}}]}""", "papers[0].author.email" },
        { """{"title":"Board","startsAt":"2026-02-14T10:00:00Z","papers":[{"id":"p","title":"","author":{"name":"A","email":"a@x.example.org","agency":"X"}}]}""", "papers[0].title" },
        { """{"title":"Board","startsAt":"2026-02-14T10:00:00Z","papers":[{"id":"p","title":"P"}]}""", "papers[0].author" },
        { """{"title":42,"startsAt":"2026-02-14T10:00:00Z"}""", "title" },
    };

    [Theory]
    [MemberData(nameof(BadMeetings))]
    public async Task A_bad_meeting_is_a_400_naming_the_field_and_creates_nothing(string body, string field)
    {
        var response = await meetings.Http.PutAsync(meetings.Path("other"), new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblem(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.NotFound, (await meetings.Http.GetAsync(meetings.Path("other"))).StatusCode);
    }

    /// <summary>Issue 25: a start without an offset is the time on London's clocks (GMT in winter, BST in summer).</summary>
    [Theory]
    [InlineData("2026-02-14T10:00:00", "2026-02-14T10:00:00Z")] // GMT
    [InlineData("2026-07-14T10:00", "2026-07-14T09:00:00Z")] // BST
    [InlineData("2026-03-29T01:30:00", "2026-03-29T01:00:00Z")] // skipped when the clocks go forward: 02:00 BST
    [InlineData("2026-10-25T01:30:00", "2026-10-25T00:30:00Z")] // passed twice when they go back: the first, in BST
    [InlineData("2026-07-14T10:00:00+02:00", "2026-07-14T08:00:00Z")] // an offset still says which instant
    public async Task A_start_without_an_offset_is_london_time(string startsAt, string instant)
    {
        var id = $"london-{Guid.NewGuid():N}"[..20];
        var response = await meetings.Http.PutAsJsonAsync(meetings.Path(id), new { title = "Board", startsAt, papers = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var meeting = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(At(instant), meeting.GetProperty("startsAt").GetDateTimeOffset());

        // The same request again is the same meeting; a reschedule reads its start the same way.
        Assert.Equal(HttpStatusCode.OK, (await meetings.Http.PutAsJsonAsync(meetings.Path(id), new { title = "Board", startsAt, papers = Array.Empty<object>() })).StatusCode);
        var moved = await meetings.PostAsync(id, "reschedule", new { startsAt = "2026-08-04T18:30" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(At("2026-08-04T17:30:00Z"), (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("startsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_meeting_id_that_is_not_url_safe_is_refused()
    {
        await AssertProblem(await meetings.ScheduleAsync("Board_Meeting", At("2026-02-14T10:00:00Z")), HttpStatusCode.BadRequest, "id");
    }

    [Theory]
    [InlineData("""{"summary":"S","actions":[{"id":"a","title":"T","owner":{"name":"O","email":"o@x.example.org","agency":"X"},"dueOn":"2025-12-01"}]}""", "actions[0].dueOn")]
    [InlineData("""{"summary":"S","actions":[{"id":"a","title":"T","owner":{"name":"O","email":"o@x.example.org","agency":"X"},"dueOn":"13/03/2026"}]}""", "actions[0].dueOn")]
    [InlineData("""{"actions":[]}""", "summary")]
    [InlineData("""{"summary":"S","actions":[{"id":"a","title":"Two\nlines","owner":{"name":"O","email":"o@x.example.org","agency":"X"},"dueOn":"2026-03-01"}]}""", "actions[0].title")]
    public async Task Bad_notes_are_400s_naming_the_field(string body, string field)
    {
        var response = await meetings.Http.PostAsync($"{meetings.Path("board")}/notes", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_declaration_about_an_unknown_paper_is_refused()
    {
        var response = await meetings.PostAsync("board", "attendance", new
        {
            present = new[] { new { agency = "Staffordshire Police", role = "lead" } },
            declarations = new[] { new { agency = "Staffordshire Police", role = "lead", interest = "I", paperId = "nope" } },
        });
        await AssertProblem(response, HttpStatusCode.BadRequest, "declarations[0].paperId");
    }

    [Theory]
    [InlineData("paper.exe", "MZ-executable", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("paper.pdf", "PK\u0003\u0004zip-not-pdf", HttpStatusCode.UnsupportedMediaType)] // right name, wrong content
    [InlineData("paper.docx", "%PDF-1.7 pdf-not-docx", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("paper.txt", "%PDF-1.7", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("paper.docx", "PK\u0003\u0004 a word document", HttpStatusCode.OK)]
    [InlineData("paper.XLSX", "PK\u0003\u0004 a spreadsheet", HttpStatusCode.OK)]
    [InlineData("paper.pptx", "PK\u0003\u0004 slides", HttpStatusCode.OK)]
    [InlineData("paper.odt", "PK\u0003\u0004 open document", HttpStatusCode.OK)]
    [InlineData("paper.pdf", "%PDF-1.4 a pdf", HttpStatusCode.OK)]
    public async Task Only_pdf_and_office_documents_are_accepted_by_name_and_content(string fileName, string content, HttpStatusCode expected)
    {
        var response = await meetings.UploadAsync("board", "performance", Encoding.Latin1.GetBytes(content), fileName);

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_refused_upload_stores_nothing_and_a_repeated_one_is_a_new_version()
    {
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await meetings.UploadAsync("board", "audit", "MZ"u8.ToArray(), "audit.exe")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await meetings.Http.GetAsync($"{meetings.Path("board")}/papers/audit")).StatusCode);
        var paper = (await meetings.GetAsync("board")).GetProperty("papers")[1];
        Assert.Equal("awaited", paper.GetProperty("status").GetString());

        await meetings.UploadAsync("board", "audit", Pdf, "v1.pdf");
        var second = await (await meetings.UploadAsync("board", "audit", [.. Pdf, .. "more"u8.ToArray()], "v2.pdf")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal("v2.pdf", second.GetProperty("fileName").GetString());
        Assert.Equal(Pdf, await (await meetings.Http.GetAsync($"{meetings.Path("board")}/papers/audit?version=1")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_paper_over_the_configured_size_is_413_and_stores_nothing()
    {
        var tooBig = new byte[2049];
        "%PDF"u8.CopyTo(tooBig);

        await AssertProblem(await meetings.UploadAsync("board", "health", tooBig, "big.pdf"), HttpStatusCode.RequestEntityTooLarge, field: null);
        var wayTooBig = new byte[3 * 1024 * 1024];
        "%PDF"u8.CopyTo(wayTooBig);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await meetings.UploadAsync("board", "health", wayTooBig, "huge.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await meetings.Http.GetAsync($"{meetings.Path("board")}/papers/health")).StatusCode);
    }

    [Fact]
    public async Task Uploads_need_multipart_with_a_file_field_and_a_known_paper()
    {
        var json = await meetings.Http.PutAsync($"{meetings.Path("board")}/papers/audit", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        await AssertProblem(await meetings.UploadAsync("board", "audit", Pdf, field: "document"), HttpStatusCode.BadRequest, "file");
        Assert.Equal(HttpStatusCode.NotFound, (await meetings.UploadAsync("board", "no-such-paper", Pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await meetings.UploadAsync("no-such-meeting", "audit", Pdf)).StatusCode);
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            var errors = problem.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"Expected an error for '{field}', got {errors}.");
        }
    }
}
