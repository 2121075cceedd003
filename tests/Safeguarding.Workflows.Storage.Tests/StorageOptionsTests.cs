using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Storage.Tests;

public sealed class StorageOptionsTests
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static ServiceProvider Services(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddWorkflowStorage(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Defaults_to_development_storage_and_prefix_sgw()
    {
        using var services = Services();
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var clients = services.GetRequiredService<StorageClients>();

        Assert.Equal("sgw", options.Prefix);
        Assert.False(options.UsesTokenCredential);
        Assert.Equal("UseDevelopmentStorage=true", options.EffectiveConnectionString);
        Assert.Equal("sgwgrainstate", clients.Table("grainstate").Name);
        Assert.NotNull(services.GetRequiredService<ProcessIndex>());
        Assert.NotNull(services.GetRequiredService<AuditLog>());
    }

    [Theory]
    [InlineData("sg-w")]
    [InlineData("1sgw")]
    [InlineData("")]
    [InlineData("sgw_hub")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijx")]
    public void A_bad_prefix_is_rejected_naming_Storage_Prefix(string prefix)
    {
        using var services = Services(("Storage:Prefix", prefix));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains("Storage:Prefix", error.Message);
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<StorageClients>());
    }

    [Fact]
    public async Task A_bad_setting_stops_the_host_at_start()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Storage:Prefix", "no-hyphens-allowed")]);
        builder.Services.AddWorkflowStorage(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Storage:Prefix", error.Message);
    }

    [Fact]
    public void A_malformed_connection_string_is_rejected_without_echoing_it()
    {
        using var services = Services(("Storage:ConnectionString", $"AccountKey={AccountKey};NotAThing"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains("Storage:ConnectionString", error.Message);
        Assert.DoesNotContain(AccountKey, error.Message);
    }

    [Fact]
    public void Account_name_without_connection_string_means_managed_identity()
    {
        using var services = Services(("Storage:AccountName", "sgwprod"), ("Storage:Prefix", "hub2"));
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var clients = services.GetRequiredService<StorageClients>();

        Assert.True(options.UsesTokenCredential);
        Assert.Equal(new Uri("https://sgwprod.table.core.windows.net/"), options.EffectiveTableServiceUri);
        Assert.Equal(new Uri("https://sgwprod.blob.core.windows.net/"), options.EffectiveBlobServiceUri);
        Assert.Equal(new Uri("https://sgwprod.queue.core.windows.net/"), options.EffectiveQueueServiceUri);
        Assert.Equal("sgwprod", clients.TableService.AccountName);
        Assert.Equal("hub2-grainstate", clients.Container("grainstate").Name);
    }

    [Fact]
    public void Explicit_service_uris_must_all_be_given_without_an_account_name()
    {
        using var services = Services(("Storage:TableServiceUri", "https://example.table.core.windows.net/"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains("Storage:BlobServiceUri", error.Message);
        Assert.Contains("Storage:QueueServiceUri", error.Message);
        Assert.DoesNotContain("Storage:TableServiceUri", error.Message);
    }

    [Theory]
    [InlineData("Storage:AccountName", "Not_Valid")]
    [InlineData("Storage:TableServiceUri", "ftp://example/")]
    public void Other_bad_settings_are_named(string key, string value)
    {
        using var services = Services((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void ToString_never_shows_the_account_key()
    {
        var options = new StorageOptions { ConnectionString = Azurite.ConnectionString.Contains("AccountKey") ? Azurite.ConnectionString : $"DefaultEndpointsProtocol=https;AccountName=x;AccountKey={AccountKey}" };

        Assert.DoesNotContain("AccountKey", options.ToString());
        Assert.DoesNotContain(AccountKey, options.ToString());
        Assert.Contains("sgw", options.ToString());
    }

    [Theory]
    [InlineData("email", "sgw-email")]
    [InlineData("Email_Poison", "sgw-email-poison")]
    [InlineData("--outbox--", "sgw-outbox")]
    public void Container_and_queue_names_are_lower_case_with_single_hyphens(string suffix, string expected)
    {
        var clients = new StorageClients(new StorageOptions { Prefix = "SGW" });

        Assert.Equal(expected, clients.Container(suffix).Name);
        Assert.Equal(expected, clients.Queue(suffix).Name);
    }

    [Theory]
    [InlineData("grainstate", "sgwgrainstate")]
    [InlineData("sent-messages", "sgwsentmessages")]
    public void Table_names_keep_letters_and_digits_only(string suffix, string expected)
    {
        Assert.Equal(expected, new StorageClients(new StorageOptions { Prefix = "Sgw" }).Table(suffix).Name);
    }

    [Fact]
    public async Task Storage_is_reachable_through_azurite()
    {
        var clients = Azurite.Clients("health");

        Assert.True(await clients.IsReachableAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Storage_is_not_reachable_on_a_closed_port()
    {
        var closed = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
                     "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";
        var clients = new StorageClients(new StorageOptions { ConnectionString = closed });

        Assert.False(await clients.IsReachableAsync(CancellationToken.None));
    }
}
