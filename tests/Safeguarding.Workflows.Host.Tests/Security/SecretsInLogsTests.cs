using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Host.Tests.Durable;
using Xunit.Abstractions;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>
/// A busy scenario with every log category turned up to Trace, then a search of everything logged for the secrets
/// (API keys, link signatures, the link signing key, a bearer token's signature, the storage account key) and for
/// a child's name and date of birth sent in fields (body and query) the service refuses. Ids in a URL's path are
/// not searched for: ASP.NET routing and Orleans log paths and grain ids at Debug, so ids must never identify a child
/// (the API asks for non-identifying references), and the service never puts anything identifying in a path.
/// </summary>
public sealed class SecretsInLogsTests(ITestOutputHelper output)
{
    private const string ChildName = "Kayden Fairweather-Oduya";
    private const string ChildSurname = "Fairweather";
    private const string BirthDate = "2014-06-21";

    [Fact]
    public async Task Nothing_secret_or_identifying_is_logged()
    {
        var logs = new LogCapture();
        await using var service = new SecureService(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:System"] = "Trace",
                ["Logging:LogLevel:Orleans"] = "Debug",
            },
            s => logs.AddTo(s));
        _ = service.Factory.Server;
        var token = SecureService.Token("manager@staffordshire.example", ["business-unit:staffordshire"]);
        var manager = service.WithToken(token);
        foreach (var id in new[] { "r1", "r2" })
        {
            await new DrillClient(manager).StartAsync(id, []);
        }
        var links = service.Services.GetRequiredService<ContributorLinks>();
        var link = links.CreateToken(new LinkPurpose("agency-summary", SingleUse: true), new ProcessKey("staffordshire", "drill", "r1"), "police", DateTimeOffset.UtcNow.AddDays(30));
        var expiredLink = links.CreateToken(new LinkPurpose("agency-summary"), new ProcessKey("staffordshire", "drill", "r1"), "police", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var county = service.WithApiKey(SecureService.CountyKey);
        var nearMiss = service.WithApiKey(SecureService.CountyKey[..^1] + "0");
        var anonymous = service.Anonymous();
        var operatorClient = service.As("ops@county.example", "operator:*");

        var statuses = new List<HttpStatusCode>
        {
            // A child's name and date of birth where the service refuses them.
            await Status(manager.PostAsJsonAsync("/api/partnerships/staffordshire/drills/r1/cancel", new { reason = new { childName = ChildName, dateOfBirth = BirthDate } })),
            await Status(manager.PostAsync("/api/partnerships/staffordshire/drills/r1/cancel", Json($$"""{"reason": "{{ChildName}} born {{BirthDate}}\u202E"}"""))),
            await Status(manager.PostAsJsonAsync("/api/partnerships/staffordshire/drills/r1/cancel", new { reason = string.Concat(Enumerable.Repeat($"{ChildName} {BirthDate} ", 100)) })),
            await Status(manager.PostAsync("/api/partnerships/staffordshire/drills/r1/cancel", Json($$"""{"reason": 42, "child": "{{ChildName}}", "dob": "{{BirthDate}}"}"""))),
            await Status(manager.PostAsync("/api/partnerships/staffordshire/drills/r1/cancel", Json($$"""{"reason": "{{ChildName}} {{BirthDate}}" """))),
            await Status(operatorClient.PostAsJsonAsync("/api/dev/clock", new { setTo = $"{ChildName} {BirthDate}" })),
            await Status(operatorClient.PostAsJsonAsync("/api/dev/clock", new { advanceBy = ChildName })),
            await Status(manager.GetAsync($"/api/calendar/working-days?from={Uri.EscapeDataString(ChildName)}&add={BirthDate}")),
            await Status(manager.GetAsync($"/api/calendar/bank-holidays?year={BirthDate}")),
            await Status(manager.GetAsync($"/api/partnerships/staffordshire/processes?dueBefore={Uri.EscapeDataString(ChildName)}&kind={BirthDate}")),
            await Status(manager.GetAsync($"/api/partnerships/staffordshire/processes?top={Uri.EscapeDataString(ChildName)}&status={BirthDate}")),
            await Status(manager.GetAsync($"/api/partnerships/staffordshire/processes?continuationToken={Uri.EscapeDataString(ChildName + BirthDate)}")),
            await Status(manager.PostAsync("/api/partnerships/staffordshire/drills/r1/cancel", new StringContent($"reason={ChildName}&dob={BirthDate}", Encoding.UTF8, "application/x-www-form-urlencoded"))),
            await Status(anonymous.GetAsync($"/api/partnerships/staffordshire/processes?child={Uri.EscapeDataString(ChildName)}")),

            // Secrets in use, right and wrong.
            await Status(county.PostAsJsonAsync("/api/partnerships/staffordshire/drills/r2/cancel", new { reason = "Closed in the case system" })),
            await Status(nearMiss.GetAsync("/api/partnerships/staffordshire/processes")),
            await Status(anonymous.GetAsync($"/api/partnerships/staffordshire/processes?link={link}")),
            await Status(anonymous.PostAsync($"/api/partnerships/staffordshire/drills/r1/cancel?link={link}", Json("""{"reason":"x"}"""))),
            await Status(anonymous.GetAsync($"/api/partnerships/staffordshire/processes?link={expiredLink}")),
            await Status(anonymous.GetAsync($"/api/partnerships/staffordshire/processes?link={link[..^3]}abc")),
            await Status(manager.GetAsync("/api/partnerships/staffordshire/drills/r2/history")),
            await Status(service.WithToken(token[..^4] + "AAAA").GetAsync("/api/partnerships")),
        };

        Assert.Equal(HttpStatusCode.OK, statuses[14]);
        Assert.Equal(11, statuses.Take(11).Count(s => s is HttpStatusCode.BadRequest or HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[15]);

        var connectionString = TestStorage.ConnectionString;
        var accountKey = connectionString.Split(';').Select(p => p.Split('=', 2)).Where(p => p[0] == "AccountKey").Select(p => p[1]).SingleOrDefault();
        var secrets = new Dictionary<string, string>
        {
            ["agency API key"] = SecureService.AgencyKey,
            ["county API key"] = SecureService.CountyKey,
            ["county API key (near miss)"] = SecureService.CountyKey[..^1] + "0",
            ["link"] = link,
            ["link signature"] = link.Split('.')[1],
            ["expired link signature"] = expiredLink.Split('.')[1],
            ["link signing key"] = SecureService.LinkSigningKey,
            ["link signing key (hex)"] = Convert.ToHexString(Convert.FromBase64String(SecureService.LinkSigningKey)),
            ["bearer token signature"] = token.Split('.')[2],
            ["child's name"] = ChildName,
            ["child's surname"] = ChildSurname,
            ["child's date of birth"] = BirthDate,
        };
        if (accountKey is not null)
        {
            secrets["storage account key"] = accountKey;
        }

        var lines = logs.Lines.ToList();
        output.WriteLine($"{lines.Count} log lines; {lines.Count(l => l.Level <= LogLevel.Debug)} at Debug or below");
        Assert.True(lines.Count > 100, $"only {lines.Count} log lines were captured");
        Assert.Contains(lines, l => l.Category.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal) && l.Level == LogLevel.Debug);
        Assert.Contains(lines, l => l.EventId.Id == 1501); // the refused API key was logged, without the key
        Assert.Contains(lines, l => l.EventId.Id == 1502); // the refused links too

        var leaks = (from line in lines
                     from secret in secrets
                     where line.Text.Contains(secret.Value, StringComparison.OrdinalIgnoreCase)
                     select $"{secret.Key} in {line.Category} ({line.EventId}): {line.Text[..Math.Min(300, line.Text.Length)]}").ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    private static async Task<HttpStatusCode> Status(Task<HttpResponseMessage> request) => (await request).StatusCode;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
