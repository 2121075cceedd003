using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Safeguarding.Workflows.Host.Tests.Partnerships;

public sealed class PartnershipsApiTests
{
    [Fact]
    public async Task The_six_presets_are_served()
    {
        await using var factory = new ServiceFactory();
        var partnerships = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/partnerships");

        Assert.Equal(
            ["brighton-and-hove", "east-sussex", "solihull", "staffordshire", "warwickshire", "west-sussex"],
            partnerships.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.All(partnerships.EnumerateArray(), p =>
        {
            Assert.False(string.IsNullOrEmpty(p.GetProperty("name").GetString()));
            Assert.Equal(
                ["local-authority", "police", "icb"],
                p.GetProperty("safeguardingPartners").EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        });
    }

    [Fact]
    public async Task One_partnership_with_its_arrangements_and_timescales()
    {
        await using var factory = new ServiceFactory();
        var response = await factory.CreateClient().GetAsync("/api/partnerships/staffordshire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var staffordshire = document.RootElement;
        Assert.Equal("Staffordshire Safeguarding Children Partnership", staffordshire.GetProperty("name").GetString());
        Assert.Equal("Assistant Chief Constable", staffordshire.GetProperty("safeguardingPartners")[1].GetProperty("delegatedOfficer").GetProperty("role").GetString());
        Assert.Equal("monthly", staffordshire.GetProperty("meetings").GetProperty("cadence").GetString());
        Assert.Equal("Board Manager", staffordshire.GetProperty("businessManager").GetProperty("role").GetString());
        var timescales = staffordshire.GetProperty("timescales");
        Assert.Equal(7, timescales.GetProperty("circulationDaysBeforeMeeting").GetInt32());
        Assert.Equal("notification", timescales.GetProperty("rapidReviewClockStart").GetString());
        Assert.Equal("09:00", timescales.GetProperty("sendTime").GetString());
        Assert.Equal("07-31", timescales.GetProperty("annualReportContributionsDue").GetString());
        Assert.Equal(4, timescales.GetProperty("escalationStages").GetArrayLength());
        Assert.False(staffordshire.TryGetProperty("membersAndDeputies", out _));
    }

    [Fact]
    public async Task An_unknown_partnership_is_a_404_problem()
    {
        await using var factory = new ServiceFactory();
        var response = await factory.CreateClient().GetAsync("/api/partnerships/atlantis");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Partnerships_are_read_from_the_configured_folder()
    {
        using var folder = new TestConfigFolder();
        folder.WritePartnership("solihull");
        await using var factory = new ServiceFactory(new Dictionary<string, string?> { ["Partnerships:Folder"] = folder.Path });

        var partnerships = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/partnerships");

        Assert.Equal("solihull", Assert.Single(partnerships.EnumerateArray()).GetProperty("id").GetString());
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { """{"timescales": {"notesWithinWorkingDays": 0}}""", "timescales.notesWithinWorkingDays" },
        { """{"timescales": {"rapidReviewClockStart": "whenever"}}""", "timescales.rapidReviewClockStart" },
        { """{"chairs": []}""", "chairs" },
        { """{"safeguardingPartners": []}""", "safeguardingPartners" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_partnership_file_stops_start_up_naming_the_file_and_field(string merge, string field)
    {
        using var folder = new TestConfigFolder();
        folder.WritePartnership("solihull");
        var bad = folder.WritePartnership("warwickshire", json =>
        {
            foreach (var (key, value) in System.Text.Json.Nodes.JsonNode.Parse(merge)!.AsObject().ToList())
            {
                var existing = json[key] as System.Text.Json.Nodes.JsonObject;
                if (existing is not null && value is System.Text.Json.Nodes.JsonObject inner)
                {
                    foreach (var (k, v) in inner.ToList())
                    {
                        existing[k] = v?.DeepClone();
                    }
                }
                else
                {
                    json[key] = value?.DeepClone();
                }
            }
        });
        await using var factory = new ServiceFactory(new Dictionary<string, string?> { ["Partnerships:Folder"] = folder.Path });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var message = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains(bad, message);
        Assert.Contains(field, message);
    }

    [Fact]
    public async Task A_missing_configured_folder_stops_start_up()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string?> { ["Partnerships:Folder"] = "/no/such/folder" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("/no/such/folder", string.Join(" | ", Flatten(error).Select(e => e.Message)));
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
