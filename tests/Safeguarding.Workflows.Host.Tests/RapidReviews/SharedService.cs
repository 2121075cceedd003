namespace Safeguarding.Workflows.Host.Tests.RapidReviews;

/// <summary>One service for a test class whose tests use their own process ids and never move the clock.</summary>
public sealed class SharedService : IAsyncLifetime
{
    private readonly ServiceFactory factory = new();

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
