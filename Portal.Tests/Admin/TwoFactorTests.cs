using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>Two-factor sign-in with an authenticator app and recovery codes, set up through the page as a person does.</summary>
public sealed partial class TwoFactorTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public TwoFactorTests(PortalFactory factory) => this.factory = factory;

    /// <summary>An account made the plain way, with no authenticator yet (the test helper gives Admins one).</summary>
    private async Task<(string Email, HttpClient Client)> SignedInWithoutSecondFactorAsync(AdminRole role)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        Assert.True((await factory.Services.GetRequiredService<AccountService>().CreateAsync(email, AdminTestSupport.Password, role)).Succeeded);
        var client = AdminTestSupport.Anonymous(factory);
        Assert.Equal("/admin", (await AdminTestSupport.PostSignInAsync(client, email, AdminTestSupport.Password)).Headers.Location?.OriginalString);
        return (email, client);
    }

    private static Task<HttpResponseMessage> PostPageFormAsync(HttpClient client, string handler, Dictionary<string, string>? fields = null)
    {
        fields ??= [];
        fields["_handler"] = handler;
        return AdminTestSupport.PostFormAsync(client, AdminRoles.TwoFactorPath, AdminRoles.TwoFactorPath, fields);
    }

    private static List<string> RecoveryCodes(string page) =>
        RecoveryCode().Matches(page[page.IndexOf("data-testid=\"recovery-codes\"", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task An_admin_is_asked_to_set_up_an_authenticator_and_then_signs_in_with_a_code_or_a_recovery_code_once()
    {
        var (email, client) = await SignedInWithoutSecondFactorAsync(AdminRole.Admin);
        var redirect = await client.GetAsync("/admin/accounts");
        Assert.Equal(AdminRoles.TwoFactorPath + "?required=true", redirect.Headers.Location?.OriginalString);

        var setup = await client.GetStringAsync(redirect.Headers.Location!.OriginalString);
        Assert.Contains("data-testid=\"two-factor-required\"", setup);
        Assert.Contains("src=\"data:image/png;base64,", setup);
        var key = WebUtility.HtmlDecode(Regex.Match(setup, "data-testid=\"authenticator-key\">([^<]+)<").Groups[1].Value);
        Assert.Matches("^[a-z2-7 ]{32,}$", key);

        var wrong = await (await PostPageFormAsync(client, "enable", new() { ["Code"] = "000000" == AdminTestSupport.CodeFor(key) ? "111111" : "000000" })).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"two-factor-message\"", wrong);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/accounts")).StatusCode);

        var enablingCode = AdminTestSupport.CodeFor(key);
        var enabled = await (await PostPageFormAsync(client, "enable", new() { ["Code"] = enablingCode })).Content.ReadAsStringAsync();
        var codes = RecoveryCodes(enabled);
        Assert.Equal(TwoFactorSetup.RecoveryCodeCount, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/accounts")).StatusCode);

        // The next sign-in needs the second step; a recovery code works once.
        var again = AdminTestSupport.Anonymous(factory);
        Assert.StartsWith(AdminRoles.SecondFactorPath, (await AdminTestSupport.PostSignInAsync(again, email, AdminTestSupport.Password)).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/admin")).StatusCode);
        Assert.Equal("/admin", (await AdminTestSupport.PostSecondFactorAsync(again, codes[0].ToLowerInvariant())).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/admin/audit")).StatusCode);

        var third = AdminTestSupport.Anonymous(factory);
        await AdminTestSupport.PostSignInAsync(third, email, AdminTestSupport.Password);
        Assert.Contains("error=invalid", (await AdminTestSupport.PostSecondFactorAsync(third, codes[0])).Headers.Location!.OriginalString);
        // The code that turned two-factor on was used up there; the app's next one works.
        Assert.Contains("error=invalid", (await AdminTestSupport.PostSecondFactorAsync(third, enablingCode)).Headers.Location!.OriginalString);
        Assert.Equal("/admin", (await AdminTestSupport.PostSecondFactorAsync(third, AdminTestSupport.CodeFor(key, stepsAhead: 1))).Headers.Location?.OriginalString);

        var audit = await factory.Services.GetRequiredService<AuditLog>().NewestAsync();
        Assert.Contains(audit, e => e.Actor == email && e.Action == AuditActions.TwoFactorEnabled);
        Assert.Contains(audit, e => e.Actor == email && e.Action == AuditActions.SignIn && e.Detail == "recovery code");
        Assert.Contains(audit, e => e.Actor == email && e.Action == AuditActions.SignInFailed && e.Detail == "second factor");
    }

    [Fact]
    public async Task The_second_step_cannot_be_reached_without_the_password_and_expires_with_a_password_change()
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Admin);
        var direct = await AdminTestSupport.PostSecondFactorAsync(AdminTestSupport.Anonymous(factory), await AdminTestSupport.CodeForAccountAsync(email));
        Assert.StartsWith(AdminRoles.SignInPath + "?error=expired", direct.Headers.Location!.OriginalString);

        var client = AdminTestSupport.Anonymous(factory);
        await AdminTestSupport.PostSignInAsync(client, email, AdminTestSupport.Password);
        var id = (await factory.Services.GetRequiredService<AccountAdministration>().FindIdAsync(email))!.Value;
        await factory.Services.GetRequiredService<AccountAdministration>().ResetPasswordAsync(id, "a fresh long passphrase", "head@example.org");
        Assert.Contains("error=invalid", (await AdminTestSupport.PostSecondFactorAsync(client, await AdminTestSupport.CodeForAccountAsync(email))).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task An_editor_is_offered_two_factor_sign_in_and_may_turn_it_off_again()
    {
        var (email, client) = await SignedInWithoutSecondFactorAsync(AdminRole.Editor);
        Assert.Contains($"href=\"{AdminRoles.TwoFactorPath}\"", await client.GetStringAsync("/admin"));
        var setup = await client.GetStringAsync(AdminRoles.TwoFactorPath);
        Assert.DoesNotContain("data-testid=\"two-factor-required\"", setup);
        var key = WebUtility.HtmlDecode(Regex.Match(setup, "data-testid=\"authenticator-key\">([^<]+)<").Groups[1].Value);
        var enabled = await (await PostPageFormAsync(client, "enable", new() { ["Code"] = AdminTestSupport.CodeFor(key) })).Content.ReadAsStringAsync();
        Assert.Equal(TwoFactorSetup.RecoveryCodeCount, RecoveryCodes(enabled).Count);
        Assert.Contains("data-testid=\"two-factor-status\"", await client.GetStringAsync(AdminRoles.TwoFactorPath));

        var off = await (await PostPageFormAsync(client, "disable")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"authenticator-key\"", off);
        Assert.Equal("/admin", (await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), email, AdminTestSupport.Password)).Headers.Location?.OriginalString);
    }

    [GeneratedRegex("<li><code>([A-Z0-9-]+)</code></li>")]
    private static partial Regex RecoveryCode();
}
