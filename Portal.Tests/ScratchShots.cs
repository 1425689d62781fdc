using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests;

public sealed class ScratchShots : IClassFixture<LivePortal>, IClassFixture<Support.Browser>
{
    private readonly LivePortal site;
    private readonly Support.Browser browser;
    public ScratchShots(LivePortal site, Support.Browser browser) => (this.site, this.browser) = (site, browser);

    [Theory]
    [InlineData(1280, "light")]
    [InlineData(390, "light")]
    [InlineData(1280, "dark")]
    public async Task Shot(int width, string scheme)
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = 900 }, ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await page.GotoAsync($"{site.BaseUrl}/en/analyze");
        await Expect(page.Locator("section.analyzer")).ToHaveAttributeAsync("data-interactive", "true");
        await page.ScreenshotAsync(new() { Path = $"/tmp/mudapp/empty-{width}-{scheme}.png", FullPage = false });
        await page.Locator(".upload input[type=file]").Last.SetInputFilesAsync(Corpus.Generated("received/postfix.eml"));
        await Expect(page.Locator(".verdict__text")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = $"/tmp/mudapp/report-{width}-{scheme}.png", FullPage = true });
    }
}
