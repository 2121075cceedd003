using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Host.Tests.Security;
using Xunit.Abstractions;

namespace Safeguarding.Workflows.Host.Tests.OpenApi;

/// <summary>
/// The OpenAPI document tells the truth: 3 000 requests generated from it (read at run time, so new routes are covered
/// without anything to change here), sent by callers with and without credentials, of one partnership and of another,
/// to the service as it runs in production (Entra ID mode), get no 5xx and no status the document does not give for
/// that operation; every 4xx is a problem document, and every 2xx has a documented media type.
/// </summary>
public sealed class GeneratedRequestsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20261206;
    private const int Requests = 3000;

    /// <summary>A third system: business unit of Solihull only.</summary>
    private const string SolihullKey = "sgw-test-solihull-5c1e7a9b3d0f2e4c6a8b0d1f3e5c7a9b";

    private readonly SecureService service = new(new Dictionary<string, string?>
    {
        ["Security:RateLimit:RequestsPerSecond"] = "1000000",
        ["Security:RateLimit:Burst"] = "1000000",
        ["Auth:ApiKeys:solihull-system:Hash"] = ApiKeyHash.Of(SolihullKey),
        ["Auth:ApiKeys:solihull-system:Role"] = Roles.BusinessUnit,
        ["Auth:ApiKeys:solihull-system:Partnerships"] = SecureService.Other,
        // Small, so that papers over the limit are cheap to send.
        ["Meetings:MaxPaperBytes"] = "65536",
    });

    public Task InitializeAsync()
    {
        _ = service.Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task Generated_requests_get_no_5xx_and_only_documented_statuses()
    {
        var document = JsonNode.Parse(await service.Anonymous().GetStringAsync("/openapi/v1.json"))!;
        var forgedKey = new SymmetricSecurityKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        // Weighted by repetition: most requests come from callers who may do something, so they reach the handlers.
        var callers = new (string Name, int Weight, HttpClient Client)[]
        {
            ("no credentials", 2, service.Anonymous()),
            ("an unknown API key", 1, service.WithApiKey("sgw-not-a-configured-key")),
            ("a token signed by someone else", 1, service.WithToken(SecureService.Token("mallory@example.org", ["business-unit:*"], key: forgedKey))),
            ("Staffordshire's business-unit key", 6, service.WithApiKey(SecureService.CountyKey)),
            ("Staffordshire's agency-contributor key", 2, service.WithApiKey(SecureService.AgencyKey)),
            ("Solihull's business-unit key", 3, service.WithApiKey(SolihullKey)),
            ("a Staffordshire scrutineer", 2, service.As("scrutineer@staffordshire.example", $"scrutineer:{SecureService.Own}")),
            ("a business unit of every partnership", 2, service.As("operator@example.org", "business-unit:*")),
        };
        var clients = callers.ToDictionary(c => c.Name, c => c.Client);
        var generator = new RequestGenerator(document, [.. callers.SelectMany(c => Enumerable.Repeat(c.Name, c.Weight))], Seed);
        Assert.Contains(generator.Operations, o => o.Path == "/api/partnerships/{partnershipId}/processes");
        Assert.Contains(generator.Operations, o => o.Bodies.ContainsKey("multipart/form-data"));

        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var byOperation = generator.Operations.ToDictionary(o => o.ToString(), _ => new SortedSet<int>());
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
        {
            var request = generator.Next();
            using var message = request.ToMessage();
            using var response = await clients[request.Caller].SendAsync(message);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            byOperation[request.Operation.ToString()].Add(status);
            if (Problem(request, response, status) is { } problem)
            {
                failures.Add($"{problem} for {request}: {Short(await response.Content.ReadAsStringAsync())}");
            }
        }

        clock.Stop();
        output.WriteLine($"{Requests} requests over {generator.Operations.Count} operations in {clock.Elapsed.TotalSeconds:F1} s: "
            + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        foreach (var (operation, seen) in byOperation)
        {
            output.WriteLine($"  {operation}: {string.Join(" ", seen)}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Requests} generated requests were answered outside the document:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>What is wrong with the answer, or null when the document says it may be given.</summary>
    private static string? Problem(GeneratedRequest request, HttpResponseMessage response, int status)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (status >= 500)
        {
            return $"{status}";
        }

        if (!request.Operation.Documents(status))
        {
            return $"undocumented {status}";
        }

        if (status >= 400 && mediaType != "application/problem+json")
        {
            return $"{status} without a problem document ({mediaType ?? "no content type"})";
        }

        var documented = request.Operation.Responses.GetValueOrDefault(status.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? [];
        return status < 300 && documented.Count > 0 && !documented.Contains(mediaType ?? "", StringComparer.OrdinalIgnoreCase)
            ? $"{status} as {mediaType ?? "no content type"}, documented {string.Join(", ", documented)}"
            : null;
    }

    private static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
