using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>What the service refuses to start with, and what it says loudly when it starts.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Development_mode_is_refused_in_production()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string?> { ["Clock:Mode"] = "System" });
        var message = StartFailure(factory.WithWebHostBuilder(b => b.UseEnvironment("Production")));

        Assert.Contains("Auth:Mode=Development is refused in the Production environment", message);
    }

    /// <summary>The built host as an operator starts it: a refused setting is one line and exit code 78, not an abort (134).</summary>
    [Fact]
    public async Task A_refused_setting_stops_the_host_with_one_line_naming_it_and_exit_code_78()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Safeguarding.Workflows.Host.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Auth__Mode"] = "Development",
                ["Storage__ConnectionString"] = TestStorage.ConnectionString,
                ["Logging__Console__FormatterName"] = "simple",
            },
        };
        using var host = System.Diagnostics.Process.Start(start)!;
        var stderr = host.StandardError.ReadToEndAsync();
        var stdout = host.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await host.WaitForExitAsync(timeout.Token);

        Assert.Equal(78, host.ExitCode);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("Safeguarding Workflows did not start: ", line, StringComparison.Ordinal);
        Assert.Contains("Auth:Mode=Development is refused in the Production environment", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_needs_a_link_signing_key()
    {
        await using var service = new SecureService(new Dictionary<string, string?> { ["Clock:Mode"] = "System", ["Auth:LinkSigningKey"] = null });
        var message = StartFailure(service.Factory.WithWebHostBuilder(b => b.UseEnvironment("Production")));

        Assert.Contains("Auth:LinkSigningKey is required", message);
    }

    [Theory]
    [InlineData("Auth:EntraId:Audience", "", "Auth:EntraId:Audience is required")]
    [InlineData("Auth:EntraId:TenantId", "", "Auth:EntraId:TenantId (or Auth:EntraId:Authority) is required")]
    [InlineData("Auth:EntraId:Authority", "http://login.example/tenant", "must make an https URL")]
    [InlineData("Auth:LinkSigningKey", "c2hvcnQ=", "Auth:LinkSigningKey must be base64 of at least 32 bytes")]
    [InlineData("Auth:ApiKeys:police-system:Hash", "not-a-hash", "Auth:ApiKeys:police-system:Hash must be the 64 hex digits")]
    [InlineData("Auth:ApiKeys:police-system:Role", "admin", "Auth:ApiKeys:police-system:Role must be one of")]
    [InlineData("Auth:ApiKeys:police-system:Partnerships", " , ", "Auth:ApiKeys:police-system:Partnerships must name at least one")]
    [InlineData("Auth:EntraId:Groups:g1", "scrutineer", "Auth:EntraId:Groups:g1 must be comma-separated grants")]
    [InlineData("Auth:Mode", "Basic", "Auth:Mode")]
    public async Task Bad_settings_stop_the_service_naming_the_key_but_not_the_value(string key, string value, string expected)
    {
        await using var service = new SecureService(new Dictionary<string, string?> { [key] = value });
        var message = StartFailure(service.Factory);

        Assert.Contains(expected, message);
        if (key.EndsWith("Hash", StringComparison.Ordinal) || key.EndsWith("SigningKey", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(value, message.Replace(key, "", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("client-id", null, null, "needs exactly one of Auth:EntraId:ClientSecret and Auth:EntraId:ClientCertificate")]
    [InlineData("client-id", "s3cret-value~1", "bm90IGEgY2VydGlmaWNhdGU=", "needs exactly one of Auth:EntraId:ClientSecret and Auth:EntraId:ClientCertificate")]
    [InlineData("client-id", null, "bm90IGEgY2VydGlmaWNhdGU=", "Auth:EntraId:ClientCertificate must be base64 of a PKCS#12")]
    [InlineData(null, "s3cret-value~1", null, "is set without Auth:EntraId:ClientId")]
    public async Task Page_sign_in_needs_its_client_id_and_exactly_one_credential(string? clientId, string? secret, string? certificate, string expected)
    {
        await using var service = new SecureService(new Dictionary<string, string?>
        {
            ["Auth:EntraId:ClientId"] = clientId,
            ["Auth:EntraId:ClientSecret"] = secret,
            ["Auth:EntraId:ClientCertificate"] = certificate,
        });
        var message = StartFailure(service.Factory);

        Assert.Contains(expected, message);
        Assert.DoesNotContain("s3cret-value", message);
        Assert.DoesNotContain("bm90IGEgY2VydGlmaWNhdGU", message);
    }

    [Fact]
    public async Task Without_a_client_id_the_service_warns_that_pages_have_no_interactive_sign_in()
    {
        var logs = new LogCapture();
        await using var service = new SecureService(configureServices: s => logs.AddTo(s));
        _ = service.Factory.Server;

        Assert.Contains(logs.Lines, l => l.EventId.Id == 1517 && l.Level == LogLevel.Warning);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Anonymous().GetAsync("/partnerships/staffordshire")).StatusCode);
    }

    [Fact]
    public async Task Development_mode_says_so_loudly_and_acts_as_local_user_or_a_named_local_user()
    {
        var logs = new LogCapture();
        await using var factory = new ServiceFactory(
            new Dictionary<string, string?>
            {
                ["Auth:Development:Users:sam"] = null,
                ["Auth:Development:Users:sam:Role"] = Roles.Scrutineer,
                ["Auth:Development:Users:sam:Partnerships"] = "solihull, warwickshire",
            },
            configureServices: s => logs.AddTo(s));
        var local = factory.CreateClient();
        Assert.Equal(6, (await local.GetFromJsonAsync<List<JsonElement>>("/api/partnerships"))!.Count);

        var sam = factory.CreateClient();
        sam.DefaultRequestHeaders.Add(DevelopmentAuthenticationHandler.UserHeader, "sam");
        var seen = (await sam.GetFromJsonAsync<List<JsonElement>>("/api/partnerships"))!.Select(p => p.GetProperty("id").GetString()).Order();
        Assert.Equal(["solihull", "warwickshire"], seen);
        Assert.Equal(HttpStatusCode.NotFound, (await sam.GetAsync("/api/partnerships/staffordshire/processes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sam.PostAsJsonAsync("/api/partnerships/solihull/drills/x/cancel", new { reason = "x" })).StatusCode);

        var stranger = factory.CreateClient();
        stranger.DefaultRequestHeaders.Add(DevelopmentAuthenticationHandler.UserHeader, "mallory");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/partnerships")).StatusCode);

        Assert.Contains(logs.Lines, l => l.EventId.Id == 1510 && l.Level == LogLevel.Warning && l.Text.Contains("local-user", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.EventId.Id == 1512 && l.Level == LogLevel.Warning);
    }

    private static string StartFailure(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        var error = Record.Exception(() => factory.Server);
        Assert.NotNull(error);
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(i => i.Message));
            }
        }

        return string.Join("\n", messages);
    }
}
