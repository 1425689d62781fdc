using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portal.Articles;
using Portal.Tests.Support;

namespace Portal.Tests.Articles;

/// <summary>
/// axe-core on every kind of reading page (home, article, category, search and its second page, 404) in every language, with the
/// system in light and in dark mode: no WCAG 2.2 A/AA violation. One browser, one page per language and theme.
/// </summary>
public sealed class ReadingPagesAccessibilityTests(ReadingPagesAccessibilityTests.Site site, Browser browser)
    : IClassFixture<ReadingPagesAccessibilityTests.Site>, IClassFixture<Browser>
{
    /// <summary>Two results per page, so that the search page shows its page links.</summary>
    public sealed class Site : LivePortal
    {
        public Site() => Settings["Portal:Search:PageSize"] = "2";
    }

    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Reading_pages_in_every_language_have_no_WCAG_22_AA_violations(ColorScheme scheme)
    {
        // The languages run side by side, one page each, to keep the suite quick (the server starts once, first).
        var baseUrl = site.BaseUrl;
        var problems = await Task.WhenAll(Languages.All.Select(language => ViolationsAsync(baseUrl, language.Code, scheme)));

        var all = problems.SelectMany(p => p).ToArray();
        Assert.True(all.Length == 0, string.Join("\n", all));
    }

    private async Task<List<string>> ViolationsAsync(string baseUrl, string lang, ColorScheme scheme)
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ColorScheme = scheme, Locale = Languages.Get(lang).Tag });
        string[] paths =
        [
            $"/{lang}/",
            $"/{lang}/articles/email-encryption-types",
            $"/{lang}/categories/relays",
            $"/{lang}/search?q=TLS",
            $"/{lang}/search?q=TLS&page=2",
            $"/{lang}/no-such-page",
        ];
        var problems = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(baseUrl + path);
            var result = await page.RunAxe(Wcag22AA);
            problems.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n => $"{path} ({scheme}): {v.Id} ({v.Impact}) at {string.Join(" ", n.Target)}: {v.Help}")));
        }
        await page.Context.CloseAsync();
        return problems;
    }
}
