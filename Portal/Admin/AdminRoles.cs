using Portal.Data;

namespace Portal.Admin;

/// <summary>The two roles and the authorization policies built on them.</summary>
public static class AdminRoles
{
    public const string Admin = nameof(AdminRole.Admin);
    public const string Editor = nameof(AdminRole.Editor);

    /// <summary>Content work: articles, translations, sync, feedback. Both roles.</summary>
    public const string ContentPolicy = "admin-content";

    /// <summary>Accounts, audit log, analyzer catalogs. Admins only.</summary>
    public const string AdminPolicy = "admin-only";

    public const string SignInPath = "/admin/signin";
}
