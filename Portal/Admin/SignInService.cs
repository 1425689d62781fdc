using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Admin;

public enum SignInOutcome { Succeeded, Failed, LockedOut }

public sealed record SignInResult(SignInOutcome Outcome, AdminAccount? Account = null, DateTimeOffset? LockedUntil = null);

/// <summary>
/// Checks a password and keeps count of failures: after <see cref="MaxFailures"/> in a row the account
/// is locked for <see cref="LockoutDuration"/>, and while locked even the right password is refused.
/// Every attempt lands in the audit log.
/// </summary>
public sealed class SignInService(IDbContextFactory<PortalDbContext> dbFactory, AuditLog audit, SessionValidator sessions, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    // Unknown emails still pay for one hash check, so timing does not tell which accounts exist.
    private static readonly AdminAccount Nobody = new() { Email = "", PasswordHash = AccountService.Hasher.HashPassword(null!, "not-a-password-" + Guid.NewGuid()) };

    public async Task<SignInResult> SignInAsync(string? email, string? password)
    {
        var normalized = AccountService.Normalize(email ?? "");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();
        var account = normalized.Length == 0 ? null : await db.Accounts.FirstOrDefaultAsync(a => a.Email == normalized);

        if (account is null)
        {
            AccountService.Hasher.VerifyHashedPassword(Nobody, Nobody.PasswordHash, password ?? "");
            await audit.RecordAsync(Truncate(normalized), AuditActions.SignInFailed, detail: "unknown account");
            return new SignInResult(SignInOutcome.Failed);
        }
        if (account.Disabled)
        {
            AccountService.Hasher.VerifyHashedPassword(account, account.PasswordHash, password ?? "");
            await audit.RecordAsync(account.Email, AuditActions.SignInFailed, detail: "disabled");
            return new SignInResult(SignInOutcome.Failed);
        }
        if (account.LockedUntil > now)
        {
            await audit.RecordAsync(account.Email, AuditActions.SignInFailed, detail: "locked");
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: account.LockedUntil);
        }

        var verdict = AccountService.Hasher.VerifyHashedPassword(account, account.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
        {
            account.FailedSignIns++;
            if (account.FailedSignIns >= MaxFailures)
            {
                account.FailedSignIns = 0;
                account.LockedUntil = now + LockoutDuration;
                account.SecurityStamp = AdminAccount.NewSecurityStamp(); // a locked account's open sessions end too
            }
            await db.SaveChangesAsync();
            sessions.Forget(account.Id);
            await audit.RecordAsync(account.Email, account.LockedUntil > now ? AuditActions.LockedOut : AuditActions.SignInFailed);
            return account.LockedUntil > now
                ? new SignInResult(SignInOutcome.LockedOut, LockedUntil: account.LockedUntil)
                : new SignInResult(SignInOutcome.Failed);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            account.PasswordHash = AccountService.Hasher.HashPassword(account, password!);
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        await db.SaveChangesAsync();
        await audit.RecordAsync(account.Email, AuditActions.SignIn);
        return new SignInResult(SignInOutcome.Succeeded, account);
    }

    private static string Truncate(string text) => text.Length <= 254 ? text : text[..254];
}
