using Portal.Data;

namespace Portal.Admin;

/// <summary>The two roles and the authorization policies built on them.</summary>
public static class AdminRoles
{
    public const string Admin = nameof(AdminRole.Admin);
    public const string Editor = nameof(AdminRole.Editor);

    /// <summary>Content work: articles, translations, sync, feedback. Both roles.</summary>
    public const string ContentPolicy = "admin-content";

    /// <summary>Accounts, audit log, analyzer catalogs. Admins only, signed in with a second factor.</summary>
    public const string AdminPolicy = "admin-only";

    public const string SignInPath = "/admin/signin";

    /// <summary>The sign-in step after the password, for accounts with an authenticator.</summary>
    public const string SecondFactorPath = "/admin/signin/two-factor";

    /// <summary>Setting up the authenticator app and recovery codes.</summary>
    public const string TwoFactorPath = "/admin/two-factor";

    /// <summary>The short-lived cookie between a right password and the second factor.</summary>
    public const string TwoFactorScheme = "Portal.TwoFactor";
}
