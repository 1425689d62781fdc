using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Articles;

/// <summary>The search box and search page in a real browser (Debian Chromium) against the real app on Kestrel.</summary>
public sealed class SearchBrowserTests : IClassFixture<SearchBrowserTests.Site>, IClassFixture<Browser>
{
    /// <summary>Two results per page, so that the real articles fill several pages.</summary>
    public sealed class Site : LivePortal
    {
        public Site() => Settings["Portal:Search:PageSize"] = "2";
    }

    private readonly Site site;
    private readonly Browser browser;

    public SearchBrowserTests(Site site, Browser browser) => (this.site, this.browser) = (site, browser);

    [Fact]
    public async Task Typing_in_the_search_box_offers_articles_and_choosing_one_opens_it()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/en/");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search the help center" });

        await box.PressSequentiallyAsync("private rel", new() { Delay = 30 });

        var suggestions = page.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" });
        var first = suggestions.GetByRole(AriaRole.Option).First;
        await Expect(first).ToHaveTextAsync("Private email relays and masked addresses");
        await Expect(box).ToHaveAttributeAsync("aria-expanded", "true");

        await box.PressAsync("ArrowDown");
        await Expect(first).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/en/articles/private-relays-and-masked-addresses");
    }

    /// <summary>
    /// Suggestions for the last keys typed can arrive after the reader has already arrowed down to an option (a slow
    /// network, a busy server): the refreshed list must keep that option chosen, or Enter runs a full search instead.
    /// </summary>
    [Fact]
    public async Task Suggestions_that_arrive_after_an_option_was_chosen_keep_it_chosen()
    {
        var page = await browser.NewPageAsync();
        var late = new TaskCompletionSource();
        await page.RouteAsync("**/api/search/suggest?q=private%20rel&**", async route =>
        {
            await late.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync($"{site.BaseUrl}/en/");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search the help center" });
        var first = page.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" }).GetByRole(AriaRole.Option).First;

        await box.FillAsync("private r");
        await Expect(first).ToHaveTextAsync("Private email relays and masked addresses");
        var held = page.WaitForRequestAsync(request => request.Url.Contains("q=private%20rel&", StringComparison.Ordinal));
        await box.PressSequentiallyAsync("el");
        await box.PressAsync("ArrowDown");
        await Expect(first).ToHaveAttributeAsync("aria-selected", "true");
        await held;
        var shown = await first.ElementHandleAsync();
        late.SetResult();
        await page.WaitForFunctionAsync("option => !option.isConnected", shown); // the late list replaced the shown one

        await Expect(first).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(box).ToHaveAttributeAsync("aria-activedescendant", await first.GetAttributeAsync("id") ?? "");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/en/articles/private-relays-and-masked-addresses");
    }

    [Fact]
    public async Task Japanese_suggestions_follow_a_piece_of_a_word()
    {
        var page = await browser.NewPageAsync("ja-JP");
        await page.GotoAsync($"{site.BaseUrl}/ja/");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "ヘルプセンターを検索" });

        await box.FillAsync("暗号化");

        var option = page.GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option).Filter(new() { HasText = "暗号化" }).First;
        await Expect(option).ToBeVisibleAsync();
        await option.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ja/articles/[a-z-]+$"));
    }

    [Fact]
    public async Task The_search_page_works_without_JavaScript()
    {
        await using var context = await browser.Instance.NewContextAsync(new() { JavaScriptEnabled = false, Locale = "de-DE" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/de/search");
        var form = page.Locator("section.search-page form");

        await form.GetByLabel("Hilfe-Center durchsuchen").FillAsync("Verschlusselung");
        await form.GetByLabel("Kategorie").SelectOptionAsync("encryption");
        await form.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/de/search\\?q=Verschlusselung&category=encryption"));
        var hits = page.Locator(".search-results li");
        await Expect(hits.First.Locator("mark").First).ToHaveTextAsync("Verschlüsselung");
        await Expect(hits.Locator(".search-category")).ToHaveTextAsync(Enumerable.Repeat("Verschlüsselung", await hits.CountAsync()).ToArray());

        await hits.First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/de/articles/[a-z-]+$"));
    }

    [Fact]
    public async Task Result_pages_are_plain_links_that_work_without_JavaScript()
    {
        await using var context = await browser.Instance.NewContextAsync(new() { JavaScriptEnabled = false, Locale = "fr-FR" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/fr/search?q=TLS");
        var pages = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages de résultats" });
        var hits = page.Locator(".search-results li");
        var firstPage = await hits.AllInnerTextsAsync();

        await pages.GetByRole(AriaRole.Link, new() { Name = "Suivante" }).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/fr/search?q=TLS&page=2");
        await Expect(pages.Locator("[aria-current=page]")).ToHaveAccessibleNameAsync("Page 2");
        await Expect(hits).ToHaveCountAsync(2);
        Assert.Empty((await hits.AllInnerTextsAsync()).Intersect(firstPage));

        await pages.GetByRole(AriaRole.Link, new() { Name = "Page 3", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/fr/search?q=TLS&page=3");
        await pages.GetByRole(AriaRole.Link, new() { Name = "Précédente" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/fr/search?q=TLS&page=2");
    }
}
