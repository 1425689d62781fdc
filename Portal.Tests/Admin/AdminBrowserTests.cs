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

    [Fact]
    public async Task The_history_page_compares_two_chosen_revisions_and_restoring_the_oldest_puts_it_back_on_the_public_page()
    {
        var editor = portal.AppServices.GetRequiredService<TranslationEditor>();
        foreach (var replacement in new[] { "auf dem ganzen Weg", "vom Absender bis zum Empfänger" })
        {
            var current = await editor.LoadAsync(AdminTestContent.Slug, "de");
            var text = current!.Text with { Body = current.Text.Body.Replace(current.Revision == 1 ? "unterwegs" : "auf dem ganzen Weg", replacement) };
            Assert.Equal(SaveOutcome.Saved, (await editor.SaveAsync(AdminTestContent.Slug, "de", text, current.Version, PublishChange.Publish, "anna@example.org")).Outcome);
        }
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Editor);
        var page = await browser.NewPageAsync();
        var baseUrl = portal.BaseUrl;

        await page.GotoAsync($"{baseUrl}/admin/articles/{AdminTestContent.Slug}/de/history");
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", AdminTestSupport.Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/admin/articles/{AdminTestContent.Slug}/de/history$"));
        await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true");
        var rows = page.GetByTestId("revisions").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3);

        // The page opens on the last change (2 → 3); the first against the last shows the whole way.
        await page.GetByTestId("diff-from").SelectOptionAsync("1");
        await page.GetByTestId("diff-to").SelectOptionAsync("3");
        var diff = page.GetByTestId("diff");
        await Expect(diff.Locator(".diff--removed")).ToContainTextAsync("unterwegs");
        await Expect(diff.Locator(".diff--added")).ToContainTextAsync("vom Absender bis zum Empfänger");
        await Expect(diff).Not.ToContainTextAsync("auf dem ganzen Weg");

        await page.GetByTestId("restore-1").ClickAsync();
        await Expect(page.GetByTestId("message")).ToContainTextAsync("4");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.First).ToHaveAttributeAsync("data-revision", "4");
        await Expect(rows.First.Locator("td").Nth(1)).ToHaveTextAsync(email);

        var reader = await browser.NewPageAsync("de-DE");
        await reader.GotoAsync($"{baseUrl}/de/articles/{AdminTestContent.Slug}");
        await Expect(reader.Locator(".article-body")).ToContainTextAsync("Verschlüsselung schützt eine Nachricht unterwegs.");
        await Expect(reader.Locator(".article-body")).Not.ToContainTextAsync("vom Absender bis zum Empfänger");
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        portal.Dispose();
        content.Dispose();
    }
}
