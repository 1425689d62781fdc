using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Upload;

/// <summary>
/// An agent with a forwarded message on the analyze page (real Chromium, real app on Kestrel): the report is about the
/// attached original, and the suggested reply can be read in another language, copied, or opened with mailto:, with and
/// without JavaScript.
/// </summary>
public sealed class SuggestedReplyBrowserTests : IClassFixture<AnalyzePageBrowserTests.Site>, IClassFixture<Support.Browser>
{
    private readonly AnalyzePageBrowserTests.Site site;
    private readonly Support.Browser browser;

    public SuggestedReplyBrowserTests(AnalyzePageBrowserTests.Site site, Support.Browser browser) => (this.site, this.browser) = (site, browser);

    [Fact]
    public async Task Forwarded_smime_message_offers_a_reply_to_the_original_sender_that_switches_language_and_copies()
    {
        var page = await browser.NewPageAsync();
        // A headless browser has no system clipboard to read back: record what the page hands to the Clipboard API.
        await page.AddInitScriptAsync("navigator.clipboard.writeText = text => { window.copiedText = text; return Promise.resolve(); };");
        await page.GotoAsync($"{site.BaseUrl}/en/analyze");
        await Expect(page.Locator("section.analyzer")).ToHaveAttributeAsync("data-interactive", "true");
        await FileInputs.WaitUntilReadyAsync(page);

        await page.Locator(".upload input[type=file]").Last.SetInputFilesAsync(Corpus.Generated("forwards/attached-outlook-smime.eml"));

        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("Dana Support <dana@helpdesk.example> forwarded this message as an attachment");
        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("encrypted with S/MIME for 1 recipient");
        await Expect(page.Locator("section.forward[data-forward=attached]")).ToBeVisibleAsync();
        var reply = page.Locator("section.reply");
        await Expect(reply).ToHaveAttributeAsync("data-reply-kind", "smime-encrypted");
        var english = reply.Locator(".reply__panel[data-lang=en]");
        var german = reply.Locator(".reply__panel[data-lang=de]");
        await Expect(english).ToBeVisibleAsync();
        await Expect(german).ToBeHiddenAsync();
        await Expect(english.Locator(".reply__subject")).ToHaveTextAsync("We cannot open your encrypted message");
        var mailto = await english.Locator("a.reply__mailto").GetAttributeAsync("href");
        Assert.StartsWith("mailto:alice@example.test?subject=We%20cannot%20open%20your%20encrypted%20message&body=Hello%2C%0D%0A%0D%0A", mailto);

        await reply.Locator("#reply-lang-de").CheckAsync();
        await Expect(german).ToBeVisibleAsync();
        await Expect(english).ToBeHiddenAsync();
        await Expect(german.Locator("textarea")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Guten Tag,"));
        StringAssert(await german.Locator("a.reply__mailto").GetAttributeAsync("href"), "subject=Wir%20k%C3%B6nnen%20Ihre%20verschl%C3%BCsselte%20Nachricht%20nicht%20%C3%B6ffnen");

        // The controls speak the page's language; only the reply is German.
        await german.GetByRole(AriaRole.Button, new() { Name = "Copy the reply" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Copied to the clipboard.");
        var copied = await page.EvaluateAsync<string>("window.copiedText");
        Assert.Equal(await german.Locator("textarea").InputValueAsync(), copied);

        await Accessibility.AssertNoViolationsInBothSchemesAsync(page, "analyzer report with a forward and a suggested reply");
    }

    [Fact]
    public async Task Without_JavaScript_an_inline_forward_shows_how_to_export_the_original_and_the_reply_still_switches_language()
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        await page.GotoAsync($"{site.BaseUrl}/de/analyze");

        await page.Locator("#plain-file").SetInputFilesAsync(Corpus.Generated("forwards/inline-gmail.eml"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Analysieren" }).ClickAsync();

        var forward = page.Locator("section.forward[data-forward=inline]");
        await Expect(forward).ToContainTextAsync("---------- Forwarded message ---------");
        await Expect(forward.Locator("a[data-client=gmail]")).ToHaveAttributeAsync("href", "/de/articles/saving-the-original-message#gmail");
        await Expect(forward.Locator(".forward__guides a")).ToHaveCountAsync(4);
        var reply = page.Locator("section.reply");
        await Expect(reply).ToHaveAttributeAsync("data-reply-kind", "forwarded-inline");
        var german = reply.Locator(".reply__panel[data-lang=de]");
        await Expect(german).ToBeVisibleAsync();
        await Expect(german.GetByRole(AriaRole.Button, new() { Name = "Antwort kopieren" })).ToHaveCountAsync(0);
        Assert.StartsWith("mailto:dana@helpdesk.example?subject=", await german.Locator("a.reply__mailto").GetAttributeAsync("href"));

        await reply.Locator("#reply-lang-ja").CheckAsync();
        var japanese = reply.Locator(".reply__panel[data-lang=ja]");
        await Expect(japanese).ToBeVisibleAsync();
        await Expect(german).ToBeHiddenAsync();
        await Expect(japanese.Locator(".reply__subject")).ToHaveTextAsync("元のメールを添付ファイルとしてお送りいただけますか");
    }

    private static void StringAssert(string? actual, string expectedPart) => Assert.Contains(expectedPart, actual ?? "");
}
