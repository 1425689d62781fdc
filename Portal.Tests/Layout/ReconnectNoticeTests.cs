using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Layout;

/// <summary>What a reader of an interactive page sees when the server goes away: a localized bar, not a curtain.</summary>
public sealed class ReconnectNoticeTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_lost_connection_shows_a_localized_notice_that_leaves_the_page_readable()
    {
        var portal = new LivePortal();
        portal.Settings["shutdownTimeoutSeconds"] = "1"; // the open WebSocket must not hold the shutdown
        var page = await browser.NewPageAsync("de-DE");
        await page.GotoAsync($"{portal.BaseUrl}/de/analyze");
        await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true");
        var notice = page.Locator("#components-reconnect-modal");
        await Expect(notice).ToBeHiddenAsync();

        await portal.DisposeAsync();

        await Expect(notice).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(notice).ToContainTextAsync("Verbindung");
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToBeVisibleAsync();
        var covered = await heading.EvaluateAsync<bool>(
            "h => { const r = h.getBoundingClientRect(); const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return !h.contains(top); }");
        Assert.False(covered, "the notice must not cover the page's heading");
    }
}
