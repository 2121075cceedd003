using System.Net;
using System.Text;
using Safeguarding.Workflows.Host.Tests.RapidReviews;
using static Safeguarding.Workflows.Host.Tests.RapidReviews.ReviewsClient;

namespace Safeguarding.Workflows.Host.Tests.Processes;

/// <summary>
/// The rules every process kind shares for what it is sent: a body that is malformed (a value of the wrong type, or not
/// JSON at all) is a 400 problem naming the field and changes nothing; an id in a URL follows the kind's rule, a bad
/// one being a 400 naming <c>id</c> where it would create the process and a 404 anywhere else.
/// </summary>
public sealed class RequestRulesTests(SharedService service) : IClassFixture<SharedService>
{
    private const string Api = "/api/partnerships/staffordshire";
    private const string Party = """{"agency":"Staffordshire Police","name":"Sam Lee","email":"sam.lee@police.example.org"}""";

    public static TheoryData<string, string, string, string> WrongTypes => new()
    {
        { "PUT", "/rapid-reviews/rr-2026-950", """{"caseReference":"RR-2026-950","awareOn":5,"childLookedAfter":false,"outcome":"died","agencies":[]}""", "awareOn" },
        { "PUT", "/rapid-reviews/rr-2026-951", """{"caseReference":"RR-2026-951","awareOn":"2026-01-05","childLookedAfter":"no","outcome":"died","agencies":[]}""", "childLookedAfter" },
        { "PUT", "/rapid-reviews/rr-2026-952", """{"caseReference":"RR-2026-952","awareOn":"2026-01-05","childLookedAfter":false,"outcome":"died","agencies":[{"agency":"Police","contact":{"name":"Sam Lee","email":5}}]}""", "agencies[0].contact.email" },
        { "POST", "/rapid-reviews/rr-2026-953/events", """{"type":"panel-notified","on":20260105}""", "on" },
        { "PUT", "/practice-reviews/pr-2026-950", """{"caseReference":"PR-2026-950","decidedOn":["2026-01-05"]}""", "decidedOn" },
        { "POST", "/practice-reviews/pr-2026-951/events", """{"type":"checkpoint-held","on":"2026-01-05","checkpoint":"two"}""", "checkpoint" },
        { "PUT", "/meetings/board-950", """{"title":"Board","startsAt":"2026-02-14T10:00:00Z","papers":[{"id":"p","title":"P","author":{"name":"A","email":7,"agency":"X"}}]}""", "papers[0].author.email" },
        { "POST", "/meetings/board-951/notes", """{"summary":{"text":"S"}}""", "summary" },
        { "PUT", "/escalations/esc-950", $$"""{"raisedOn":"2026-01-05","raisedBy":{{Party}},"concerning":{{Party}},"summary":"S","immediateRisk":"yes"}""", "immediateRisk" },
        { "POST", "/escalations/esc-951/events", """{"type":"escalated","on":"2026-01-05","stage":"three"}""", "stage" },
        { "POST", "/annual-reports/2026/events", """{"type":"published","on":5}""", "on" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_the_field_for_every_kind(string method, string path, string body, string field)
    {
        var response = await SendAsync(method, path, body);

        await AssertFieldAsync(response, field);
        if (method == "PUT")
        {
            Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync(Api + path)).StatusCode);
        }
    }

    [Theory]
    [InlineData("PUT", "/rapid-reviews/rr-2026-960")]
    [InlineData("POST", "/rapid-reviews/rr-2026-960/events")]
    [InlineData("PUT", "/practice-reviews/pr-2026-960")]
    [InlineData("POST", "/practice-reviews/pr-2026-960/events")]
    [InlineData("PUT", "/meetings/board-960")]
    [InlineData("PUT", "/escalations/esc-960")]
    [InlineData("POST", "/annual-reports/2026/events")]
    public async Task A_body_that_is_not_json_is_a_400_naming_the_body_for_every_kind(string method, string path)
    {
        await AssertFieldAsync(await SendAsync(method, path, "caseReference=RR-2026-960"), "body");
        await AssertFieldAsync(await SendAsync(method, path, "[]"), "body");
    }

    [Theory]
    [InlineData("/rapid-reviews/jayden-smith")]      // no digit: it could be a name
    [InlineData("/rapid-reviews/RR-2026-970")]       // upper case
    [InlineData("/practice-reviews/pr_2026_970")]
    [InlineData("/meetings/Board_Meeting")]
    [InlineData("/escalations/esc_970")]
    public async Task An_id_against_the_kind_s_rule_is_refused_naming_id_and_is_never_found(string path)
    {
        await AssertFieldAsync(await SendAsync("PUT", path, "{}"), "id");
        await ProblemAsync(await service.Client.GetAsync(Api + path), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("rapid-reviews", "jayden-smith", true)]
    [InlineData("practice-reviews", "pr_2026_971", true)]
    [InlineData("meetings", "Board_Meeting", true)]
    [InlineData("escalations", "esc_971", true)]
    [InlineData("annual-reports", "2026", false)] // not a reporting year (its own routes name it year: a 400)
    public async Task The_generic_history_and_cancel_check_the_kind_s_id_rule_before_looking(string plural, string badId, bool sameAsOwnGet)
    {
        var expected = sameAsOwnGet
            ? (await ProblemAsync(await service.Client.GetAsync($"{Api}/{plural}/{badId}"), HttpStatusCode.NotFound)).GetProperty("detail").GetString()
            : $"There is no annual report '{badId}' in partnership 'staffordshire'.";

        var history = await ProblemAsync(await service.Client.GetAsync($"{Api}/{plural}/{badId}/history"), HttpStatusCode.NotFound);
        var cancel = await ProblemAsync(await SendAsync("POST", $"/{plural}/{badId}/cancel", """{"reason":"Opened in error"}"""), HttpStatusCode.NotFound);

        Assert.Equal(expected, history.GetProperty("detail").GetString());
        Assert.Equal(expected, cancel.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_bad_id_under_a_part_of_a_process_is_not_found_rather_than_refused()
    {
        // A paper's upload is a PUT, but not one that creates the meeting: there is no such meeting.
        using var form = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4"u8.ToArray()), "file", "paper.pdf" } };
        await ProblemAsync(await service.Client.PutAsync($"{Api}/meetings/Board_Meeting/papers/finance", form), HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> SendAsync(string method, string path, string body) =>
        service.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Api + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
}
