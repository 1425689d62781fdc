using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>Account changes end the account's existing sessions; the last Admin stays. Each test has its own database.</summary>
public sealed class AccountSessionTests : IDisposable
{
    private const string Actor = "head-admin@example.org";
    private readonly PortalFactory factory = new();

    private AccountAdministration Administration => factory.Services.GetRequiredService<AccountAdministration>();

    private async Task<(int Id, string Email, HttpClient Client)> SignedInAsync(AdminRole role)
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, role);
        var client = AdminTestSupport.Anonymous(factory);
        await AdminTestSupport.SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        return ((await IdOfAsync(email)), email, client);
    }

    private async Task<int> IdOfAsync(string email) =>
        (await factory.Services.GetRequiredService<AccountService>().ListAsync()).Single(a => a.Email == email).Id;

    private static async Task AssertSentToSignInAsync(HttpClient client, string path = "/admin")
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(AdminRoles.SignInPath, response.Headers.Location!.AbsolutePath);
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync() => await factory.Services.GetRequiredService<AuditLog>().NewestAsync();

    [Fact]
    public async Task Changing_the_role_ends_the_old_session_and_a_new_sign_in_gets_the_new_role()
    {
        var (id, email, client) = await SignedInAsync(AdminRole.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/accounts")).StatusCode);

        Assert.Equal(AccountProblem.None, await Administration.ChangeRoleAsync(id, AdminRole.Admin, Actor));
        await AssertSentToSignInAsync(client);

        // The new Admin has no second factor yet: the Admin pages send it to set one up.
        await AdminTestSupport.SignInAsync(client, email);
        var accounts = await client.GetAsync("/admin/accounts");
        Assert.Equal(AdminRoles.TwoFactorPath + "?required=true", accounts.Headers.Location?.OriginalString);
        await AdminTestSupport.AddAuthenticatorAsync(factory.Services, email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/accounts")).StatusCode);
        Assert.Contains(await AuditAsync(), e => e.Actor == Actor && e.Action == AuditActions.AccountRoleChanged && e.Target == email && e.Detail == "Admin");
    }

    [Fact]
    public async Task Resetting_the_password_ends_the_old_session_and_only_the_new_password_signs_in()
    {
        var (id, email, client) = await SignedInAsync(AdminRole.Editor);
        Assert.Equal((AccountProblem.WeakPassword, PasswordProblem.TooShort), await Administration.ResetPasswordAsync(id, "short", Actor));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode); // a refused reset changes nothing

        const string newPassword = "a different long passphrase";
        Assert.Equal((AccountProblem.None, PasswordProblem.None), await Administration.ResetPasswordAsync(id, newPassword, Actor));
        await AssertSentToSignInAsync(client);

        Assert.Contains("error=invalid", (await AdminTestSupport.PostSignInAsync(client, email, AdminTestSupport.Password)).Headers.Location!.OriginalString);
        Assert.Equal("/admin", (await AdminTestSupport.PostSignInAsync(client, email, newPassword)).Headers.Location!.OriginalString);
        Assert.Contains(await AuditAsync(), e => e.Action == AuditActions.AccountPasswordReset && e.Target == email);
    }

    [Fact]
    public async Task Disabling_ends_the_session_and_refuses_sign_in_until_enabled_and_deleting_ends_it_for_good()
    {
        var (id, email, client) = await SignedInAsync(AdminRole.Editor);
        Assert.Equal(AccountProblem.None, await Administration.SetDisabledAsync(id, true, Actor));
        await AssertSentToSignInAsync(client);
        Assert.Contains("error=invalid", (await AdminTestSupport.PostSignInAsync(client, email, AdminTestSupport.Password)).Headers.Location!.OriginalString);

        Assert.Equal(AccountProblem.None, await Administration.SetDisabledAsync(id, false, Actor));
        Assert.Equal("/admin", (await AdminTestSupport.PostSignInAsync(client, email, AdminTestSupport.Password)).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);

        Assert.Equal(AccountProblem.None, await Administration.DeleteAsync(id, Actor));
        await AssertSentToSignInAsync(client);
        var audit = await AuditAsync();
        Assert.Contains(audit, e => e.Action == AuditActions.AccountDisabled && e.Target == email);
        Assert.Contains(audit, e => e.Action == AuditActions.AccountEnabled && e.Target == email);
        Assert.Contains(audit, e => e.Action == AuditActions.AccountDeleted && e.Target == email);
    }

    [Fact]
    public async Task Failed_sign_ins_by_someone_else_lock_the_account_but_end_none_of_its_sessions()
    {
        var (id, email, client) = await SignedInAsync(AdminRole.Editor);
        for (var i = 0; i < 8; i++)
            await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), email, "wrong password " + i);

        var account = (await factory.Services.GetRequiredService<AccountService>().ListAsync()).Single(a => a.Id == id);
        Assert.True(account.LockedUntil > DateTimeOffset.UtcNow, "the account waits");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        Assert.Equal(1, await factory.Services.GetRequiredService<SessionStore>().CountAsync(id));
    }

    [Fact]
    public async Task The_last_active_Admin_cannot_be_demoted_disabled_or_deleted()
    {
        var (first, _, firstClient) = await SignedInAsync(AdminRole.Admin);
        Assert.Equal(AccountProblem.LastAdmin, await Administration.ChangeRoleAsync(first, AdminRole.Editor, Actor));
        Assert.Equal(AccountProblem.LastAdmin, await Administration.SetDisabledAsync(first, true, Actor));
        Assert.Equal(AccountProblem.LastAdmin, await Administration.DeleteAsync(first, Actor));
        Assert.Equal(HttpStatusCode.OK, (await firstClient.GetAsync("/admin/accounts")).StatusCode); // refusals change nothing

        // A disabled Admin does not count: it cannot sign in to put things right.
        var second = await IdOfAsync(await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Admin));
        Assert.Equal(AccountProblem.None, await Administration.SetDisabledAsync(second, true, Actor));
        Assert.Equal(AccountProblem.LastAdmin, await Administration.DeleteAsync(first, Actor));

        Assert.Equal(AccountProblem.None, await Administration.SetDisabledAsync(second, false, Actor));
        Assert.Equal(AccountProblem.None, await Administration.DeleteAsync(first, Actor));
        Assert.Equal(AccountProblem.LastAdmin, await Administration.DeleteAsync(second, Actor));
        Assert.Equal(AdminRole.Admin, Assert.Single(await factory.Services.GetRequiredService<AccountService>().ListAsync()).Role);
    }

    [Fact]
    public async Task The_accounts_page_offers_role_change_password_reset_disable_and_delete()
    {
        var (_, _, client) = await SignedInAsync(AdminRole.Admin);
        var page = await client.GetStringAsync("/admin/accounts");
        Assert.Contains("Reset password", page);
        Assert.Contains("Disable", page);
        Assert.Contains("Delete", page);
        Assert.Contains("Editor (content only)", page);
    }

    public void Dispose() => factory.Dispose();
}
