using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Admin;
using Portal.Articles;
using Portal.Data;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Admin;

/// <summary>The catalogs, sync and new-article pages on MudBlazor in Chromium: grids, dialogs, snackbars, and axe in every admin language.</summary>
public sealed class AdminToolPagesTests : IAsyncLifetime
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
    public async Task An_admin_adds_a_relay_finds_it_in_the_grid_and_removes_it_only_after_confirming()
    {
        var page = await SignInAsAdminAsync("/admin/catalogs");

        await Field(page, "relay-id").FillAsync("acme-relay");
        await Field(page, "relay-name").FillAsync("Acme Relay");
        await Field(page, "relay-value").FillAsync("relay.acme.test");
        await page.GetByTestId("add-relay").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("the next analysis uses it");
        var relays = page.GetByTestId("relays").Locator("tbody tr");
        await Expect(relays.Filter(new() { HasText = "relay.acme.test" })).ToHaveCountAsync(1);

        // The quick filter narrows the grid; an entry without a value is refused and said why.
        await Field(page, "relay-search").FillAsync("no such relay");
        await Expect(relays.Filter(new() { HasText = "relay.acme.test" })).ToHaveCountAsync(0);
        await Field(page, "relay-search").FillAsync("acme");
        await page.GetByTestId("add-relay").ClickAsync();
        await Expect(page.GetByTestId("catalogs-message")).ToContainTextAsync("Fill in id, name and value");

        var entry = (await portal.AppServices.GetRequiredService<CatalogEditor>().ListAsync()).Relays.Single();
        await page.GetByTestId($"remove-relay-{entry.Id}").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Acme Relay (relay.acme.test)");
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(relays.Filter(new() { HasText = "relay.acme.test" })).ToHaveCountAsync(1);
        await page.GetByTestId($"remove-relay-{entry.Id}").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(relays.Filter(new() { HasText = "relay.acme.test" })).ToHaveCountAsync(0);
        Assert.Empty((await portal.AppServices.GetRequiredService<CatalogEditor>().ListAsync()).Relays);
    }

    [Fact]
    public async Task A_sync_conflict_shows_both_texts_and_taking_the_file_asks_first_then_resolves_it()
    {
        var editor = portal.AppServices.GetRequiredService<TranslationEditor>();
        var german = await editor.LoadAsync(AdminTestContent.Slug, "de");
        await editor.SaveAsync(AdminTestContent.Slug, "de", german!.Text with { Body = "Im Portal geändert." },
            german.Version, PublishChange.Publish, "anna@example.org");
        content.Write("de", File.ReadAllText(content.PathOf("de")).Replace("unterwegs", "in der Datei").TrimEnd('\n'));
        await portal.AppServices.GetRequiredService<ContentImporter>().ImportAsync();
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Editor);
        var page = await SignInAsync(email, "/admin/sync");

        var conflicts = page.GetByTestId("conflicts");
        await Expect(conflicts).ToContainTextAsync("de/test-encryption-basics.md");
        await Expect(conflicts.Locator("pre").First).ToContainTextAsync("Im Portal geändert.");
        await Expect(conflicts.Locator("pre").Nth(1)).ToContainTextAsync("in der Datei");

        await page.GetByTestId("take-file").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("de/test-encryption-basics.md");
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(conflicts).ToHaveCountAsync(1);
        await page.GetByTestId("take-file").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("conflict resolved");
        await Expect(page.GetByTestId("no-conflicts")).ToBeVisibleAsync();
        Assert.Contains("in der Datei", (await editor.LoadAsync(AdminTestContent.Slug, "de"))!.Text.Body);

        await page.GetByTestId("export").ClickAsync();
        await Expect(page.GetByTestId("sync-message")).ToContainTextAsync("Export done");
    }

    [Fact]
    public async Task A_new_article_with_a_bad_slug_is_refused_and_a_good_one_opens_in_the_editor()
    {
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Editor);
        var page = await SignInAsync(email, "/admin/articles/new");

        await Field(page, "slug").FillAsync("Not A Slug");
        await Field(page, "title").FillAsync("Reading headers");
        await page.GetByTestId("create").ClickAsync();
        await Expect(page.GetByTestId("new-article-problem")).ToContainTextAsync("a-z, 0-9");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("a-z, 0-9");

        await Field(page, "slug").FillAsync("reading-headers");
        await page.GetByTestId("create").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/articles/reading-headers/en$"));
    }

    public static TheoryData<string> AllLanguages => new(Languages.All.Select(l => l.Code));

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public async Task Catalogs_sync_and_new_article_pages_have_no_violations(string language)
    {
        await portal.AppServices.GetRequiredService<CatalogEditor>().SaveRelayAsync(
            new RelayCatalogEntry { ServiceId = "acme", ServiceName = "Acme", Kind = "domain", Value = "acme.test" }, "anna@example.org");
        var page = await SignInAsAdminAsync("/admin");
        await page.GotoAsync($"{portal.BaseUrl}/admin/language/{language}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", Languages.Get(language).Tag);

        foreach (var path in new[] { "/admin/catalogs", "/admin/sync", "/admin/articles/new" })
        {
            await page.GotoAsync(portal.BaseUrl + path);
            await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true");
            await Accessibility.AssertNoViolationsInBothSchemesAsync(page, $"{path} ({language})");
        }
    }

    /// <summary>A MudTextField's input, wherever MudBlazor puts the test id (the input or its wrapper).</summary>
    private static ILocator Field(IPage page, string testId) => page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    private async Task<IPage> SignInAsAdminAsync(string path)
    {
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Admin);
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync($"{portal.BaseUrl}{path}");
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", AdminTestSupport.Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/signin/two-factor"));
        await page.FillAsync("input[name=code]", await AdminTestSupport.CodeForAccountAsync(email));
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true");
        return page;
    }

    private async Task<IPage> SignInAsync(string email, string path)
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync($"{portal.BaseUrl}{path}");
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", AdminTestSupport.Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true");
        return page;
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        portal.Dispose();
        content.Dispose();
    }
}
