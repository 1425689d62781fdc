namespace Portal.Data;

public enum AdminRole { Editor = 0, Admin = 1 }

/// <summary>A person who may sign in to /admin. The password is stored only as a <c>PasswordHasher</c> hash.</summary>
public sealed class AdminAccount
{
    public int Id { get; set; }
    /// <summary>Lower-case, trimmed: the sign-in name.</summary>
    public required string Email { get; set; }
    public required string PasswordHash { get; set; }
    public AdminRole Role { get; set; }
    /// <summary>Failed sign-ins since the last success or lockout; reaching the limit locks the account.</summary>
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>A disabled account cannot sign in; it stays for the audit log's sake until it is deleted.</summary>
    public bool Disabled { get; set; }
    /// <summary>
    /// Copied into the session cookie at sign-in and compared on every request: changing the role or password,
    /// locking, disabling or deleting the account gives it a new stamp, which ends every existing session.
    /// </summary>
    public string SecurityStamp { get; set; } = NewSecurityStamp();

    public static string NewSecurityStamp() => Guid.NewGuid().ToString("N");
}

/// <summary>One thing that happened in the admin area. Append-only.</summary>
public sealed class AuditEntry
{
    public int Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The account's email, or what was typed for a failed sign-in.</summary>
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string Target { get; set; } = "";
    public string Detail { get; set; } = "";
}

/// <summary>
/// What content/ and the database last agreed on for one file, written by both import and export:
/// a file whose hash differs from <see cref="Hash"/> was changed outside the portal; a translation whose
/// revision is above <see cref="Revision"/> was changed in the portal. Both at once is a conflict.
/// </summary>
public sealed class ContentFileSync
{
    public int Id { get; set; }
    /// <summary>Relative to content/, with forward slashes (e.g. "de/tls-connectors.md").</summary>
    public required string Path { get; set; }
    public required string Hash { get; set; }
    public int TranslationId { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset SyncedAt { get; set; }
}

/// <summary>
/// An admin-added relay signal, layered over the shipped relays.json (same vocabulary: kind domain, address,
/// display-name, local-part, header-present, header-prefix, header-value, received-host; strength strong or weak).
/// An unknown service id adds a service; a known one gains the signal.
/// </summary>
public sealed class RelayCatalogEntry
{
    public int Id { get; set; }
    public required string ServiceId { get; set; }
    public required string ServiceName { get; set; }
    public required string Kind { get; set; }
    public required string Value { get; set; }
    public string Strength { get; set; } = "strong";
    /// <summary>Comma-separated header names to look in; empty means the analyzer's default (From, To, Reply-To).</summary>
    public string Headers { get; set; } = "";
}

/// <summary>
/// An admin-added vendor fingerprint, layered over the shipped vendors.json (target header-name, header-value,
/// attachment-name, content-type or body-text; match equals, contains, prefix, suffix or glob; confidence high,
/// medium or low). An unknown vendor id adds a vendor; a known one gains the fingerprint.
/// </summary>
public sealed class VendorCatalogEntry
{
    public int Id { get; set; }
    public required string VendorId { get; set; }
    public required string VendorName { get; set; }
    /// <summary>portal or rights-management.</summary>
    public string VendorKind { get; set; } = "portal";
    public required string Target { get; set; }
    public string Match { get; set; } = "contains";
    public required string Value { get; set; }
    /// <summary>The header a header-value fingerprint reads.</summary>
    public string? Header { get; set; }
    public string Confidence { get; set; } = "medium";
}
