using Microsoft.Playwright;

namespace Portal.Tests.Support;

/// <summary>Debian's Chromium driven by Playwright (never "playwright install": nothing is downloaded here).</summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// Expectations wait as long as actions do: on a loaded two-core CI machine a Blazor circuit can take more than
    /// Playwright's default 5 s to answer. A wait ends as soon as the page is as expected, so passing tests are not slower.
    /// </summary>
    static Browser() => Assertions.SetDefaultExpectTimeout(15_000);

    private IPlaywright? playwright;
    public IBrowser Instance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does this.");
        playwright = await Playwright.CreateAsync();
        Instance = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public Task<IPage> NewPageAsync(string? locale = null) => NewPageAsync(new BrowserNewContextOptions { Locale = locale ?? "en-US" });

    /// <summary>A page in a fresh context: e.g. a phone's viewport, scripts off, or a dark system setting.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions options)
    {
        options.Locale ??= "en-US";
        var context = await Instance.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Instance is not null)
            await Instance.DisposeAsync();
        playwright?.Dispose();
    }
}
