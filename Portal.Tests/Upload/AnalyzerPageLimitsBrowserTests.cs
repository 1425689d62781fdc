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
        var page = await OpenAnalyzerAsync(site, "de");
        var gate = site.AppServices.GetRequiredService<AnalysisGate>();

        // The one slot is held here, as a long analysis would hold it, for exactly as long as the test needs: a real
        // slow message finishes sooner or later depending on the machine and made this test race.
        using (var held = await gate.EnterAsync(CancellationToken.None))
        {
            Assert.True(held.IsAcquired);
            await AnalyzePastedAsync(page);

            var alert = page.Locator("[data-rejection=busy]");
            await Expect(alert).ToBeVisibleAsync();
            await Expect(alert.Locator("h2")).ToHaveTextAsync("Das Analysetool ist ausgelastet");
            using var api = await new HttpClient().PostAsync($"{site.BaseUrl}{AnalyzeApi.Route}", AnalyzeApiHardeningTests.Raw("Subject: hi\r\n\r\nbody\r\n"u8.ToArray()));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        }

        // With the slot free again the same page analyzes.
        await AnalyzePastedAsync(page);
        await Expect(page.Locator(".verdict__text")).ToBeVisibleAsync();
    }

    private async Task<IPage> OpenAnalyzerAsync(LivePortal site, string language)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/{language}/analyze");
        await Expect(page.Locator("section.analyzer")).ToHaveAttributeAsync("data-interactive", "true");
        await FileInputs.WaitUntilReadyAsync(page);
        return page;
    }

    private static async Task AnalyzePastedAsync(IPage page)
    {
        await page.Locator(".paste__input textarea").First.FillAsync(Pasted);
        await page.Locator(".paste__submit").ClickAsync();
    }
}
