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

        await Expect(page.GetByTestId("unsaved")).ToBeVisibleAsync();
        await page.GetByTestId("publish").ClickAsync();
        await Expect(page.GetByTestId("message")).ToContainTextAsync("Published");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Published");
        await Expect(page.GetByTestId("unsaved")).ToHaveCountAsync(0);

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

        // Restoring asks first; cancelling changes nothing.
        await page.GetByTestId("restore-1").ClickAsync();
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);
        await page.GetByTestId("restore-1").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("published at once");
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(page.GetByTestId("message")).ToContainTextAsync("4");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.First).ToHaveAttributeAsync("data-revision", "4");
        await Expect(rows.First.Locator("td").Nth(1)).ToHaveTextAsync(email);

        var reader = await browser.NewPageAsync("de-DE");
        await reader.GotoAsync($"{baseUrl}/de/articles/{AdminTestContent.Slug}");
        await Expect(reader.Locator(".article-body")).ToContainTextAsync("Verschlüsselung schützt eine Nachricht unterwegs.");
        await Expect(reader.Locator(".article-body")).Not.ToContainTextAsync("vom Absender bis zum Empfänger");

        // One restore, one audit entry.
        var audit = await portal.AppServices.GetRequiredService<AuditLog>().NewestAsync();
        Assert.Single(audit, e => e.Actor == email && e.Action is AuditActions.Restored or AuditActions.Saved or AuditActions.Published);
    }

    [Fact]
    public async Task Unpublishing_asks_first_and_only_a_confirmed_unpublish_takes_the_page_off_the_site()
    {
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Editor);
        var page = await SignInAsync(email, $"/admin/articles/{AdminTestContent.Slug}/de");

        await page.GetByTestId("unpublish").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Unpublish this translation?");
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("status")).ToContainTextAsync("Published");

        await page.GetByTestId("unpublish").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(page.GetByTestId("message")).ToContainTextAsync("Unpublished");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("Draft");
    }

    [Fact]
    public async Task The_editor_keeps_Save_in_view_at_900_pixels_and_shows_one_pane_at_a_time_with_tabs()
    {
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Editor);
        var page = await SignInAsync(email, $"/admin/articles/{AdminTestContent.Slug}/de", new() { Width = 900, Height = 700 });

        await page.GetByTestId("body").FillAsync(string.Concat(Enumerable.Repeat("Eine lange Zeile.\n", 80)));
        await page.GetByTestId("body").PressAsync("End");
        await page.Mouse.WheelAsync(0, 3000);
        await Expect(page.GetByTestId("save")).ToBeInViewportAsync();
        await Expect(page.GetByTestId("preview")).ToBeHiddenAsync();

        await page.GetByTestId("tab-Preview").ClickAsync();
        await Expect(page.GetByTestId("preview")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("body")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Leaving_the_editor_with_unsaved_text_asks_first_and_cancel_keeps_the_text()
    {
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Editor);
        var page = await SignInAsync(email, $"/admin/articles/{AdminTestContent.Slug}/de");

        await page.GetByTestId("body").FillAsync("Noch nicht gespeichert.");
        await Expect(page.GetByTestId("unsaved")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Revision history" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Leave without saving?");
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/admin/articles/{AdminTestContent.Slug}/de$"));
        await Expect(page.GetByTestId("body")).ToHaveValueAsync("Noch nicht gespeichert.");
    }

    [Fact]
    public async Task The_markdown_toolbar_wraps_the_selection_and_the_preview_follows()
    {
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Editor);
        var page = await SignInAsync(email, $"/admin/articles/{AdminTestContent.Slug}/de");
        var body = page.GetByTestId("body");

        await body.FillAsync("Wichtig");
        await body.SelectTextAsync();
        await page.GetByTestId("md-bold").ClickAsync();

        await Expect(body).ToHaveValueAsync("**Wichtig**");
        await Expect(page.GetByTestId("preview").Locator("strong")).ToHaveTextAsync("Wichtig");
    }

    [Fact]
    public async Task The_translation_matrix_shows_coloured_status_chips_and_filters_by_status_and_text()
    {
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Editor);
        var page = await SignInAsync(email, "/admin");

        var german = page.Locator($".state-chip[data-language=de]").First;
        await Expect(german).ToHaveAttributeAsync("data-state", "UpToDate");
        await Expect(german).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-chip-color-success"));
        await Expect(german).ToHaveAttributeAsync("href", $"/admin/articles/{AdminTestContent.Slug}/de");

        await page.GetByLabel("Search").FillAsync("no such article");
        await Expect(page.Locator(".state-chip")).ToHaveCountAsync(0);
    }

    private async Task<IPage> SignInAsync(string email, string path, ViewportSize? viewport = null)
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new() { Width = 1280, Height = 900 } });
        await page.GotoAsync($"{portal.BaseUrl}{path}");
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", AdminTestSupport.Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(path) + "$"));
        await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true");
        return page;
    }

    [Fact]
    public async Task Without_JavaScript_an_editor_saves_through_the_form_and_a_stale_save_shows_both_texts_and_saves_the_merge()
    {
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Editor);
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var editorPath = $"/admin/articles/{AdminTestContent.Slug}/de";
        await page.GotoAsync($"{portal.BaseUrl}{editorPath}");
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", AdminTestSupport.Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"{editorPath}$"));

        var save = page.Locator("noscript button[value=Keep], button[name=publish][value=Keep]").First;
        await page.GetByTestId("body").FillAsync("Ohne Skript geschrieben.");
        await save.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"{editorPath}$"));
        await Expect(page.GetByTestId("body")).ToHaveValueAsync("Ohne Skript geschrieben.");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("revision 2");

        // Someone else saves meanwhile: this page's version is outdated, and its save is answered with both texts.
        var editor = AdminTestSupport.Services(portal).GetRequiredService<TranslationEditor>();
        var current = await editor.LoadAsync(AdminTestContent.Slug, "de");
        Assert.Equal(SaveOutcome.Saved, (await editor.SaveAsync(AdminTestContent.Slug, "de", current!.Text with { Body = "Annas Fassung." },
            current.Version, PublishChange.Keep, "anna@example.org")).Outcome);
        await page.GetByTestId("body").FillAsync("Meine Fassung.");
        await page.Locator("noscript button[value=Keep], button[name=publish][value=Keep]").First.ClickAsync();
        await Expect(page.GetByTestId("conflict")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("theirs")).ToHaveTextAsync("Annas Fassung.");
        await Expect(page.GetByTestId("yours")).ToHaveTextAsync("Meine Fassung.");
        // axe needs script, which this page has off: the same document is checked in a page that has it.
        var checker = await browser.NewPageAsync();
        await checker.GotoAsync($"{portal.BaseUrl}/healthz");
        await checker.SetContentAsync(await page.ContentAsync());
        await Accessibility.AssertNoViolationsAsync(checker, "conflict page of the editor's form");
        await checker.Context.CloseAsync();

        await page.GetByTestId("merged").FillAsync("Annas Fassung.\n\nMeine Fassung.");
        await page.GetByTestId("save-merged").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"{editorPath}$"));
        await Expect(page.GetByTestId("status")).ToContainTextAsync("revision 4");
        var final = await editor.LoadAsync(AdminTestContent.Slug, "de");
        Assert.Equal("Annas Fassung.\n\nMeine Fassung.", final!.Text.Body);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        portal.Dispose();
        content.Dispose();
    }
}
