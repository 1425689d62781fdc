using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Admin;

/// <summary>The admin flow in Chromium against the real app on Kestrel.</summary>
public sealed class AdminBrowserTests : IAsyncLifetime
{
    private readonly AdminTestContent content = new();
    private readonly Browser browser = new();
    private LivePortal portal = null!;

    public async Task InitializeAsync()
    {
        portal = new LivePortal { ContentDirectory = content.Directory };
        await browser.InitializeAsync();
    }

    [Fact]
    public async Task An_editor_signs_in_edits_German_with_live_preview_publishes_and_the_public_page_shows_it()
    {
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Editor);
        var page = await browser.NewPageAsync();
        var baseUrl = portal.BaseUrl;

        await page.GotoAsync($"{baseUrl}/admin/articles/{AdminTestContent.Slug}/de");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/signin"));
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", AdminTestSupport.Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/admin/articles/{AdminTestContent.Slug}/de$"));

        await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true");
        var body = page.GetByTestId("body");
        await body.FillAsync("## Neu im Browser\n\nDieser Satz wurde **live** geschrieben.");
        await body.PressSequentiallyAsync(" Noch mehr.");
        await Expect(page.GetByTestId("preview").Locator("h2")).ToHaveTextAsync("Neu im Browser");
        await Expect(page.GetByTestId("preview")).ToContainTextAsync("Noch mehr.");
        await Expect(page.GetByTestId("preview").Locator("strong")).ToHaveTextAsync("live");

        await page.GetByTestId("publish").ClickAsync();
        await Expect(page.GetByTestId("message")).ToBeVisibleAsync();

        var reader = await browser.NewPageAsync("de-DE");
        await reader.GotoAsync($"{baseUrl}/de/articles/{AdminTestContent.Slug}");
        await Expect(reader.Locator(".article-body h2")).ToHaveTextAsync("Neu im Browser");

        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/signin"));
        await page.GotoAsync($"{baseUrl}/admin");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/signin"));
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        portal.Dispose();
        content.Dispose();
    }
}
