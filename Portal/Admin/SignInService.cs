using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Admin;

public enum SignInOutcome { Succeeded, NeedsSecondFactor, Failed, LockedOut }

public sealed record SignInResult(SignInOutcome Outcome, AdminAccount? Account = null, DateTimeOffset? RetryAt = null);

/// <summary>
/// Checks a password, then (for an account with an authenticator) the second factor, through Identity's
/// <see cref="UserManager{TUser}"/>. Failures are throttled by <see cref="SignInThrottle"/>. A locked account is
/// never a stranger's lever against a signed-in admin: its sessions stay, and an account with a second factor may
/// still sign in from an address that has not failed. Known and unknown addresses get the same answers after the
/// same work (one password hash check) and no sooner than <see cref="SignInLimits.MinimumFailureMilliseconds"/>.
/// Every attempt lands in the audit log with the client's address.
/// </summary>
public sealed class SignInService(IServiceScopeFactory scopes, SignInThrottle throttle, AuditLog audit,
    IOptions<PortalOptions> options, TimeProvider clock)
{
    // Unknown addresses pay for one hash check too; its result is thrown away.
    private static readonly PasswordHasher<AdminAccount> Hasher = new();
    private static readonly AdminAccount Nobody = new() { Email = "", PasswordHash = Hasher.HashPassword(null!, "not-a-password-" + Guid.NewGuid()) };

    public async Task<SignInResult> SignInAsync(string? email, string? password, string address)
    {
        var started = clock.GetTimestamp();
        var result = await CheckPasswordAsync(AccountService.Normalize(email ?? ""), password ?? "", address);
        if (result.Outcome is SignInOutcome.Failed or SignInOutcome.LockedOut)
        {
            // A loaded machine's timers may fire a few milliseconds early: wait until the floor has really passed.
            var floor = TimeSpan.FromMilliseconds(options.Value.SignIn.MinimumFailureMilliseconds);
            for (var remaining = floor - clock.GetElapsedTime(started); remaining > TimeSpan.Zero; remaining = floor - clock.GetElapsedTime(started))
                await Task.Delay(remaining, clock);
        }
        return result;
    }

    private async Task<SignInResult> CheckPasswordAsync(string email, string password, string address)
    {
        if (throttle.AddressWaitsUntil(address) is { } addressWait)
        {
            await audit.RecordAsync(Truncate(email), AuditActions.SignInFailed, detail: "address waiting", address: address);
            return new SignInResult(SignInOutcome.LockedOut, RetryAt: addressWait);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminAccount>>();
        var account = email.Length == 0 ? null : await users.FindByEmailAsync(email);
        var now = clock.GetUtcNow();

        if (account is null)
        {
            // The same steps as for an account: one hash check, and a counted failure stored in the same way.
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var key = Truncate(email);
            var tally = await db.FailureTallies.FindAsync(key);
            Hasher.VerifyHashedPassword(Nobody, Nobody.PasswordHash!, password);
            throttle.AddressFailed(address);
            if (tally?.WaitUntil > now)
            {
                await audit.RecordAsync(key, AuditActions.SignInFailed, detail: "unknown account, locked", address: address);
                return Refused(tally.WaitUntil);
            }
            tally ??= db.FailureTallies.Add(new SignInFailureTally { Email = key }).Entity;
            var (failures, until) = throttle.AccountFailed(tally.Failures, tally.Failures == 0 ? null : tally.WaitUntil);
            (tally.Failures, tally.LastFailure, tally.WaitUntil) = (failures, now, until);
            await db.SaveChangesAsync();
            await audit.RecordAsync(key, Waits(until) ? AuditActions.LockedOut : AuditActions.SignInFailed, detail: "unknown account", address: address);
            return Refused(until);
        }

        var passwordIsRight = await users.CheckPasswordAsync(account, password);
        var locked = account.LockoutEnd > now;
        if (locked && !(passwordIsRight && !account.Disabled && account.TwoFactorEnabled && throttle.IsClean(address)))
        {
            // Does not lengthen the account's wait: only the guessing address pays.
            if (!passwordIsRight)
                throttle.AddressFailed(address);
            await audit.RecordAsync(account.Email!, AuditActions.SignInFailed, detail: "locked", address: address);
            return Refused(account.LockoutEnd);
        }
        if (!passwordIsRight || account.Disabled)
        {
            throttle.AddressFailed(address);
            var until = await CountFailureAsync(scope, account);
            await audit.RecordAsync(account.Email!, Waits(until) ? AuditActions.LockedOut : AuditActions.SignInFailed,
                detail: account.Disabled ? "disabled" : "", address: address);
            return Refused(until);
        }

        if (account.TwoFactorEnabled)
            return new SignInResult(SignInOutcome.NeedsSecondFactor, account);
        await SucceedAsync(users, account, address, "");
        await ForgetOldTalliesAsync(scope, now);
        return new SignInResult(SignInOutcome.Succeeded, account);
    }

    /// <summary>Tallies of unknown addresses are dropped once forgotten; done on success, where timing tells nothing.</summary>
    private async Task ForgetOldTalliesAsync(AsyncServiceScope scope, DateTimeOffset now)
    {
        var forgotten = now - TimeSpan.FromMinutes(options.Value.SignIn.ForgetAfterMinutes + options.Value.SignIn.MaxDelayMinutes);
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().FailureTallies.Where(t => t.LastFailure < forgotten).ExecuteDeleteAsync();
    }

    /// <summary>The second step, for the account the first step named (and only while its security stamp is unchanged).</summary>
    public async Task<SignInResult> SecondFactorAsync(int accountId, string stamp, string? code, bool isRecoveryCode, string address)
    {
        if (throttle.AddressWaitsUntil(address) is { } addressWait)
            return new SignInResult(SignInOutcome.LockedOut, RetryAt: addressWait);

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminAccount>>();
        var account = await users.FindByIdAsync(accountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (account is null || account.Disabled || account.SecurityStamp != stamp || !account.TwoFactorEnabled)
            return new SignInResult(SignInOutcome.Failed);
        var now = clock.GetUtcNow();
        if (account.LockoutEnd > now && !throttle.IsClean(address))
            return Refused(account.LockoutEnd);

        // Recovery codes are stored as Identity made them ("XXXXX-XXXXX"); app codes may be typed "123 456".
        var typed = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && (isRecoveryCode || c != '-')).ToArray());
        var right = typed.Length > 0 && (isRecoveryCode
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(account, typed)).Succeeded
            : await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, typed));
        if (!right)
        {
            throttle.AddressFailed(address);
            var until = await CountFailureAsync(scope, account);
            await audit.RecordAsync(account.Email!, Waits(until) ? AuditActions.LockedOut : AuditActions.SignInFailed, detail: "second factor", address: address);
            return Refused(until);
        }
        await SucceedAsync(users, account, address, isRecoveryCode ? "recovery code" : "authenticator");
        return new SignInResult(SignInOutcome.Succeeded, account);
    }

    /// <summary>
    /// Through Identity's user store, one UPDATE like the unknown address's tally (UserManager would first run its
    /// validators' queries, and the timing would tell). The security stamp stays: a failure by someone else ends no session.
    /// </summary>
    private async Task<DateTimeOffset?> CountFailureAsync(AsyncServiceScope scope, AdminAccount account)
    {
        (account.AccessFailedCount, account.LockoutEnd) = throttle.AccountFailed(account.AccessFailedCount, account.LockoutEnd);
        await scope.ServiceProvider.GetRequiredService<IUserStore<AdminAccount>>().UpdateAsync(account, CancellationToken.None);
        return account.LockoutEnd;
    }

    private async Task SucceedAsync(UserManager<AdminAccount> users, AdminAccount account, string address, string detail)
    {
        if (account.AccessFailedCount != 0 || account.LockoutEnd is not null)
        {
            account.AccessFailedCount = 0;
            account.LockoutEnd = null;
            await users.UpdateAsync(account);
        }
        await audit.RecordAsync(account.Email!, AuditActions.SignIn, detail: detail, address: address);
    }

    private bool Waits(DateTimeOffset? until) => until > clock.GetUtcNow();

    /// <summary>A wait that has not ended yet is told; otherwise plainly wrong (a wait's end is also when the last failure was).</summary>
    private SignInResult Refused(DateTimeOffset? until) =>
        Waits(until) ? new SignInResult(SignInOutcome.LockedOut, RetryAt: until) : new SignInResult(SignInOutcome.Failed);

    private static string Truncate(string text) => text.Length <= 254 ? text : text[..254];
}
