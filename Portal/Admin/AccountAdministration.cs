using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Admin;

/// <summary>
/// What an Admin (or <c>Portal admin …</c>) does to existing accounts: change the role, reset the password, disable,
/// enable, unlock, delete. Every change that affects what a session may do gives the account a new security stamp
/// and ends its sessions on the server at once; the last active Admin can never be demoted, disabled or deleted.
/// Each change is audited.
/// </summary>
public sealed class AccountAdministration(IServiceScopeFactory scopes, AuditLog audit, SessionStore sessions, ChangeFeed changes)
{
    public Task<AccountProblem> ChangeRoleAsync(int accountId, AdminRole role, string actor) =>
        ChangeAsync(accountId, actor, AuditActions.AccountRoleChanged,
            takesAwayAnAdmin: account => account.Role == AdminRole.Admin && role != AdminRole.Admin && !account.Disabled,
            (_, account) => { account.Role = role; return Task.FromResult(IdentityResult.Success); }, role.ToString());

    public async Task<(AccountProblem Problem, PasswordProblem PasswordProblem)> ResetPasswordAsync(int accountId, string password, string actor)
    {
        if (PasswordPolicy.Check(password) is var weakness and not PasswordProblem.None)
            return (AccountProblem.WeakPassword, weakness);
        var problem = await ChangeAsync(accountId, actor, AuditActions.AccountPasswordReset, takesAwayAnAdmin: _ => false, async (users, account) =>
        {
            account.AccessFailedCount = 0;
            account.LockoutEnd = null;
            // Identity's reset (hash, new security stamp), without a token: an Admin or the machine's operator asked for it.
            var removed = await users.RemovePasswordAsync(account);
            return removed.Succeeded ? await users.AddPasswordAsync(account, password) : removed;
        }, "");
        return (problem, PasswordProblem.None);
    }

    public Task<AccountProblem> SetDisabledAsync(int accountId, bool disabled, string actor) =>
        ChangeAsync(accountId, actor, disabled ? AuditActions.AccountDisabled : AuditActions.AccountEnabled,
            takesAwayAnAdmin: account => disabled && account.Role == AdminRole.Admin && !account.Disabled,
            (_, account) => { account.Disabled = disabled; return Task.FromResult(IdentityResult.Success); }, "");

    /// <summary>
    /// For a person who lost both the authenticator and the recovery codes: two-factor off, a new (unused) key, sessions
    /// ended. They sign in with the password and set it up again (an Admin must, before the Admin pages).
    /// </summary>
    public Task<AccountProblem> ResetTwoFactorAsync(int accountId, string actor) =>
        ChangeAsync(accountId, actor, AuditActions.TwoFactorReset, takesAwayAnAdmin: _ => false, async (users, account) =>
        {
            var off = await users.SetTwoFactorEnabledAsync(account, false);
            return off.Succeeded ? await users.ResetAuthenticatorKeyAsync(account) : off;
        }, "");

    /// <summary>Clears the failure count and wait; sessions are untouched (a lock never ended them).</summary>
    public async Task<AccountProblem> UnlockAsync(int accountId, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await FindAsync(users, accountId) is not { } account)
            return AccountProblem.NotFound;
        account.AccessFailedCount = 0;
        account.LockoutEnd = null;
        await users.UpdateAsync(account);
        await audit.RecordAsync(actor, AuditActions.AccountUnlocked, account.Email!);
        return AccountProblem.None;
    }

    public async Task<AccountProblem> DeleteAsync(int accountId, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await FindAsync(users, accountId) is not { } account)
            return AccountProblem.NotFound;
        if (account.Role == AdminRole.Admin && !account.Disabled && await IsLastActiveAdminAsync(users, account))
            return AccountProblem.LastAdmin;
        await sessions.EndAllAsync(accountId);
        await users.DeleteAsync(account);
        await changes.PublishAsync(ChangeKind.Accounts);
        await audit.RecordAsync(actor, AuditActions.AccountDeleted, account.Email!, account.Role.ToString());
        return AccountProblem.None;
    }

    public async Task<int?> FindIdAsync(string email)
    {
        await using var scope = scopes.CreateAsyncScope();
        return (await Users(scope).FindByEmailAsync(AccountService.Normalize(email)))?.Id;
    }

    /// <summary>
    /// Loads the account, refuses a change that would take away the last active Admin, applies the change with a
    /// new security stamp, saves, ends the account's sessions and audits.
    /// </summary>
    private async Task<AccountProblem> ChangeAsync(int accountId, string actor, string action,
        Func<AdminAccount, bool> takesAwayAnAdmin, Func<UserManager<AdminAccount>, AdminAccount, Task<IdentityResult>> change, string detail)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await FindAsync(users, accountId) is not { } account)
            return AccountProblem.NotFound;
        if (takesAwayAnAdmin(account) && await IsLastActiveAdminAsync(users, account))
            return AccountProblem.LastAdmin;
        var changed = await change(users, account);
        if (!changed.Succeeded)
            throw new InvalidOperationException($"Identity refused to change account {accountId}: {string.Join(", ", changed.Errors.Select(e => e.Code))}");
        await users.UpdateSecurityStampAsync(account);
        await sessions.EndAllAsync(accountId);
        await changes.PublishAsync(ChangeKind.Accounts);
        await audit.RecordAsync(actor, action, account.Email!, detail);
        return AccountProblem.None;
    }

    private static UserManager<AdminAccount> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<AdminAccount>>();

    private static Task<AdminAccount?> FindAsync(UserManager<AdminAccount> users, int accountId) =>
        users.FindByIdAsync(accountId.ToString(CultureInfo.InvariantCulture));

    private static async Task<bool> IsLastActiveAdminAsync(UserManager<AdminAccount> users, AdminAccount account) =>
        !await users.Users.AnyAsync(a => a.Id != account.Id && a.Role == AdminRole.Admin && !a.Disabled);
}
