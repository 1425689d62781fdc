using Microsoft.Playwright;
using Portal.Tests.Support;
using Portal.Upload;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Upload;

/// <summary>A developer opens the interactive API page in a real browser: it loads the generated document and shows the operation.</summary>
public sealed class ApiDocsBrowserTests : IClassFixture<LivePortal>, IClassFixture<Support.Browser>
{
    private readonly LivePortal site;
    private readonly Support.Browser browser;

    public ApiDocsBrowserTests(LivePortal site, Support.Browser browser) => (this.site, this.browser) = (site, browser);

    [Fact]
    public async Task The_api_page_renders_the_analyze_operation_from_the_generated_document()
    {
        var page = await browser.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                blocked.Add(message.Text);
        };
        var document = page.WaitForResponseAsync(r => r.Url.EndsWith(AnalyzeApiDescription.DocumentPath, StringComparison.Ordinal));

        await page.GotoAsync(site.BaseUrl + AnalyzeApiDescription.DocsPath);

        Assert.Equal(200, (await document).Status);
        await Expect(page.GetByText("Portal email analyzer API").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        // Operations are grouped by tag; the analyzer's group lists the operation.
        await page.GetByText("Analyzer", new() { Exact = true }).First.ClickAsync();
        await Expect(page.GetByText("Analyze one email").First).ToBeAttachedAsync(new() { Timeout = 20_000 });
        Assert.Empty(blocked);
    }
}
