using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Admin;

/// <summary>
/// Checks that a session cookie still belongs to the account as it is now: the cookie's security stamp must equal
/// the account's. One small read per account, remembered for a few seconds; account changes made on any
/// instance (<see cref="AccountAdministration"/> announces them) and lockouts here forget the remembered stamps at once.
/// </summary>
public sealed class SessionValidator
{
    private readonly IDbContextFactory<PortalDbContext> dbFactory;
    private readonly TimeProvider clock;

    /// <summary>An account change on any instance forgets every remembered stamp here (<see cref="ChangeKind.Accounts"/>).</summary>
    public SessionValidator(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, ChangeFeed changes)
    {
        this.dbFactory = dbFactory;
        this.clock = clock;
        changes.Subscribe(ChangeKind.Accounts, remembered.Clear);
    }

    public const string StampClaim = "portal:security-stamp";
    private static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<int, (string? Stamp, DateTimeOffset Until)> remembered = new();

    public static IEnumerable<Claim> ClaimsFor(AdminAccount account) =>
    [
        new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, account.Email),
        new Claim(ClaimTypes.Role, account.Role.ToString()),
        new Claim(StampClaim, account.SecurityStamp),
    ];

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user)
    {
        if (!int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var accountId)
            || user.FindFirstValue(StampClaim) is not { Length: > 0 } stamp)
            return false;
        return stamp == await CurrentStampAsync(accountId);
    }

    public void Forget(int accountId) => remembered.TryRemove(accountId, out _);

    /// <summary>The hook for the cookie handler: a stale session is rejected and its cookie removed.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
        if (context.Principal is { } user && await validator.IsCurrentAsync(user))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Null for a deleted or disabled account: no stamp matches it.</summary>
    private async Task<string?> CurrentStampAsync(int accountId)
    {
        var now = clock.GetUtcNow();
        if (remembered.TryGetValue(accountId, out var known) && known.Until > now)
            return known.Stamp;
        await using var db = await dbFactory.CreateDbContextAsync();
        var stamp = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == accountId && !a.Disabled)
            .Select(a => a.SecurityStamp)
            .FirstOrDefaultAsync();
        remembered[accountId] = (stamp, now + RememberFor);
        return stamp;
    }
}
