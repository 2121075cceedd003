using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>
/// A small app with the service's security (<see cref="SecuritySetup"/>) and link-authorised form endpoints of the
/// shapes the process features use, against Azurite: the mechanism on its own, whatever endpoints have landed.
/// </summary>
public sealed class LinkApp : IAsyncDisposable
{
    public static readonly LinkPurpose AgencySummary = new("agency-summary", SingleUse: true);
    public static readonly LinkPurpose SectionDraft = new("section-draft");
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly WebApplication app;

    private LinkApp(WebApplication app) => this.app = app;

    public IServiceProvider Services => app.Services;

    public ContributorLinks Links => app.Services.GetRequiredService<ContributorLinks>();

    public WorkflowClock Clock => app.Services.GetRequiredService<WorkflowClock>();

    /// <summary>Accepted submissions, by route, with their actor.</summary>
    public List<string> Accepted { get; } = [];

    public HttpClient Client() => app.GetTestClient();

    public static async Task<LinkApp> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestStorage.ConnectionString,
            ["Storage:Prefix"] = "l" + Guid.NewGuid().ToString("N")[..10],
            ["Auth:Mode"] = "EntraId",
            ["Auth:EntraId:TenantId"] = "test-tenant",
            ["Auth:EntraId:Audience"] = SecureService.Audience,
            ["Auth:LinkSigningKey"] = SecureService.LinkSigningKey,
            ["Auth:ApiKeys:police-system:Hash"] = ApiKeyHash.Of(SecureService.AgencyKey),
            ["Auth:ApiKeys:police-system:Role"] = Roles.AgencyContributor,
            ["Auth:ApiKeys:police-system:Partnerships"] = SecureService.Own,
            ["Auth:ApiKeys:police-system:Items"] = "police",
        });
        builder.AddHttpConventions();
        builder.AddSecurity();
        builder.Services.AddWorkflowStorage(builder.Configuration);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ClockOptions>().Configure(o =>
        {
            o.Mode = ClockMode.Simulated;
            o.SimulatedStart = Start;
        });
        builder.Services.AddSingleton<WorkflowClock>();
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.Configuration = new OpenIdConnectConfiguration { Issuer = SecureService.Issuer };
            o.Configuration.SigningKeys.Add(SecureService.TokenKey);
        });

        var app = builder.Build();
        var linkApp = new LinkApp(app);
        app.UseHttpConventions();
        app.UseSecurity();
        linkApp.Map(app);
        await app.StartAsync();
        return linkApp;
    }

    public sealed record Submission(string? Text);

    private void Map(IEndpointRouteBuilder routes)
    {
        var reviews = routes.MapGroup("/api/partnerships/{partnershipId}/rapid-reviews");
        reviews.MapGet("/{id}/agency-summaries/{agency}", (string agency) => TypedResults.Ok(new { form = agency }))
            .RequireContributorLink(AgencySummary, "rapid-review", itemRouteValue: "agency");
        reviews.MapPost("/{id}/agency-summaries/{agency}", Submit)
            .RequireContributorLink(AgencySummary, "rapid-review", itemRouteValue: "agency");
        reviews.MapPost("/{id}/events", Submit);
        routes.MapPut("/api/partnerships/{p}/annual-reports/{year}/sections/{n}", Submit)
            .RequireContributorLink(SectionDraft, "annual-report", itemRouteValue: "n", idRouteValue: "year");
        routes.MapGet("/api/partnerships/{partnershipId}/processes", () => TypedResults.Ok(Array.Empty<string>()));
    }

    // Refuses the text "bad", as a real form would refuse an invalid submission.
    private Results<Ok<string>, ValidationProblem> Submit(Submission submission, HttpContext context)
    {
        if (submission.Text == "bad")
        {
            return Problems.Invalid("text", "Not acceptable.");
        }

        var actor = RequestActor.Of(context);
        lock (Accepted)
        {
            Accepted.Add($"{context.Request.Path} by {actor}");
        }

        return TypedResults.Ok(actor);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
