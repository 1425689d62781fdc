using Microsoft.Playwright;
using Portal.Data;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Admin;

/// <summary>Sign-in, translation matrix, editor, accounts and audit log in every admin language, light and dark: no WCAG 2.2 A/AA violation.</summary>
public sealed class AdminAccessibilityTests : IAsyncLifetime
{
    private readonly AdminTestContent content = new();
    private readonly Browser browser = new();
    private LivePortal portal = null!;

    public async Task InitializeAsync()
    {
        portal = new LivePortal { ContentDirectory = content.Directory };
        await browser.InitializeAsync();
    }

    public static TheoryData<string> AllLanguages => new(Portal.Articles.Languages.All.Select(l => l.Code));

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public async Task Admin_pages_have_no_violations(string language)
    {
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Admin);
        var page = await browser.NewPageAsync();
        var baseUrl = portal.BaseUrl;

        await page.GotoAsync($"{baseUrl}/admin/signin");
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", AdminTestSupport.Password);
        await page.ClickAsync("button[type=submit]");
        // Admins sign in with their authenticator code too; the second step is checked like the other pages.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/signin/two-factor"));
        await Accessibility.AssertNoViolationsInBothSchemesAsync(page, $"/admin/signin/two-factor ({language})");
        await page.FillAsync("input[name=code]", await AdminTestSupport.CodeForAccountAsync(email));
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin$"));
        await page.GotoAsync($"{baseUrl}/admin/language/{language}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", Portal.Articles.Languages.Get(language).Tag);

        foreach (var path in new[] { "/admin", $"/admin/articles/{AdminTestContent.Slug}/de", "/admin/accounts", "/admin/audit" })
        {
            await page.GotoAsync(baseUrl + path);
            await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true");
            await Accessibility.AssertNoViolationsInBothSchemesAsync(page, $"{path} ({language})");
        }

        // The sign-in page, in the same language, once signed out.
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/signin"));
        await Accessibility.AssertNoViolationsInBothSchemesAsync(page, $"/admin/signin ({language})");
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        portal.Dispose();
        content.Dispose();
    }
}
