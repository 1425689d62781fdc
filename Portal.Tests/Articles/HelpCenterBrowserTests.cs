using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Articles;

/// <summary>A reader in a real browser (Debian Chromium) against the real app on Kestrel.</summary>
public sealed class HelpCenterBrowserTests : IClassFixture<HelpCenterBrowserTests.Site>, IClassFixture<Browser>
{
    public sealed class Site : LivePortal;

    private readonly Site site;
    private readonly Browser browser;

    public HelpCenterBrowserTests(Site site, Browser browser) => (this.site, this.browser) = (site, browser);

    [Fact]
    public async Task Switching_language_on_an_article_lands_on_the_same_article()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/en/articles/private-relays-and-masked-addresses");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Language" }).GetByRole(AriaRole.Link, new() { Name = "Deutsch" }).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/de/articles/private-relays-and-masked-addresses");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.Locator(".notice--translation")).ToContainTextAsync("Übersetzung");
    }

    [Fact]
    public async Task Searching_for_a_Japanese_word_finds_and_opens_the_article()
    {
        var page = await browser.NewPageAsync("ja-JP");
        await page.GotoAsync($"{site.BaseUrl}/ja/");

        await page.GetByRole(AriaRole.Combobox, new() { Name = "ヘルプセンターを検索" }).FillAsync("復号");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "ヘルプセンターを検索" }).PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ja/search\\?q="));
        var firstHit = page.Locator(".search-results li").First;
        await Expect(firstHit.Locator("mark").First).ToHaveTextAsync("復号");
        await firstHit.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ja/articles/[a-z-]+$"));
        await Expect(page.Locator(".article-body")).ToContainTextAsync("復号");
    }

    [Fact]
    public async Task Clicking_helpful_is_stored_and_counted()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/en/articles/email-encryption-types");
        var feedback = page.Locator("section.feedback");
        await Expect(feedback).ToHaveAttributeAsync("data-interactive", "true");

        await feedback.GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();

        await Expect(feedback.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you for your feedback.");
        await Expect(feedback).ToContainTextAsync("1 reader found this helpful.");

        // Stored, not just shown: a fresh visit reads the count back from SQLite.
        await page.ReloadAsync();
        await Expect(page.Locator("section.feedback")).ToContainTextAsync("1 reader found this helpful.");
    }
}
