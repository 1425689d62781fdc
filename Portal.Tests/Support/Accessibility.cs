using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Portal.Tests.Support;

/// <summary>axe-core in the page: WCAG 2.0–2.2 level A and AA rules, violations listed with the elements at fault.</summary>
public static class Accessibility
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    };

    /// <summary>Checks the page as it is, then in the other colour scheme.</summary>
    public static async Task AssertNoViolationsInBothSchemesAsync(IPage page, string what)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            await AssertNoViolationsAsync(page, $"{what} ({scheme})");
        }
    }

    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        // A page reached by a click (sign-out's redirect) has its new URL before its stylesheets: measured then, the app bar
        // has no theme colours yet and its links fail contrast (seen once on a loaded machine).
        await page.WaitForLoadStateAsync(LoadState.Load);
        // Colours are measured as they end up: a button that was disabled while the analysis ran fades back in over 250 ms.
        await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
        var result = await page.RunAxe(Wcag22AA);
        var found = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n    " + string.Join("\n    ", v.Nodes.Take(5).Select(n => $"{n.Target} {Shorten(n.Html)}")));
        Assert.True(result.Violations.Length == 0, $"{what}: {result.Violations.Length} WCAG violations\n" + string.Join("\n", found));
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
