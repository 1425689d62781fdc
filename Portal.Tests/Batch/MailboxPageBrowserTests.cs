using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Analysis;
using Portal.Batch;
using Portal.Tests.Support;
using Portal.Upload;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Batch;

/// <summary>An agent with a whole mailbox on /{lang}/analyze/mailbox, in a real browser (Debian Chromium) against the app on Kestrel.</summary>
public sealed class MailboxPageBrowserTests : IClassFixture<LivePortal>, IClassFixture<Support.Browser>
{
    private readonly LivePortal site;
    private readonly Support.Browser browser;

    public MailboxPageBrowserTests(LivePortal site, Support.Browser browser) => (this.site, this.browser) = (site, browser);

    /// <summary>What the table should show, worked out here from the same mbox with the analyzer itself.</summary>
    private static readonly IReadOnlyList<MessageSummary> Expected = Summaries();

    private static List<MessageSummary> Summaries()
    {
        var analyzer = new EmailAnalyzer(new Portal.Analysis.Catalogs.ShippedAnalysisCatalogs());
        using var mailbox = Mailbox.Open(File.ReadAllBytes(MailboxSamples.GeneratedCorpusMbox), new Portal.Hosting.MailboxLimits()).Mailbox!;
        return Enumerable.Range(0, mailbox.Count).Select(i =>
        {
            var data = mailbox.Read(i).Data;
            return MessageSummary.Of(analyzer.Analyze(data), Portal.Mime.MimeParser.Parse(data));
        }).ToList();
    }

    [Fact]
    public async Task Mbox_of_the_corpus_fills_the_table_which_filters_and_exports_csv()
    {
        var page = await OpenAsync(site, "en");
        await page.Locator(".upload input[type=file]").Last.SetInputFilesAsync(MailboxSamples.GeneratedCorpusMbox);

        await Expect(page.GetByTestId("mailbox-done")).ToContainTextAsync($"Finished: {Expected.Count} messages analyzed, 0 not analyzed.");
        await Expect(page.GetByTestId("mailbox-shown")).ToHaveAttributeAsync("data-shown", Expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByLabel("Only encrypted for someone else").CheckAsync();
        var encrypted = Expected.Count(s => s.EncryptedForSomeoneElse);
        Assert.InRange(encrypted, 5, Expected.Count - 5);
        await Expect(page.GetByTestId("mailbox-shown")).ToHaveTextAsync($"{encrypted} of {Expected.Count} messages shown");
        var cells = page.Locator("[data-testid=mailbox-table] td[data-encryption]");
        Assert.All(await cells.EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.encryption)"), kind => Assert.Contains(kind, new[] { "smime", "pgp" }));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        Assert.Equal("mailbox.csv", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"mailbox-{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(path);
        var rows = (await File.ReadAllTextAsync(path)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        File.Delete(path);
        Assert.Equal(MailboxCsv.Header, rows[0]);
        Assert.Equal(encrypted, rows.Length - 1);
        Assert.All(rows.Skip(1), row => Assert.Matches(",(smime|pgp),", row));

        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-json").ClickAsync());
        Assert.Equal("mailbox.json", json.SuggestedFilename);
        var jsonPath = Path.Combine(Path.GetTempPath(), $"mailbox-{Guid.NewGuid():N}.json");
        await json.SaveAsAsync(jsonPath);
        var table = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(jsonPath))!.AsArray();
        File.Delete(jsonPath);
        Assert.Equal(encrypted, table.Count);
        Assert.All(table, row => Assert.True((bool?)row!["summary"]!["encryptedForSomeoneElse"]));

        // Both filters together: encrypted messages that also came through a relay (none in this corpus, so an empty table).
        await page.GetByLabel("Only relays").CheckAsync();
        var both = Expected.Count(s => s.EncryptedForSomeoneElse && s.ThroughRelay);
        await Expect(page.GetByTestId("mailbox-shown")).ToHaveTextAsync($"{both} of {Expected.Count} messages shown");
        await page.GetByLabel("Only encrypted for someone else").UncheckAsync();
        var relays = Expected.Count(s => s.ThroughRelay);
        Assert.True(relays > 0);
        await Expect(page.GetByTestId("mailbox-shown")).ToHaveTextAsync($"{relays} of {Expected.Count} messages shown");
    }

    [Fact]
    public async Task A_row_opens_the_message_s_full_report_and_goes_back_to_the_table()
    {
        var page = await OpenAsync(site, "de");
        await page.Locator(".upload input[type=file]").Last.SetInputFilesAsync(MailboxSamples.FormailMbox);
        await Expect(page.GetByTestId("mailbox-done")).ToBeVisibleAsync();

        // Sorted by subject, the first row is another message than the mbox's first: its report follows the row, not the position.
        var subjectCells = page.Locator("[data-testid=mailbox-table] tbody tr td:nth-child(4)");
        var subjects = (await subjectCells.AllTextContentsAsync()).Select(s => s.Trim()).Order(StringComparer.Ordinal).ToArray();
        await page.GetByRole(AriaRole.Columnheader, new() { Name = "Betreff" }).Locator(".mud-table-sort-label").ClickAsync();
        // The table re-renders after the click: the assertion waits for the sorted order instead of reading once.
        await Expect(subjectCells).ToHaveTextAsync(subjects);
        await page.GetByTestId("open-report").First.ClickAsync();
        await Expect(page.Locator(".verdict__text")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("mailbox-report").Locator(".report__meta dd").First).ToHaveTextAsync(subjects[0]);
        // Copying from the opened report says so, as on the single-message page (no system clipboard here: record it).
        await page.EvaluateAsync("navigator.clipboard.writeText = text => { window.copiedText = text; return Promise.resolve(); }");
        await page.GetByTestId("mailbox-report").GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("kopieren$") }).First.ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("In die Zwischenablage kopiert.");
        Assert.False(string.IsNullOrEmpty(await page.EvaluateAsync<string>("window.copiedText")));

        await page.GetByTestId("close-report").ClickAsync();
        await Expect(page.GetByTestId("mailbox-table")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("open-report")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task The_analyzer_page_links_to_the_mailbox_page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/fr/analyze");
        await page.GetByTestId("mailbox-link").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/fr/analyze/mailbox");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Analyser toute une boîte aux lettres");
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_on_the_page_in_the_reader_s_language()
    {
        var page = await OpenAsync(site, "es");
        var bomb = MailboxSamples.Zip(("bomb.eml", new byte[2 * 1024 * 1024], System.IO.Compression.CompressionLevel.SmallestSize));
        await page.Locator(".upload input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "inbox.zip", MimeType = "application/zip", Buffer = bomb });
        var alert = page.Locator("[data-rejection=archive-ratio]");
        await Expect(alert.Locator("h2")).ToHaveTextAsync("Un archivo del zip está comprimido de forma sospechosa");
        await Expect(alert).ToContainTextAsync("(bomb.eml)");
    }

    public static TheoryData<string> AllLanguages => new(Portal.Articles.Languages.All.Select(l => l.Code));

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public async Task The_mailbox_page_empty_and_with_its_table_has_no_violations(string language)
    {
        var page = await OpenAsync(site, language);
        await Accessibility.AssertNoViolationsInBothSchemesAsync(page, $"/{language}/analyze/mailbox, empty");
        await page.Locator(".upload input[type=file]").Last.SetInputFilesAsync(MailboxSamples.FormailMbox);
        await Expect(page.GetByTestId("mailbox-done")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsInBothSchemesAsync(page, $"/{language}/analyze/mailbox, table");
    }

    public static async Task<IPage> OpenAsync(LivePortal site, Support.Browser browser, string language)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/{language}/analyze/mailbox");
        await Expect(page.Locator("section.mailbox")).ToHaveAttributeAsync("data-interactive", "true");
        await FileInputs.WaitUntilReadyAsync(page);
        return page;
    }

    private Task<IPage> OpenAsync(LivePortal portal, string language) => OpenAsync(portal, browser, language);
}

/// <summary>Cancel while the batch waits for a slot that the test holds, as a busy site would hold it.</summary>
public sealed class MailboxPageCancelTests : IClassFixture<Support.Browser>
{
    private readonly Support.Browser browser;

    public MailboxPageCancelTests(Support.Browser browser) => this.browser = browser;

    [Fact]
    public async Task Cancel_stops_the_batch_and_says_how_far_it_got()
    {
        await using var site = new LivePortal();
        site.Settings["Portal:Upload:MaxConcurrentAnalyses"] = "1";
        var page = await MailboxPageBrowserTests.OpenAsync(site, browser, "en");
        var gate = site.AppServices.GetRequiredService<AnalysisGate>();
        var total = MailboxSamples.GeneratedCorpusFiles.Count;

        using (var held = await gate.EnterAsync(CancellationToken.None))
        {
            Assert.True(held.IsAcquired);
            await page.Locator(".upload input[type=file]").Last.SetInputFilesAsync(MailboxSamples.GeneratedCorpusMbox);
            var progress = page.GetByTestId("mailbox-progress");
            await Expect(progress).ToContainTextAsync($"0 of {total} messages analyzed");
            await progress.GetByTestId("cancel").ClickAsync();
            await Expect(page.GetByTestId("mailbox-cancelled")).ToHaveTextAsync($"Stopped after 0 of {total} messages.");
        }

        // The slot is free again: the same page analyzes the next mailbox to the end.
        await page.Locator(".upload input[type=file]").Last.SetInputFilesAsync(MailboxSamples.FormailMbox);
        await Expect(page.GetByTestId("mailbox-done")).ToContainTextAsync("Finished: 3 messages analyzed, 0 not analyzed.");
    }
}
