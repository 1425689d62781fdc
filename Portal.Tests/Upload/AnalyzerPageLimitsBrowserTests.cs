using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Tests.Support;
using Portal.Upload;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Upload;

/// <summary>
/// The analyzer page in a real browser shares the API's limits: one count per client address for both, and the same
/// analysis slots, with the reason shown in words.
/// </summary>
public sealed class AnalyzerPageLimitsBrowserTests : IClassFixture<Support.Browser>
{
    private const string Pasted = "From: a@example.test\nTo: b@example.test\nSubject: hello\n\nbody\n";
    private readonly Support.Browser browser;

    public AnalyzerPageLimitsBrowserTests(Support.Browser browser) => this.browser = browser;

    [Fact]
    public async Task The_page_and_the_api_count_against_one_limit_per_client()
    {
        await using var site = new LivePortal();
        site.Settings["Portal:Upload:RateLimit:PermitLimit"] = "2";
        var page = await OpenAnalyzerAsync(site, "en");

        await AnalyzePastedAsync(page);
        await Expect(page.Locator(".verdict__text")).ToBeVisibleAsync();
        using (var api = await new HttpClient().PostAsync($"{site.BaseUrl}{AnalyzeApi.Route}", AnalyzeApiHardeningTests.Raw("Subject: hi\r\n\r\nbody\r\n"u8.ToArray())))
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);

        await AnalyzePastedAsync(page);
        var alert = page.Locator("[data-rejection=rate-limited]");
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert.Locator("h2")).ToHaveTextAsync("Too many requests");
    }

    [Fact]
    public async Task When_every_slot_is_taken_the_page_says_the_analyzer_is_busy()
    {
        await using var site = new LivePortal();
        site.Settings["Portal:Upload:MaxConcurrentAnalyses"] = "1";
        site.Settings["Portal:Upload:AnalysisQueueLength"] = "0";
        site.Settings["Portal:Analysis:DeadlineSeconds"] = "4";
        site.Settings["Portal:Analysis:MinDecodedBytes"] = (1L << 50).ToString(System.Globalization.CultureInfo.InvariantCulture);
        site.Settings["Portal:Analysis:MaxDecodedBytes"] = (1L << 50).ToString(System.Globalization.CultureInfo.InvariantCulture);
        site.Settings["Portal:Analysis:MaxContainers"] = "100000";
        var page = await OpenAnalyzerAsync(site, "de");
        var gate = site.AppServices.GetRequiredService<AnalysisGate>();

        var slow = new HttpClient().PostAsync($"{site.BaseUrl}{AnalyzeApi.Route}", AnalyzeApiHardeningTests.Raw(HostileMessages.OpenPgpCompressionFanOut(pieces: 900)));
        for (var waited = 0; gate.Running == 0; waited += 20)
        {
            Assert.True(waited < 10_000, "the slow analysis did not start");
            await Task.Delay(20);
        }
        await AnalyzePastedAsync(page);

        var alert = page.Locator("[data-rejection=busy]");
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert.Locator("h2")).ToHaveTextAsync("Der Analysator ist ausgelastet");
        using var stopped = await slow;
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
    }

    private async Task<IPage> OpenAnalyzerAsync(LivePortal site, string language)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/{language}/analyze");
        await Expect(page.Locator("section.analyzer")).ToHaveAttributeAsync("data-interactive", "true");
        return page;
    }

    private static async Task AnalyzePastedAsync(IPage page)
    {
        await page.Locator(".paste__input textarea").First.FillAsync(Pasted);
        await page.Locator(".paste__submit").ClickAsync();
    }
}
