using Microsoft.Playwright;

namespace Safeguarding.Workflows.Browser.Tests;

/// <summary>
/// One service and one Chromium for the whole browser suite (starting either takes seconds). Debian's Chromium
/// (/usr/bin/chromium, installed by scripts/install-tools.sh --tests), driven by Playwright: never downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public BrowserService Service { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Service.StartServer();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) with axe-core loaded into every page it opens.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Service.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        await context.AddInitScriptAsync(script: Axe.Source);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await Service.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
