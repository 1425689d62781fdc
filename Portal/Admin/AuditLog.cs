using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Admin;

/// <summary>The names of audited actions, stored as text so that old entries stay readable.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignOut = "sign-out";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string RecoveryCodesRenewed = "recovery-codes-renewed";
    public const string TwoFactorReset = "two-factor-reset";
    public const string AccountCreated = "account-created";
    public const string AccountRoleChanged = "account-role-changed";
    public const string AccountPasswordReset = "account-password-reset";
    public const string AccountDisabled = "account-disabled";
    public const string AccountEnabled = "account-enabled";
    public const string AccountUnlocked = "account-unlocked";
    public const string AccountDeleted = "account-deleted";
    public const string ArticleCreated = "article-created";
    public const string Saved = "saved";
    public const string Published = "published";
    public const string Unpublished = "unpublished";
    public const string Restored = "restored";
    public const string Exported = "exported";
    public const string ConflictResolved = "conflict-resolved";
    public const string CatalogAdded = "catalog-added";
    public const string CatalogChanged = "catalog-changed";
    public const string CatalogRemoved = "catalog-removed";
}

/// <summary>Appends to and reads the audit log. Entries are never changed or removed.</summary>
public sealed class AuditLog(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task RecordAsync(string actor, string action, string target = "", string detail = "", string? address = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Audit.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = actor, Action = action, Target = target, Detail = detail, Address = address });
        await db.SaveChangesAsync();
    }

    public async Task<IReadOnlyList<AuditEntry>> NewestAsync(int count = 200, string? action = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var query = db.Audit.AsNoTracking();
        if (!string.IsNullOrEmpty(action))
            query = query.Where(e => e.Action == action);
        return await query.OrderByDescending(e => e.Id).Take(count).ToListAsync();
    }
}
