using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Admin;

/// <summary>
/// Sessions kept in the database (<see cref="CookieAuthenticationOptions.SessionStore"/>): the cookie carries only a
/// random session id. Every request reads its row, so signing out (the row is removed) or ending an account's
/// sessions (<see cref="EndAllAsync"/>) takes effect at once everywhere, and a copy of an old cookie is worthless.
/// </summary>
public sealed class SessionStore(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock) : ITicketStore
{
    /// <summary>The session id, also inside the ticket, so an open interactive page can ask whether its session still exists.</summary>
    public const string SessionClaim = "portal:session";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var accountId = AccountIdOf(ticket.Principal) ?? throw new InvalidOperationException("A session needs an account.");
        if (ticket.Principal.Identity is ClaimsIdentity identity)
            identity.AddClaim(new Claim(SessionClaim, id));
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();
        // Expired sessions are removed whenever a new one starts; there is no other housekeeping.
        await db.Sessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        db.Sessions.Add(new AdminSession { Id = id, AccountId = accountId, Ticket = Serialize(ticket), CreatedAt = now, ExpiresAt = ExpiryOf(ticket, now) });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var now = clock.GetUtcNow();
        var (bytes, expires) = (Serialize(ticket), ExpiryOf(ticket, now));
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Sessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();
        var bytes = await db.Sessions.AsNoTracking().Where(s => s.Id == key && s.ExpiresAt > now).Select(s => s.Ticket).FirstOrDefaultAsync();
        return bytes is null ? null : TicketSerializer.Default.Deserialize(bytes);
    }

    public async Task RemoveAsync(string key)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Sessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    /// <summary>Ends every session of one account (password change, disabling, role change, deletion).</summary>
    public async Task EndAllAsync(int accountId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Sessions.Where(s => s.AccountId == accountId).ExecuteDeleteAsync();
    }

    public async Task<bool> IsActiveAsync(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(SessionClaim) is not { Length: > 0 } id)
            return false;
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Sessions.AnyAsync(s => s.Id == id && s.ExpiresAt > now);
    }

    public async Task<int> CountAsync(int accountId)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Sessions.CountAsync(s => s.AccountId == accountId && s.ExpiresAt > now);
    }

    public static int? AccountIdOf(ClaimsPrincipal? user) =>
        int.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static byte[] Serialize(AuthenticationTicket ticket) => TicketSerializer.Default.Serialize(ticket);

    private static DateTimeOffset ExpiryOf(AuthenticationTicket ticket, DateTimeOffset now) =>
        ticket.Properties.ExpiresUtc ?? now.AddHours(8);
}
