using Xunit.Abstractions;
using System.Net;
using System.Text;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>
/// Every endpoint the app maps (read from its endpoint table, so a new endpoint cannot be forgotten) × every kind of
/// caller × their own and another partnership, against the role table below.
/// </summary>
public sealed class AuthorisationMatrixTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The only endpoints anyone may call without credentials (a calendar feed: its secret address is its credential).</summary>
    private static readonly string[] AnonymousAllowList = ["/health", "/openapi/{documentName}.json", "/sign-out", "/signed-out", "/calendar/{file}"];

    /// <summary>
    /// Routes with no partnership in them that anyone signed in may call, because they answer the same to everyone
    /// (the calendar, the partnerships' published arrangements, the start page) or only what the caller's own
    /// partnerships may see (the outbox; <see cref="PartnershipIsolationTests"/>). Every other route must be
    /// partnership-scoped or for operators: a new route that is neither fails <see cref="Every_route_is_partnership_scoped_open_by_design_or_for_operators"/>.
    /// </summary>
    private static readonly string[] OpenByDesign =
    [
        "/", "/api/calendar/bank-holidays", "/api/calendar/working-days", "/api/partnerships",
        "/api/outbox", "/api/outbox/failed", "/api/outbox/failed/{id}/retry",
    ];

    /// <summary>The role table, written out independently of the service's own. Operate also needs a grant for every partnership.</summary>
    private static readonly Dictionary<string, Permission[]> RoleTable = new()
    {
        [Roles.BusinessUnit] = [Permission.Read, Permission.Write, Permission.BusinessUnit, Permission.Operate],
        [Roles.SafeguardingPartner] = [Permission.Read, Permission.Write],
        [Roles.Scrutineer] = [Permission.Read],
        [Roles.ReadOnly] = [Permission.Read],
        [Roles.AgencyContributor] = [],
        [Roles.Operator] = [Permission.Operate],
    };

    private readonly SecureService service = new();
    private IReadOnlyList<EndpointCase> endpoints = [];

    public Task InitializeAsync()
    {
        _ = service.Factory.Server;
        endpoints = EndpointCase.Of(service.Services);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    /// <param name="Everywhere">The grant is for every partnership (<c>*</c>), not only <see cref="SecureService.Own"/>.</param>
    private sealed record Caller(string Name, string? Role, Func<HttpClient> Client, bool Everywhere = false);

    private IEnumerable<Caller> Callers()
    {
        foreach (var role in Roles.All.Where(r => r != Roles.Operator))
        {
            yield return new Caller($"token {role}", role, () => service.As($"{role}@staffordshire.example", $"{role}:{SecureService.Own}"));
        }

        yield return new Caller("token operator", Roles.Operator, () => service.As("operator@county.example", "operator:*"), Everywhere: true);
        yield return new Caller("token business-unit of every partnership", Roles.BusinessUnit, () => service.As("manager@county.example", "business-unit:*"), Everywhere: true);
        // An operator grant names no single partnership: "operator:staffordshire" is no grant at all.
        yield return new Caller("token operator of one partnership", null, () => service.As("operator@staffordshire.example", $"operator:{SecureService.Own}"));
        yield return new Caller("api-key agency-contributor", Roles.AgencyContributor, () => service.WithApiKey(SecureService.AgencyKey));
        yield return new Caller("api-key business-unit", Roles.BusinessUnit, () => service.WithApiKey(SecureService.CountyKey));
        yield return new Caller("token without roles", null, () => service.As("nobody@example.org"));
    }

    [Fact]
    public void The_endpoint_table_is_read_and_only_the_allow_list_is_anonymous()
    {
        Assert.Contains(endpoints, e => e.Pattern == "/api/partnerships/{partnershipId}/processes");
        Assert.Contains(endpoints, e => e.Pattern == "/api/dev/clock" && e.Method == "POST");
        Assert.Equal("/api/calendar/working-days?partnership=solihull", Assert.Single(endpoints, e => e.Pattern == "/api/calendar/working-days").Url(SecureService.Other));
        Assert.True(endpoints.Count >= 10, $"only {endpoints.Count} endpoints found");
        Assert.Equal(AnonymousAllowList.Order(), endpoints.Where(e => e.IsAnonymous).Select(e => e.Pattern).Distinct().Order());
    }

    [Fact]
    public void Every_route_is_partnership_scoped_open_by_design_or_for_operators()
    {
        var unclassified = endpoints
            .Where(e => !e.HasPartnership && !e.IsAnonymous && e.Needed != Permission.Operate && !OpenByDesign.Contains(e.Pattern))
            .Select(e => e.ToString())
            .ToList();

        Assert.True(unclassified.Count == 0, "Routes outside any partnership that are neither open by design nor for operators:\n" + string.Join("\n", unclassified));
        Assert.All(endpoints.Where(e => e.Pattern.StartsWith("/ops", StringComparison.Ordinal) || e.Pattern.StartsWith("/api/dev", StringComparison.Ordinal)),
            e => Assert.Equal(Permission.Operate, e.Needed));
    }

    [Fact]
    public async Task Without_credentials_every_endpoint_but_the_allow_list_is_401()
    {
        var client = service.Anonymous();
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            using var response = await Send(client, endpoint, endpoint.Url(SecureService.Own));
            var ok = endpoint.IsAnonymous ? response.StatusCode != HttpStatusCode.Unauthorized : response.StatusCode == HttpStatusCode.Unauthorized;
            if (!ok)
            {
                failures.Add($"{endpoint}: {(int)response.StatusCode}");
            }
            else if (!endpoint.IsAnonymous)
            {
                await ExpectProblem(response, endpoint.ToString(), failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_endpoint_answers_every_caller_as_the_role_table_says()
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var caller in Callers())
        {
            var client = caller.Client();
            foreach (var endpoint in endpoints)
            {
                foreach (var partnership in endpoint.HasPartnership ? new[] { SecureService.Own, SecureService.Other } : [SecureService.Own])
                {
                    var expected = Expect(caller, endpoint, partnership);
                    using var response = await Send(client, endpoint, endpoint.Url(partnership));
                    checkedCount++;
                    var status = (int)response.StatusCode;
                    var what = $"{caller.Name} → {endpoint} in {partnership}: expected {expected}, got {status}";
                    var ok = expected switch
                    {
                        // The handler may refuse the made-up ids and empty body as it likes (the fuzz test looks at 5xx).
                        AccessOutcome.Allowed => status is not (401 or 403),
                        AccessOutcome.Hidden => status == 404,
                        _ => status == 403,
                    };
                    if (!ok)
                    {
                        failures.Add(what);
                    }
                    else if (status >= 400)
                    {
                        await ExpectProblem(response, what, failures);
                    }
                }
            }
        }

        output.WriteLine($"{checkedCount} requests over {endpoints.Count} endpoints");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount} requests wrong:\n" + string.Join("\n", failures));
    }

    private static AccessOutcome Expect(Caller caller, EndpointCase endpoint, string partnership)
    {
        var role = caller.Role;
        if (endpoint.IsAnonymous)
        {
            return AccessOutcome.Allowed;
        }

        if (endpoint.HasPartnership && (role is null || (partnership != SecureService.Own && !caller.Everywhere)))
        {
            return AccessOutcome.Hidden;
        }

        if (endpoint.Contributor is not null && role == Roles.AgencyContributor)
        {
            return AccessOutcome.Allowed;
        }

        var allowed = role is not null && RoleTable[role].Contains(endpoint.Needed) && (endpoint.Needed != Permission.Operate || caller.Everywhere);
        return allowed ? AccessOutcome.Allowed : AccessOutcome.Forbidden;
    }

    internal static Task<HttpResponseMessage> Send(HttpClient client, EndpointCase endpoint, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
        if (endpoint.HasBody)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        // Headers only: some endpoints (the dashboard's live trace) stream for as long as the client listens.
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static async Task ExpectProblem(HttpResponseMessage response, string what, List<string> failures)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{what}: not a problem response ({response.Content.Headers.ContentType}): {await response.Content.ReadAsStringAsync()}");
        }
    }
}
