using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Safeguarding.Workflows.Host.Tests.OpenApi;

namespace Safeguarding.Workflows.Host.Tests;

/// <summary>The OpenAPI document: who may call, what each operation can answer, files, and formats that match values.</summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private readonly ServiceFactory factory = new();
    private JsonNode document = null!;
    private IReadOnlyList<ApiOperation> operations = [];

    public async Task InitializeAsync()
    {
        document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        operations = ApiOperation.Of(document);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Serves_the_OpenAPI_document()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var served = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", served.RootElement.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task Unknown_route_is_a_problem_response()
    {
        var response = await factory.CreateClient().GetAsync("/no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Describes_the_API_only_not_the_pages_or_the_operators_dashboard()
    {
        Assert.Contains(operations, o => o.Path == "/api/partnerships/{partnershipId}/processes");
        Assert.All(operations, o => Assert.StartsWith("/api/", o.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Bearer_tokens_and_API_keys_are_the_security_schemes_of_every_secured_operation()
    {
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("http", (string?)schemes["Bearer"]!["type"]);
        Assert.Equal("bearer", (string?)schemes["Bearer"]!["scheme"]);
        Assert.Equal("apiKey", (string?)schemes["ApiKey"]!["type"]);
        Assert.Equal("header", (string?)schemes["ApiKey"]!["in"]);
        Assert.Equal("X-Api-Key", (string?)schemes["ApiKey"]!["name"]);

        // Every API route needs a caller today; one that did not would have no security and no 401.
        Assert.All(operations, o =>
        {
            Assert.True(o.Secured, $"{o} has no security requirement");
            var requirements = Operation(o)["security"]!.AsArray().Select(r => string.Join(",", r!.AsObject().Select(p => p.Key))).ToList();
            Assert.Equal(["Bearer", "ApiKey"], requirements);
            Assert.True(o.Documents(401) && o.Documents(403), $"{o} does not document 401 and 403");
        });
    }

    [Fact]
    public void Every_operation_documents_the_refusals_the_service_gives_before_its_handler()
    {
        Assert.All(operations, o =>
        {
            var expected = new List<int> { 429 };
            if (o.Parameters.Any(p => p.In == "path"))
            {
                expected.AddRange([400, 404]);
            }

            if (o.Method is "POST" or "PUT" or "PATCH")
            {
                expected.AddRange([400, 413, 415]);
            }

            Assert.All(expected, status => Assert.True(o.Documents(status), $"{o} does not document {status}"));
            Assert.All(o.Responses.Where(r => r.Key.StartsWith('4')), r => Assert.Equal(["application/problem+json"], r.Value));
        });

        Assert.True(Operation("GET", "/api/calendar/working-days").Documents(404), "a partnership named in the query can be hidden");
        var tooMany = Operation(Operation("GET", "/api/partnerships"))["responses"]!["429"]!;
        Assert.NotNull(tooMany["headers"]?["Retry-After"]);
    }

    [Theory]
    [InlineData("POST", "/api/partnerships/{partnershipId}/{kindPlural}/{id}/cancel")]
    [InlineData("PUT", "/api/partnerships/{partnershipId}/meetings/{id}")]
    [InlineData("PUT", "/api/partnerships/{partnershipId}/meetings/{id}/papers/{paperId}")]
    [InlineData("POST", "/api/partnerships/{partnershipId}/escalations/{id}/events")]
    [InlineData("PUT", "/api/partnerships/{partnershipId}/rapid-reviews/{id}")]
    [InlineData("POST", "/api/partnerships/{partnershipId}/annual-reports/{year}/compile")]
    public void Changes_a_process_state_can_refuse_document_409(string method, string path) =>
        Assert.True(Operation(method, path).Documents(409));

    [Fact]
    public void Reads_do_not_claim_409()
    {
        Assert.All(operations.Where(o => o.Method == "GET"), o => Assert.False(o.Documents(409), $"{o} documents 409"));
    }

    [Fact]
    public void Paper_uploads_and_document_downloads_are_described()
    {
        var upload = Operation(Operation("PUT", "/api/partnerships/{partnershipId}/meetings/{id}/papers/{paperId}"))["requestBody"]!;
        var form = upload["content"]!["multipart/form-data"]!["schema"]!;
        Assert.True((bool?)upload["required"]);
        Assert.Equal(["file"], form["required"]!.AsArray().Select(f => (string?)f));
        Assert.Equal("binary", (string?)form["properties"]!["file"]!["format"]);

        Assert.Contains("application/pdf", Operation("GET", "/api/partnerships/{partnershipId}/meetings/{id}/papers/{paperId}").Responses["200"]);
        foreach (var path in new[] { "/api/partnerships/{partnershipId}/annual-reports/{year}/documents/{name}", "/api/partnerships/{partnershipId}/escalations/{id}/documents/{name}" })
        {
            Assert.Equal(
                ["text/html", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
                Operation("GET", path).Responses["200"]);
        }
    }

    [Fact]
    public async Task Times_and_days_of_the_year_have_patterns_their_values_match()
    {
        var timescalesSchema = document["components"]!["schemas"]!["PartnershipTimescales"]!["properties"]!;
        var sendTime = timescalesSchema["sendTime"]!;
        Assert.Equal("string", (string?)sendTime["type"]);
        Assert.Null(sendTime["format"]); // JSON Schema's "time" needs an offset these values do not have
        var monthDay = document["components"]!["schemas"]!["MonthDay"]!;
        Assert.Equal("string", (string?)monthDay["type"]);

        var partnership = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/api/partnerships/staffordshire"))!;
        var timescales = partnership["timescales"]!;
        Assert.Matches(new Regex((string)sendTime["pattern"]!), (string)timescales["sendTime"]!);
        Assert.Matches(new Regex((string)monthDay["pattern"]!), (string)timescales["annualReportContributionsDue"]!);
        Assert.DoesNotMatch(new Regex((string)sendTime["pattern"]!), "09:00Z");
    }

    [Fact]
    public void Every_json_body_is_described_field_by_field()
    {
        var withBodies = operations.Where(o => o.Bodies.ContainsKey("application/json")).ToList();
        Assert.All(withBodies, o => Assert.True(
            Resolve(o.Bodies["application/json"])?["properties"] is JsonObject { Count: > 0 },
            $"{o} takes a JSON body the document does not describe: {o.Bodies["application/json"]?.ToJsonString()}"));

        // The kinds that read free-form bodies until issue 24: each field is named, nested ones too.
        var referral = Resolve(Operation("PUT", "/api/partnerships/{partnershipId}/rapid-reviews/{id}").Bodies["application/json"])!;
        Assert.All(new[] { "caseReference", "awareOn", "childLookedAfter", "outcome", "abuseOrNeglectKnownOrSuspected", "agencies" }, f => Assert.Contains(f, Properties(referral)));
        var agency = Resolve(referral["properties"]!["agencies"]!["items"])!;
        Assert.Equal(["agency", "contact"], Properties(agency));
        Assert.Contains("checkpoint", Properties(Resolve(Operation("POST", "/api/partnerships/{partnershipId}/practice-reviews/{id}/events").Bodies["application/json"])!));
        Assert.Contains("decidedOn", Properties(Resolve(Operation("PUT", "/api/partnerships/{partnershipId}/practice-reviews/{id}").Bodies["application/json"])!));
        Assert.Contains("contact", Properties(Resolve(Operation("POST", "/api/partnerships/{partnershipId}/rapid-reviews/{id}/events").Bodies["application/json"])!));
    }

    /// <summary>The schema a reference (or a nullable one-of) points at.</summary>
    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema is not null; i++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = document["components"]!["schemas"]![reference.Split('/')[^1]];
            }
            else if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray choices)
            {
                schema = choices.FirstOrDefault(c => c?["$ref"] is not null || c?["properties"] is not null);
            }
            else
            {
                return schema;
            }
        }

        return schema;
    }

    private static IReadOnlyList<string> Properties(JsonNode schema) => [.. schema["properties"]!.AsObject().Select(p => p.Key)];

    private ApiOperation Operation(string method, string path) => Assert.Single(operations, o => o.Method == method && o.Path == path);

    private JsonNode Operation(ApiOperation operation) => document["paths"]![operation.Path]![operation.Method.ToLowerInvariant()]!;
}
