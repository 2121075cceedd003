using System.Net;
using Microsoft.AspNetCore.Routing.Patterns;
using Xunit.Abstractions;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>
/// The operators' pages (the Orleans dashboard under <c>/ops</c>): only operators reach them, whatever is typed into
/// their URLs never gets a 5xx, and never reaches the log (a line break there would forge a log line; a name there
/// would be kept).
/// </summary>
public sealed class OperationsSurfaceTests(ITestOutputHelper output)
{
    private const string Forged = "FORGED-LOG-LINE";
    private const string Name = "Fairweather-Oduya";

    /// <summary>Values for the dashboard's route parameters: not silo addresses, a line break, a name, a well-formed address of no silo.</summary>
    private static readonly string[] Typed =
    [
        "not-a-silo", $"x\r\n{Forged}", $"%0d%0a{Forged}", Name, "S10.0.0.1:1:1", "S127.0.0.1:11111:12345678", "..%2F..%2Fetc", "1", "-1",
    ];

    [Fact]
    public async Task Only_operators_open_the_dashboard()
    {
        await using var service = new SecureService();

        Assert.Equal(HttpStatusCode.Forbidden, (await service.WithApiKey(SecureService.CountyKey).GetAsync("/ops/dashboard/version")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As("manager@staffordshire.example", "business-unit:staffordshire").GetAsync("/ops/dashboard/version")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.As("operator@county.example", "operator:*").GetAsync("/ops/dashboard/version")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.As("manager@county.example", "business-unit:*").GetAsync("/ops/dashboard/version")).StatusCode);
    }

    [Fact]
    public async Task Whatever_is_typed_into_a_dashboard_url_gets_no_5xx_and_is_not_logged()
    {
        var logs = new LogCapture();
        await using var service = new SecureService(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            },
            s => logs.AddTo(s));
        _ = service.Factory.Server;
        var operatorClient = service.As("operator@county.example", "operator:*");
        var dashboard = EndpointCase.Of(service.Services).Where(e => e.Pattern.StartsWith("/ops/", StringComparison.Ordinal) && e.Method == "GET").ToList();
        Assert.NotEmpty(dashboard);

        var failures = new List<string>();
        var sent = 0;
        foreach (var endpoint in dashboard.Where(e => e.Endpoint.RoutePattern.Parameters.Count > 0))
        {
            foreach (var typed in Typed)
            {
                var values = endpoint.Endpoint.RoutePattern.Parameters.ToDictionary(p => p.Name, _ => typed);
                // EndpointCase escapes values; send the raw ones too (an address with a slash, a pre-encoded line break).
                foreach (var url in new[] { endpoint.Url(SecureService.Own, values), RawUrl(endpoint, typed) })
                {
                    using var response = await operatorClient.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                    sent++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{url}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        output.WriteLine($"{sent} requests to {dashboard.Count} dashboard routes");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var logged = logs.Lines.Where(l => l.Text.Contains(Forged, StringComparison.OrdinalIgnoreCase) || l.Text.Contains(Name, StringComparison.Ordinal)).ToList();
        Assert.True(logged.Count == 0, "Logged what was typed into a URL:\n" + string.Join("\n", logged.Select(l => $"{l.Category}: {l.Text}")));
    }

    private static string RawUrl(EndpointCase endpoint, string typed) =>
        "/" + string.Join('/', endpoint.Endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart => typed.Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal),
            _ => "",
        }))));
}
