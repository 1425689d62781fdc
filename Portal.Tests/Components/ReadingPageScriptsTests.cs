using Microsoft.Playwright;
using Portal.Components.Layout;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Components;

/// <summary>
/// A first visit to a reading page runs only the site's own small script; Blazor's and MudBlazor's come with the
/// reader's first move, and then carry enhanced navigation into the interactive analyzer.
/// </summary>
public sealed class ReadingPageScriptsTests(ReadingPageScriptsTests.Site site, Browser browser) : IClassFixture<ReadingPageScriptsTests.Site>, IClassFixture<Browser>
{
    public sealed class Site : LivePortal;

    [Fact]
    public async Task A_reading_page_fetches_Blazor_only_when_the_reader_first_moves()
    {
        var page = await browser.NewPageAsync();
        var scripts = new List<string>();
        page.Request += (_, request) => { if (request.ResourceType == "script") scripts.Add(new Uri(request.Url).AbsolutePath); };

        await page.GotoAsync($"{site.BaseUrl}/en/articles/email-encryption-types");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(["/js/site.js"], scripts);
        Assert.False(await page.EvaluateAsync<bool>("() => window.Blazor !== undefined"));

        await page.Mouse.MoveAsync(20, 20);
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && window.mudElementRef !== undefined");
        Assert.Equal(["/js/site.js", "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.js"], scripts);
    }

    [Fact]
    public async Task After_the_first_move_enhanced_navigation_reaches_an_interactive_analyzer_with_all_of_MudBlazor()
    {
        var page = await browser.NewPageAsync();
        var sockets = 0;
        page.WebSocket += (_, _) => sockets++;
        await page.GotoAsync($"{site.BaseUrl}/en/articles/email-encryption-types");
        await page.Mouse.MoveAsync(20, 20);
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.EvaluateAsync("() => window.notReloaded = true");
        Assert.Equal(0, sockets);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/en/analyze");
        await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true")); // enhanced, not a reload
        await Expect(page.Locator($"link[href='{ReadingStylesheet.MudBlazorStylesheet}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("link[href^='/reading.css']")).ToHaveCountAsync(0);
        // The analyzer's MudBlazor components have their script although the reading page never linked it.
        Assert.True(await page.EvaluateAsync<bool>("() => window.mudElementRef !== undefined"));

        // And back to a reading page: its own stylesheet again, and its contents still follow the scroll.
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/en/articles/email-encryption-types");
        await Expect(page.Locator("link[href^='/reading.css']")).ToHaveCountAsync(1);
    }
}
