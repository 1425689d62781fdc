using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Upload;

/// <summary>The analyzer page, empty and with a report, in every language, light and dark: no WCAG 2.2 A/AA violation.</summary>
public sealed class AnalyzePageAccessibilityTests : IClassFixture<LivePortal>, IClassFixture<Support.Browser>
{
    private readonly LivePortal site;
    private readonly Support.Browser browser;

    public AnalyzePageAccessibilityTests(LivePortal site, Support.Browser browser) => (this.site, this.browser) = (site, browser);

    public static TheoryData<string> AllLanguages => new(Portal.Articles.Languages.All.Select(l => l.Code));

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public async Task The_analyzer_empty_and_with_a_report_has_no_violations(string language)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/{language}/analyze");
        await Expect(page.Locator("section.analyzer")).ToHaveAttributeAsync("data-interactive", "true");
        await FileInputs.WaitUntilReadyAsync(page);
        await Accessibility.AssertNoViolationsInBothSchemesAsync(page, $"/{language}/analyze, empty");

        // A report with every section filled: findings with evidence, two recipients, a route, a MIME tree.
        await page.Locator(".upload input[type=file]").Last.SetInputFilesAsync(Corpus.Generated("smime/enveloped-2recip-rsa+ec-aes256cbc.eml"));
        await Expect(page.Locator(".verdict__text")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsInBothSchemesAsync(page, $"/{language}/analyze, report");
    }
}
