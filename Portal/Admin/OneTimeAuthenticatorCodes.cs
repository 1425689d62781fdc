using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Portal.Data;

namespace Portal.Admin;

/// <summary>
/// The authenticator (TOTP, RFC 6238) token provider, accepting each code once. Identity's own provider accepts a code
/// as often as it is typed while it is valid (two 30-second steps either side of now), so a code seen over a shoulder
/// or caught in transit could sign in again. RFC 6238 §5.2 asks the verifier to refuse a second use: the account
/// remembers the step of the last code it accepted (<see cref="AdminAccount.AuthenticatorStep"/>) and a code whose step
/// is not newer is refused, for sign-in and for turning two-factor on alike. Otp.NET tells which step matched; the
/// window stays Identity's, so phones whose clocks drift by up to a minute keep working.
/// </summary>
public sealed class OneTimeAuthenticatorCodes(PortalDbContext db, TimeProvider clock) : AuthenticatorTokenProvider<AdminAccount>
{
    private static readonly VerificationWindow Window = new(previous: 2, future: 2);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AdminAccount> manager, AdminAccount user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
            return false;
        if (!new Totp(Base32Encoding.ToBytes(key)).VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, Window))
            return false;

        // One conditional UPDATE: of two requests bringing the same code at once, only one still finds an older step.
        var taken = await db.Accounts
            .Where(a => a.Id == user.Id && (a.AuthenticatorStep == null || a.AuthenticatorStep < step))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.AuthenticatorStep, step));
        if (taken == 0)
            return false;
        user.AuthenticatorStep = step;
        return true;
    }
}
