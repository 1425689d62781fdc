using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Admin;

/// <summary>Two-factor setup and sign-in in Chromium, as an Admin meets them, against the real app on Kestrel.</summary>
public sealed class TwoFactorBrowserTests : IAsyncLifetime
{
    private readonly AdminTestContent content = new();
    private readonly Browser browser = new();
    private LivePortal portal = null!;

    public async Task InitializeAsync()
    {
        portal = new LivePortal { ContentDirectory = content.Directory };
        await browser.InitializeAsync();
    }

    private static async Task SignInWithPasswordAsync(IPage page, string email)
    {
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(AdminTestSupport.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task An_admin_sets_up_the_authenticator_when_asked_and_signs_in_with_a_new_code_next_time()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        // Made the plain way: no authenticator yet (the test helper would add one for an Admin).
        var created = await portal.AppServices.GetRequiredService<AccountService>().CreateAsync(email, AdminTestSupport.Password, AdminRole.Admin);
        Assert.True(created.Succeeded);
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{portal.BaseUrl}/admin/accounts");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/signin"));
        await SignInWithPasswordAsync(page, email);
        await Expect(page).ToHaveURLAsync(new Regex("/admin/two-factor\\?required=true$"));
        await Expect(page.GetByTestId("two-factor-required")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();

        // The key as the page shows it (grouped, lower case), typed into the phone app: Otp.NET stands in for it.
        var key = await page.GetByTestId("authenticator-key").InnerTextAsync();
        var enablingCode = AdminTestSupport.CodeFor(key);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(enablingCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(TwoFactorSetup.RecoveryCodeCount);

        await page.GotoAsync($"{portal.BaseUrl}/admin/accounts");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/accounts$"));
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/signin$"));

        await page.GotoAsync($"{portal.BaseUrl}/admin/audit");
        await SignInWithPasswordAsync(page, email);
        await Expect(page).ToHaveURLAsync(new Regex("/admin/signin/two-factor"));
        // The code that turned two-factor on is used up; the app's next one lets the Admin in.
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(enablingCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByTestId("sign-in-error")).ToBeVisibleAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(AdminTestSupport.CodeFor(key, stepsAhead: 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/audit$"));

        // The audit log names the browser's address with the sign-in it just made.
        await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true");
        var signIn = page.Locator("tr", new() { Has = page.Locator("[data-action='sign-in']") }).First;
        await Expect(signIn).ToContainTextAsync(email);
        await Expect(signIn.GetByTestId("audit-address")).ToContainTextAsync("127.0.0.1");
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        portal.Dispose();
        content.Dispose();
    }
}
