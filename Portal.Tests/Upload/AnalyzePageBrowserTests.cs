using System.Text;
using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Upload;

/// <summary>A customer on the analyze page in a real browser (Debian Chromium) against the real app on Kestrel.</summary>
public sealed class AnalyzePageBrowserTests : IClassFixture<AnalyzePageBrowserTests.Site>, IClassFixture<Support.Browser>
{
    /// <summary>A small upload limit, so that an oversize file is cheap to make; every corpus sample used here is far below it.</summary>
    public sealed class Site : LivePortal
    {
        public const long MaxBytes = 64 * 1024;
        public Site() => Settings["Portal:Upload:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private readonly Site site;
    private readonly Support.Browser browser;

    public AnalyzePageBrowserTests(Site site, Support.Browser browser) => (this.site, this.browser) = (site, browser);

    [Fact]
    public async Task Smime_message_for_two_recipients_shows_the_verdict_and_both_key_holders()
    {
        var page = await OpenAnalyzerAsync("en");

        await FileInput(page).SetInputFilesAsync(Corpus.Generated("smime/enveloped-2recip-rsa+ec-aes256cbc.eml"));

        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("encrypted with S/MIME for 2 recipients.");
        var recipients = page.Locator("section.recipients table tbody tr");
        await Expect(recipients).ToHaveCountAsync(2);
        await Expect(recipients.Nth(0)).ToContainTextAsync("CN=Test RSA CA");
        await Expect(recipients.Nth(0)).ToContainTextAsync("1002");
        await Expect(recipients.Nth(1)).ToContainTextAsync("CN=Test EC CA");
        await Expect(recipients.Nth(1)).ToContainTextAsync("2001");
        await Expect(page.Locator(".finding").First).ToHaveAttributeAsync("data-code", "smime-encrypted");
    }

    [Fact]
    public async Task Relay_message_shows_the_relay_card_linking_to_the_relay_article()
    {
        var page = await OpenAnalyzerAsync("en");

        await FileInput(page).SetInputFilesAsync(Corpus.Generated("realworld/relay/firefox-relay-from-user.eml"));

        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("wrote to you through Firefox Relay");
        var card = page.Locator(".finding[data-code=relay-masked-address]");
        await Expect(card).ToContainTextAsync("The message came through a private relay");
        await Expect(card.Locator("ol.actions li")).ToHaveCountAsync(2);
        await Expect(card.Locator("a.finding__article")).ToHaveAttributeAsync("href", Portal.Upload.FindingArticles.For("relay-masked-address").Path("en"));
        await Expect(card.Locator("a.finding__glossary")).ToHaveAttributeAsync("href", "/en/articles/glossary#alias");
        await Expect(card.Locator(".evidence__line").First).ToContainTextAsync("mozmail.com");
    }

    [Fact]
    public async Task Findings_true_of_most_mail_wait_in_a_collapsed_group_and_short_evidence_has_no_raw_copy()
    {
        var page = await OpenAnalyzerAsync("en");

        await FileInput(page).SetInputFilesAsync(Corpus.Generated("realworld/relay/firefox-relay-from-user.eml"));

        var also = page.Locator("details.findings__also");
        await Expect(also.Locator("summary")).ToHaveTextAsync("Also noticed");
        await Expect(also).Not.ToHaveAttributeAsync("open", "");
        await Expect(also.Locator(".finding[data-code=not-end-to-end-encrypted]")).ToHaveCountAsync(1);
        var relay = page.Locator(".finding[data-code=relay-masked-address]");
        await Expect(relay).Not.ToBeHiddenAsync();
        // The From line is short enough to be shown whole: no second "raw" copy of it, only the copy button.
        await Expect(relay.Locator(".evidence__raw")).ToHaveCountAsync(0);
        await Expect(relay.GetByRole(AriaRole.Button, new() { Name = "Copy the From line" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Switching_to_Japanese_shows_the_same_report_in_Japanese_without_a_new_upload()
    {
        var page = await OpenAnalyzerAsync("en");
        await FileInput(page).SetInputFilesAsync(Corpus.Generated("realworld/relay/firefox-relay-from-user.eml"));
        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("Firefox Relay");
        var cardCount = await page.Locator(".finding").CountAsync();

        await page.GetByTestId("language").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "日本語" }).ClickAsync();

        // One language per page: the page around the analyzer changes too, and the report comes back without an upload.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ja/analyze$"));
        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("Firefox Relay を通じてあなたにメールしています");
        await Expect(page.Locator(".finding[data-code=relay-masked-address] .finding__title")).ToHaveTextAsync("プライベートリレーを経由したメッセージです");
        await Expect(page.Locator(".finding")).ToHaveCountAsync(cardCount);
        await Expect(page.Locator("section.analyzer")).ToHaveAttributeAsync("lang", "ja");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Expect(page.Locator("#findings-title")).ToHaveTextAsync("検出結果");
        await Expect(page.Locator(".hero h1")).ToHaveTextAsync("メールアナライザー");
    }

    [Fact]
    public async Task Pasted_headers_alone_are_analyzed()
    {
        var page = await OpenAnalyzerAsync("en");
        var headers = await File.ReadAllTextAsync(Corpus.Generated("received/one-plaintext-hop.eml"));
        headers = headers[..headers.ReplaceLineEndings("\n").IndexOf("\n\n", StringComparison.Ordinal)];

        await page.GetByLabel("Or paste the raw source").FillAsync(headers);
        await page.GetByRole(AriaRole.Button, new() { Name = "Analyze pasted text" }).ClickAsync();

        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("Nothing here is encrypted end to end");
        await Expect(page.Locator("section.hops .route-hop")).ToHaveCountAsync(3);
        await Expect(page.Locator("section.hops .route-hop[data-tls=no]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Oversize_file_is_refused_before_reading_with_a_localized_error()
    {
        var page = await OpenAnalyzerAsync("de");
        var big = Encoding.ASCII.GetBytes("Subject: big\r\n\r\n" + new string('x', (int)Site.MaxBytes + 10));

        await FileInput(page).SetInputFilesAsync(new FilePayload { Name = "big.eml", MimeType = "message/rfc822", Buffer = big });

        var alert = page.Locator("[data-rejection=too-large]");
        await Expect(alert).ToContainTextAsync("Die Nachricht ist zu groß");
        await Expect(alert).ToContainTextAsync("64 KB");
        await Expect(page.Locator(".report")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Outlook_msg_file_is_refused_with_advice_to_save_as_eml()
    {
        var page = await OpenAnalyzerAsync("fr");
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[2048]];

        await FileInput(page).SetInputFilesAsync(new FilePayload { Name = "message.msg", MimeType = "application/vnd.ms-outlook", Buffer = ole });

        var alert = page.Locator("[data-rejection=outlook-msg]");
        await Expect(alert).ToContainTextAsync("Les fichiers Outlook .msg ne peuvent pas être analysés");
        await Expect(alert).ToContainTextAsync(".eml");

        // The page stays usable: the next upload is analyzed.
        await FileInput(page).SetInputFilesAsync(Corpus.Generated("relay/firefox-relay.eml"));
        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("Firefox Relay");
        await Expect(alert).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Script_in_an_html_part_never_runs_and_nothing_is_fetched_from_other_hosts()
    {
        var page = await OpenAnalyzerAsync("en");
        var foreignRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(site.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
                foreignRequests.Add(request.Url);
        };
        const string html = "<p>Hello</p><script>window.__pwned=1</script><img src=\"http://tracker.example.invalid/pixel.png\" onerror=\"window.__pwned=2\">";
        var message = string.Join("\r\n",
            "From: Mallory <mallory@example.test>", "To: Bob <bob@example.test>", "Subject: <b>bold</b> <script>window.__pwned=3</script>",
            "Date: Wed, 15 Jan 2025 12:00:00 +0000", "Message-ID: <html-script@example.test>", "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"b1\"", "", "--b1", "Content-Type: text/plain; charset=utf-8", "", "Hello",
            "--b1", "Content-Type: text/html; charset=utf-8", "", html, "--b1--", "");

        await FileInput(page).SetInputFilesAsync(new FilePayload { Name = "script.eml", MimeType = "message/rfc822", Buffer = Encoding.UTF8.GetBytes(message) });

        await Expect(page.Locator(".report__meta")).ToContainTextAsync("<script>window.__pwned=3</script>");
        await Expect(page.Locator(".mime-tree")).ToContainTextAsync("text/html");
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"));
        Assert.Equal(0, await page.Locator(".report img, .report script, .report b").CountAsync());
        Assert.Empty(foreignRequests);
    }

    [Fact]
    public async Task Json_download_with_masking_hides_the_alias_local_part()
    {
        var page = await OpenAnalyzerAsync("en");
        await FileInput(page).SetInputFilesAsync(Corpus.Generated("relay/firefox-relay.eml"));
        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("Firefox Relay");

        await page.GetByLabel("Mask email addresses in downloads").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save or share this report" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("Download JSON").ClickAsync());

        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.json");
        await download.SaveAsAsync(path);
        var json = await File.ReadAllTextAsync(path);
        File.Delete(path);
        Assert.Equal("email-report.json", download.SuggestedFilename);
        Assert.Contains("k***@mozmail.com", json);
        Assert.DoesNotContain("k3xq7z9w1@", json);
        Assert.Contains("\"verdict\"", json);
    }

    [Fact]
    public async Task The_route_is_a_timeline_with_one_step_per_hop_and_the_TLS_version_and_cipher()
    {
        var page = await OpenAnalyzerAsync("en");

        await FileInput(page).SetInputFilesAsync(Corpus.Generated("received/postfix.eml"));

        var hops = page.Locator("section.hops .mud-timeline .route-hop");
        await Expect(hops).ToHaveCountAsync(3);
        await Expect(hops.Nth(0)).ToContainTextAsync("Hop 1");
        await Expect(hops.Nth(0)).ToContainTextAsync("mailstore.recipient.example");
        var tls = page.Locator("section.hops .route-hop[data-tls=yes]").First;
        await Expect(tls.Locator(".tls-badge")).ToContainTextAsync("TLSv1.3");
        await Expect(tls).ToContainTextAsync("TLS_AES_256_GCM_SHA384");
        await Expect(tls.Locator(".mud-timeline-dot-success")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task On_a_390_pixel_phone_the_report_has_no_sideways_scrolling_and_no_broken_column_labels()
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await OpenAsync(page, "en");

        await FileInput(page).SetInputFilesAsync(Corpus.Generated("smime/enveloped-2recip-rsa+ec-aes256cbc.eml"));

        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("2 recipients");
        await Expect(page.Locator("section.recipients table")).ToBeHiddenAsync();
        await Expect(page.Locator("section.recipients .recipients__cards li")).ToHaveCountAsync(2);
        await Expect(page.Locator("section.recipients .recipients__cards li").Nth(1)).ToContainTextAsync("CN=Test EC CA");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the report is wider than the phone");
        // Every label of a recipient card and a route step sits on one line ("Protocol", not "Proto/col").
        var brokenLabels = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('.recipients__cards dt, .route-hop__facts dt')]
            .filter(dt => dt.getClientRects().length > 0 && dt.getBoundingClientRect().height > parseFloat(getComputedStyle(dt).lineHeight) * 1.5)
            .map(dt => dt.textContent)");
        Assert.Empty(brokenLabels);
    }

    [Fact]
    public async Task Without_JavaScript_the_plain_form_posts_a_corpus_message_and_the_server_renders_the_report()
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        await page.GotoAsync($"{site.BaseUrl}/fr/analyze");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("démarre");
        await Expect(page.Locator(".plain-form")).ToContainTextAsync("64 Ko");

        await page.Locator("#plain-file").SetInputFilesAsync(Corpus.Generated("realworld/relay/firefox-relay-from-user.eml"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Analyser" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/fr/analyze$"));
        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("Firefox Relay");
        await Expect(page.Locator(".finding[data-code=relay-masked-address]")).ToBeVisibleAsync();
        await Expect(page.Locator("section.hops .route-hop")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator(".mime-tree .mime-node").First).ToContainTextAsync("text/plain");
    }

    [Fact]
    public async Task Without_JavaScript_pasted_headers_are_analyzed_and_an_empty_form_is_explained()
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        await page.GotoAsync($"{site.BaseUrl}/en/analyze");

        await page.GetByRole(AriaRole.Button, new() { Name = "Analyze", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-rejection=empty]")).ToBeVisibleAsync();

        var headers = await File.ReadAllTextAsync(Corpus.Generated("received/one-plaintext-hop.eml"));
        await page.Locator("#plain-paste").FillAsync(headers);
        await page.GetByRole(AriaRole.Button, new() { Name = "Analyze", Exact = true }).ClickAsync();
        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("Nothing here is encrypted end to end");
    }

    [Fact]
    public async Task Without_JavaScript_the_report_downloads_as_JSON_and_Markdown_with_or_without_masked_addresses()
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, AcceptDownloads = true });
        var blocked = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) blocked.Add(message.Text); };
        await page.GotoAsync($"{site.BaseUrl}/en/analyze");
        await page.Locator("#plain-file").SetInputFilesAsync(Corpus.Generated("relay/firefox-relay.eml"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Analyze", Exact = true }).ClickAsync();
        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("Firefox Relay");
        var verdict = await page.Locator(".verdict__text").InnerTextAsync();
        var codes = await page.Locator(".finding").EvaluateAllAsync<string[]>("all => all.map(f => f.dataset.code)");

        var (name, text) = await DownloadAsync(page, "download-json");
        Assert.Equal("email-report.json", name);
        using (var report = System.Text.Json.JsonDocument.Parse(text))
        {
            Assert.Equal("en", report.RootElement.GetProperty("language").GetString());
            Assert.Equal(verdict.Trim(), report.RootElement.GetProperty("verdict").GetString());
            Assert.Equal(codes, report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).ToArray());
        }
        Assert.Contains("k3xq7z9w1@mozmail.com", text);

        (name, text) = await DownloadAsync(page, "download-json-masked");
        Assert.Equal("email-report-masked.json", name);
        Assert.DoesNotContain("k3xq7z9w1@", text);
        Assert.Contains("k***@mozmail.com", text);
        System.Text.Json.JsonDocument.Parse(text).Dispose();

        (name, text) = await DownloadAsync(page, "download-markdown");
        Assert.Equal("email-report.md", name);
        Assert.StartsWith("# ", text);
        Assert.Contains($"> {verdict.Trim()}", text);
        Assert.Contains("k3xq7z9w1@mozmail.com", text);

        (name, text) = await DownloadAsync(page, "download-markdown-masked");
        Assert.Equal("email-report-masked.md", name);
        Assert.DoesNotContain("k3xq7z9w1@", text);
        Assert.Empty(blocked);
    }

    [Fact]
    public async Task The_plain_forms_report_with_its_downloads_has_no_accessibility_violations()
    {
        // Scripts on (axe runs in the page) but Blazor's never arrives: the prerendered plain form is what posts.
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/_framework/blazor.web.js", route => route.AbortAsync());
        await page.GotoAsync($"{site.BaseUrl}/de/analyze");
        await page.Locator("#plain-file").SetInputFilesAsync(Corpus.Generated("relay/firefox-relay.eml"));
        await page.Locator(".plain-form__submit").ClickAsync();
        await Expect(page.GetByTestId("plain-downloads").Locator("a[download]")).ToHaveCountAsync(4);
        await Accessibility.AssertNoViolationsInBothSchemesAsync(page, "/de/analyze, the plain form's report");
    }

    private static async Task<(string Name, string Text)> DownloadAsync(IPage page, string testId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(testId).ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path!));
    }

    /// <summary>MudFileUpload adds a fresh input for each choice; the newest one is live.</summary>
    private static ILocator FileInput(IPage page) => page.Locator(".upload input[type=file]").Last;

    private async Task<IPage> OpenAnalyzerAsync(string language)
    {
        var page = await browser.NewPageAsync();
        await OpenAsync(page, language);
        return page;
    }

    private async Task OpenAsync(IPage page, string language)
    {
        await page.GotoAsync($"{site.BaseUrl}/{language}/analyze");
        await Expect(page.Locator("section.analyzer")).ToHaveAttributeAsync("data-interactive", "true");
        await FileInputs.WaitUntilReadyAsync(page);
    }
}
