using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Admin;

/// <summary>
/// What an Admin does to existing accounts: change the role, reset the password, disable, enable, unlock, delete.
/// Every change that affects what a session may do gives the account a new security stamp, so its open sessions
/// end; the last active Admin can never be demoted, disabled or deleted. Each change is audited.
/// </summary>
public sealed class AccountAdministration(IDbContextFactory<PortalDbContext> dbFactory, AuditLog audit, ChangeFeed changes)
{
    public Task<AccountProblem> ChangeRoleAsync(int accountId, AdminRole role, string actor) =>
        ChangeAsync(accountId, actor, AuditActions.AccountRoleChanged,
            takesAwayAnAdmin: account => account.Role == AdminRole.Admin && role != AdminRole.Admin && !account.Disabled,
            account => account.Role = role, role.ToString());

    public async Task<(AccountProblem Problem, PasswordProblem PasswordProblem)> ResetPasswordAsync(int accountId, string password, string actor)
    {
        if (PasswordPolicy.Check(password) is var weakness and not PasswordProblem.None)
            return (AccountProblem.WeakPassword, weakness);
        var problem = await ChangeAsync(accountId, actor, AuditActions.AccountPasswordReset, takesAwayAnAdmin: _ => false, account =>
        {
            account.PasswordHash = AccountService.Hasher.HashPassword(account, password);
            account.FailedSignIns = 0;
            account.LockedUntil = null;
        }, "");
        return (problem, PasswordProblem.None);
    }

    public Task<AccountProblem> SetDisabledAsync(int accountId, bool disabled, string actor) =>
        ChangeAsync(accountId, actor, disabled ? AuditActions.AccountDisabled : AuditActions.AccountEnabled,
            takesAwayAnAdmin: account => disabled && account.Role == AdminRole.Admin && !account.Disabled,
            account => account.Disabled = disabled, "");

    public async Task<AccountProblem> UnlockAsync(int accountId, string actor)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Accounts.FindAsync(accountId) is not { } account)
            return AccountProblem.NotFound;
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        await db.SaveChangesAsync();
        await audit.RecordAsync(actor, AuditActions.AccountUnlocked, account.Email);
        return AccountProblem.None;
    }

    public async Task<AccountProblem> DeleteAsync(int accountId, string actor)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Accounts.FindAsync(accountId) is not { } account)
            return AccountProblem.NotFound;
        if (account.Role == AdminRole.Admin && !account.Disabled && await IsLastActiveAdminAsync(db, account))
            return AccountProblem.LastAdmin;
        db.Accounts.Remove(account);
        await db.SaveChangesAsync();
        await changes.PublishAsync(ChangeKind.Accounts);
        await audit.RecordAsync(actor, AuditActions.AccountDeleted, account.Email, account.Role.ToString());
        return AccountProblem.None;
    }

    /// <summary>
    /// Loads the account, refuses a change that would take away the last active Admin, applies the change with a
    /// new security stamp, saves, forgets the remembered stamp and audits.
    /// </summary>
    private async Task<AccountProblem> ChangeAsync(int accountId, string actor, string action,
        Func<AdminAccount, bool> takesAwayAnAdmin, Action<AdminAccount> change, string detail)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Accounts.FindAsync(accountId) is not { } account)
            return AccountProblem.NotFound;
        if (takesAwayAnAdmin(account) && await IsLastActiveAdminAsync(db, account))
            return AccountProblem.LastAdmin;
        change(account);
        account.SecurityStamp = AdminAccount.NewSecurityStamp();
        await db.SaveChangesAsync();
        await changes.PublishAsync(ChangeKind.Accounts);
        await audit.RecordAsync(actor, action, account.Email, detail);
        return AccountProblem.None;
    }

    private static async Task<bool> IsLastActiveAdminAsync(PortalDbContext db, AdminAccount account) =>
        !await db.Accounts.AnyAsync(a => a.Id != account.Id && a.Role == AdminRole.Admin && !a.Disabled);
}
