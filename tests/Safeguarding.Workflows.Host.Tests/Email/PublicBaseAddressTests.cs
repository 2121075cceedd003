using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Host.Email;
using Safeguarding.Workflows.Notifications;

namespace Safeguarding.Workflows.Host.Tests.Email;

/// <summary>
/// Emailed links point at the address the service listens on unless <c>Email:PublicBaseUrl</c> says otherwise, so
/// <c>PORT=7401 ./run.sh</c> (which passes <c>--urls http://localhost:7401</c>) emails links to port 7401.
/// </summary>
public sealed class PublicBaseAddressTests
{
    [Theory]
    [InlineData("urls", "http://localhost:7401", "http://localhost:7401")]
    [InlineData("urls", "http://*:7401;https://*:7402", "http://localhost:7401")]
    [InlineData("urls", "https://+:8443", "https://localhost:8443")]
    [InlineData("urls", "http://0.0.0.0:80/", "http://localhost")]
    [InlineData("urls", "http://[::]:7401", "http://localhost:7401")]
    [InlineData("urls", "http://[::1]:7401", "http://[::1]:7401")]
    [InlineData("urls", "http://workflows.internal:7401", "http://workflows.internal:7401")]
    [InlineData("http_ports", "7600", "http://localhost:7600")]
    [InlineData("Kestrel:Endpoints:Web:Url", "http://localhost:7500", "http://localhost:7500")]
    [InlineData("unrelated", "x", PublicBaseAddress.AspNetDefault)]
    public void The_default_is_the_first_address_the_service_listens_on(string key, string value, string expected)
    {
        Assert.Equal(expected, PublicBaseAddress.Of(Settings(new() { [key] = value })));
    }

    [Fact]
    public void A_Kestrel_endpoint_comes_before_the_urls_it_overrides()
    {
        Assert.Equal("http://localhost:7500", PublicBaseAddress.Of(Settings(new() { ["Kestrel:Endpoints:Web:Url"] = "http://localhost:7500", ["urls"] = "http://localhost:7401" })));
    }

    private static IConfiguration Settings(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public async Task The_host_emails_links_to_its_own_port_and_an_explicit_setting_still_wins()
    {
        await using (var listening = new ServiceFactory(new Dictionary<string, string?> { ["urls"] = "http://localhost:7401" }))
        {
            Assert.Equal("http://localhost:7401", listening.Services.GetRequiredService<IOptions<EmailOptions>>().Value.PublicBaseUrl);
        }

        await using var configured = new ServiceFactory(new Dictionary<string, string?> { ["urls"] = "http://localhost:7401", ["Email:PublicBaseUrl"] = "https://workflows.partnership.example" });
        Assert.Equal("https://workflows.partnership.example", configured.Services.GetRequiredService<IOptions<EmailOptions>>().Value.PublicBaseUrl);
    }
}
