using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
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

        var languages = page.GetByRole(AriaRole.Navigation, new() { Name = "Language" });
        await languages.Locator("summary").ClickAsync();
        await languages.GetByRole(AriaRole.Link, new() { Name = "Deutsch" }).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/de/articles/private-relays-and-masked-addresses");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.Locator(".notice--translation")).ToContainTextAsync("Übersetzung");
    }

    [Fact]
    public async Task Searching_for_a_Japanese_word_finds_and_opens_the_article()
    {
        var page = await browser.NewPageAsync("ja-JP");
        await page.GotoAsync($"{site.BaseUrl}/ja/");

        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "ヘルプセンターを検索" });
        await box.FillAsync("復号");
        await box.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/ja/search\\?q="));
        var firstHit = page.Locator(".search-results li").First;
        await Expect(firstHit.Locator("mark").First).ToHaveTextAsync("復号");
        await firstHit.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/ja/articles/[a-z-]+$"));
        await Expect(page.Locator(".article-body")).ToContainTextAsync("復号");
    }

    [Fact]
    public async Task Without_javascript_a_no_vote_is_stored_and_asks_what_was_missing()
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        await page.GotoAsync($"{site.BaseUrl}/fr/articles/sending-encrypted-mail-to-support");
        var articleId = await ArticleIdAsync("sending-encrypted-mail-to-support");

        await page.Locator("#feedback").GetByRole(AriaRole.Button, new() { Name = "Non" }).ClickAsync();

        await Expect(page.Locator("#feedback [role=status]")).ToHaveTextAsync("Merci pour votre retour.");
        await page.GetByLabel("Que manquait-il ?").FillAsync("Un exemple avec Outlook.");
        await page.Locator("#feedback").GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await Expect(page.Locator("#feedback [role=status]")).ToContainTextAsync("Merci, votre commentaire");

        var stored = await FeedbackAsync(articleId, "fr");
        var vote = Assert.Single(stored);
        Assert.False(vote.Helpful);
        Assert.Equal("Un exemple avec Outlook.", vote.Comment);
    }

    [Fact]
    public async Task With_javascript_a_yes_vote_is_sent_in_place_without_a_circuit()
    {
        var page = await browser.NewPageAsync();
        var sockets = 0;
        page.WebSocket += (_, _) => sockets++;
        await page.GotoAsync($"{site.BaseUrl}/es/articles/email-encryption-types");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var articleId = await ArticleIdAsync("email-encryption-types");
        // Blazor's script arrives with the reader's first move; the page it enhances is then never reloaded.
        await page.Mouse.MoveAsync(10, 10);
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.EvaluateAsync("() => window.notReloaded = true");

        await page.Locator("#feedback").GetByRole(AriaRole.Button, new() { Name = "Sí" }).ClickAsync();

        await Expect(page.Locator("#feedback [role=status]")).ToBeVisibleAsync();
        await Expect(page.Locator("#feedback-comment")).ToHaveCountAsync(0); // the follow-up is only for "no"
        Assert.True((await FeedbackAsync(articleId, "es")).Single().Helpful);
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        Assert.Equal(0, sockets);
        // No circuit, so a dropped connection can never show Blazor's reconnect notice to a reader.
        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_dark_theme_chosen_by_the_reader_is_remembered_after_a_reload()
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Light });
        await page.GotoAsync($"{site.BaseUrl}/en/");
        Assert.Equal("rgb(255, 255, 255)", await BackgroundAsync(page));

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to the dark theme" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.ReloadAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.NotEqual("rgb(255, 255, 255)", await BackgroundAsync(page));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to the light theme" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Before_any_choice_the_theme_follows_the_system_setting()
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark });
        await page.GotoAsync($"{site.BaseUrl}/en/");

        Assert.NotEqual("rgb(255, 255, 255)", await BackgroundAsync(page));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to the light theme" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to the dark theme" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task On_a_390_pixel_phone_title_and_text_come_before_contents_and_the_menu_opens_without_script()
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = 390, Height = 844 }, JavaScriptEnabled = false, IsMobile = true, HasTouch = true,
        });
        await page.GotoAsync($"{site.BaseUrl}/en/articles/email-encryption-types");

        var title = await page.Locator("#article-title").BoundingBoxAsync();
        var body = await page.Locator(".article-body").BoundingBoxAsync();
        var contents = await page.Locator(".toc").BoundingBoxAsync();
        Assert.True(title!.Y < contents!.Y && body!.Y < contents.Y, $"title {title.Y}, body {body!.Y}, contents {contents.Y}");
        Assert.True(title.X + title.Width <= 390, "the title fits the screen");
        Assert.Equal(390, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));

        var drawer = page.Locator("#site-drawer");
        await Expect(drawer).ToBeHiddenAsync();
        await page.Locator(".nav-toggle__button").ClickAsync();
        await Expect(drawer).ToBeVisibleAsync();
        await drawer.GetByRole(AriaRole.Link, new() { Name = "Private relays", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/en/categories/relays");
    }

    [Fact]
    public async Task The_category_in_the_breadcrumbs_leads_to_its_page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/de/articles/private-relays-and-masked-addresses");

        var crumbs = page.GetByRole(AriaRole.Navigation, new() { Name = "Sie sind hier" });
        await crumbs.GetByRole(AriaRole.Link, new() { Name = "Private Relays" }).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/de/categories/relays");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("Relay"));
        await Expect(page.Locator(".article-list a[href='/de/articles/private-relays-and-masked-addresses']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Typing_in_the_search_box_offers_suggestions_from_the_suggest_endpoint()
    {
        var page = await browser.NewPageAsync();
        string? asked = null;
        // The suggestions endpoint's contract: GET /api/search/suggest?q=&lang= answers [{ title, url }].
        await page.RouteAsync("**/api/search/suggest*", async route =>
        {
            asked = route.Request.Url;
            await route.FulfillAsync(new()
            {
                ContentType = "application/json",
                Body = """[{"title":"Relais privés et adresses masquées","url":"/fr/articles/private-relays-and-masked-addresses"},{"title":"ignored: not on this site","url":"https://evil.example/"}]""",
            });
        });
        await page.GotoAsync($"{site.BaseUrl}/fr/");

        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Rechercher dans le centre d'aide" });
        await box.PressSequentiallyAsync("relais");
        var options = page.GetByRole(AriaRole.Option);
        await Expect(options).ToHaveCountAsync(1);
        Assert.Contains("q=relais", asked);
        Assert.Contains("lang=fr", asked);

        await box.PressAsync("ArrowDown");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/fr/articles/private-relays-and-masked-addresses");
    }

    [Fact]
    public async Task On_a_wide_screen_the_contents_follow_the_section_being_read()
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1400, Height = 900 } });
        await page.GotoAsync($"{site.BaseUrl}/en/articles/email-encryption-types");
        var last = page.Locator(".toc a").Last;
        var anchor = (await last.GetAttributeAsync("href"))!.Split('#')[1];

        await page.Locator($"[id='{anchor}']").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync($"document.getElementById('{anchor}').scrollIntoView({{ block: 'start' }})");

        await Expect(last).ToHaveAttributeAsync("aria-current", "true");
        await Expect(page.Locator(".toc a[aria-current=true]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task From_a_reading_page_the_analyzer_link_opens_an_interactive_analyzer()
    {
        var page = await browser.NewPageAsync();
        var sockets = 0;
        page.WebSocket += (_, _) => sockets++;
        await page.GotoAsync($"{site.BaseUrl}/en/articles/email-encryption-types");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(0, sockets);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/en/analyze");
        await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true");
        // Enhanced navigation must bring the analyzer's own stylesheet along.
        await Expect(page.Locator("link[href='css/analyzer.css']")).ToHaveCountAsync(1);
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");

    private async Task<int> ArticleIdAsync(string slug)
    {
        await using var db = await site.AppServices.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync();
    }

    private async Task<List<ArticleFeedback>> FeedbackAsync(int articleId, string language)
    {
        await using var db = await site.AppServices.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Feedback.Where(f => f.ArticleId == articleId && f.Language == language).ToListAsync();
    }
}
