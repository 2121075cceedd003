using System.Net;

namespace Safeguarding.Workflows.Host.Tests.Health;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthy_when_storage_answers()
    {
        await using var factory = new ServiceFactory();
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
