using System.Net;
using System.Text.Json;

namespace Safeguarding.Workflows.Host.Tests;

public sealed class OpenApiTests
{
    [Fact]
    public async Task Serves_the_OpenAPI_document()
    {
        await using var factory = new ServiceFactory();
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task Unknown_route_is_a_problem_response()
    {
        await using var factory = new ServiceFactory();
        var response = await factory.CreateClient().GetAsync("/no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
