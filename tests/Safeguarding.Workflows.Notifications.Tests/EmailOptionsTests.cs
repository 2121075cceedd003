using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Notifications.Sending;
using Safeguarding.Workflows.Notifications.Sending.Graph;
using Safeguarding.Workflows.Notifications.Sending.Outbox;
using Safeguarding.Workflows.Notifications.Sending.SendGrid;

namespace Safeguarding.Workflows.Notifications.Tests;

public sealed class EmailOptionsTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)).Append(new("Storage:ConnectionString", TestStorage.ConnectionString)))
            .Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddEmailDelivery(configuration).BuildServiceProvider();
    }

    [Fact]
    public void The_defaults_are_the_outbox_provider_and_valid()
    {
        using var services = Services();

        var options = services.GetRequiredService<IOptions<EmailOptions>>().Value;

        Assert.Equal(EmailProvider.Outbox, options.Provider);
        Assert.Equal(8, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), options.PollInterval);
        Assert.Equal("http://localhost:7071", options.PublicBaseUrl);
        Assert.IsType<OutboxSender>(services.GetRequiredService<IEmailSender>());
        Assert.Equal("sgw", services.GetRequiredService<EmailStorageNames>().Prefix);
    }

    [Fact]
    public void The_storage_prefix_comes_from_configuration()
    {
        using var services = Services(("Storage:Prefix", "abc1"));

        Assert.Equal("abc1-email", services.GetRequiredService<EmailStorageNames>().Queue);
    }

    [Fact]
    public void SendGrid_is_chosen_by_configuration()
    {
        using var services = Services(("Email:Provider", "SendGrid"), ("Email:SendGrid:ApiKey", "SG.x"), ("Email:From", "noreply@partnership.example"), ("Email:SendGrid:SandboxMode", "true"));

        Assert.IsType<SendGridEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.True(services.GetRequiredService<IOptions<EmailOptions>>().Value.SendGrid.SandboxMode);
    }

    [Fact]
    public void Graph_is_chosen_by_configuration()
    {
        using var services = Services(("Email:Provider", "Graph"), ("Email:Graph:Mailbox", "safeguarding@partnership.example"), ("Email:Graph:TenantId", "t"), ("Email:Graph:ClientId", "c"), ("Email:Graph:ClientSecret", "s"));

        Assert.IsType<GraphEmailSender>(services.GetRequiredService<IEmailSender>());
    }

    [Theory]
    [InlineData("Email:Provider=SendGrid", "Email:SendGrid:ApiKey")]
    [InlineData("Email:Provider=SendGrid;Email:SendGrid:ApiKey=SG.x", "Email:From")]
    [InlineData("Email:Provider=Graph", "Email:Graph:Mailbox")]
    [InlineData("Email:Provider=Graph;Email:Graph:Mailbox=m@p.example;Email:Graph:ClientSecret=s", "Email:Graph:TenantId")]
    [InlineData("Email:PublicBaseUrl=/relative", "Email:PublicBaseUrl")]
    [InlineData("Email:MaxAttempts=0", "Email:MaxAttempts")]
    [InlineData("Email:InitialBackoff=00:10:00;Email:MaxBackoff=00:01:00", "Email:MaxBackoff")]
    [InlineData("Email:PollInterval=00:00:00", "Email:PollInterval")]
    public void Invalid_settings_are_refused_naming_the_key(string settings, string key)
    {
        using var services = Services([.. settings.Split(';').Select(s => s.Split('=', 2)).Select(p => (p[0], p[1]))]);

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EmailOptions>>().Value);

        Assert.Contains(key, failure.Message);
    }

    [Fact]
    public async Task Invalid_settings_stop_the_host_at_start()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Email:Provider"] = "SendGrid", ["Storage:ConnectionString"] = TestStorage.ConnectionString });
        builder.Services.AddEmailDelivery(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Email:SendGrid:ApiKey", failure.Message);
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    [InlineData("Development", true)]
    [InlineData("Testing", true)]
    public async Task The_sender_address_is_required_outside_development_and_testing(string environment, bool starts)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = TestStorage.ConnectionString, ["Email:RunWorker"] = "false" });
        builder.Services.AddEmailDelivery(builder.Configuration);
        using var host = builder.Build();

        if (starts)
        {
            await host.StartAsync();
            await host.StopAsync();
        }
        else
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Contains($"Email:From (the sender address, named as organiser in invitations) is required in the {environment} environment", failure.Message);
        }
    }

    [Fact]
    public void A_sender_address_satisfies_production()
    {
        var validator = new EmailOptionsValidator(new HostEnvironment("Production"));

        Assert.True(validator.Validate(null, new EmailOptions { From = "safeguarding@partnership.example" }).Succeeded);
        Assert.True(validator.Validate(null, new EmailOptions { Provider = EmailProvider.Graph, Graph = new GraphOptions { Mailbox = "m@p.example" } }).Succeeded);
    }

    private sealed class HostEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    [Fact]
    public void Secrets_are_redacted()
    {
        var options = new EmailOptions
        {
            SendGrid = new SendGridOptions { ApiKey = "SG.very-secret" },
            Graph = new GraphOptions { Mailbox = "m@p.example", ClientSecret = "graph-secret" },
        };

        var text = options.ToString();

        Assert.DoesNotContain("very-secret", text);
        Assert.DoesNotContain("graph-secret", text);
        Assert.Contains("ApiKey=***", text);
        Assert.Contains("ClientSecret=***", text);
        Assert.Contains("Mailbox=m@p.example", text);
    }

    [Fact]
    public void Graph_uses_the_client_secret_when_there_is_one_and_the_managed_identity_otherwise()
    {
        Assert.IsType<ClientSecretCredential>(EmailDeliveryExtensions.CreateGraphCredential(new GraphOptions { TenantId = "t", ClientId = "c", ClientSecret = "s" }));
        Assert.IsType<ManagedIdentityCredential>(EmailDeliveryExtensions.CreateGraphCredential(new GraphOptions()));
        Assert.IsType<ManagedIdentityCredential>(EmailDeliveryExtensions.CreateGraphCredential(new GraphOptions { ClientId = "user-assigned" }));
    }
}
