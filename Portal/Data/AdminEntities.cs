using Microsoft.AspNetCore.Identity;

namespace Portal.Data;

public enum AdminRole { Editor = 0, Admin = 1 }

/// <summary>
/// A person who may sign in to /admin, kept by ASP.NET Core Identity (user name and email are the same lower-case
/// address; password hash, failed-attempt count, lockout end, security stamp and authenticator key are Identity's).
/// An account has exactly one of the two roles, so the role is a column here rather than Identity's role tables.
/// </summary>
public sealed class AdminAccount : IdentityUser<int>
{
    public AdminRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>A disabled account cannot sign in; it stays for the audit log's sake until it is deleted.</summary>
    public bool Disabled { get; set; }

    /// <summary>
    /// The RFC 6238 time step (Unix seconds / 30) of the last authenticator code accepted: a code of this step or an
    /// older one is refused, so each code works once. Cleared with a new authenticator key.
    /// </summary>
    public long? AuthenticatorStep { get; set; }

    /// <summary>When sign-in attempts for this account are refused again, if in the future.</summary>
    public DateTimeOffset? LockedUntil => LockoutEnd;
}

/// <summary>
/// A signed-in session, kept on the server: the cookie holds only <see cref="Id"/>. Signing out, disabling,
/// deleting the account or changing its password removes the rows, so a copied cookie stops working at once.
/// </summary>
public sealed class AdminSession
{
    /// <summary>Random, unguessable; the cookie carries it (data-protected).</summary>
    public required string Id { get; set; }
    public int AccountId { get; set; }
    /// <summary>The serialized authentication ticket (claims and expiry).</summary>
    public required byte[] Ticket { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// Failed sign-ins for an address typed that has no account, counted like an account's own (AccessFailedCount,
/// LockoutEnd) and stored like them, so that such an address answers exactly like a real one, in text and in time.
/// </summary>
public sealed class SignInFailureTally
{
    /// <summary>The normalized address typed.</summary>
    public required string Email { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset LastFailure { get; set; }
    /// <summary>When attempts are answered again; not after <see cref="LastFailure"/> while it need not wait.</summary>
    public DateTimeOffset WaitUntil { get; set; }
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
    /// <summary>The client's address for sign-in, two-factor and sign-out entries (behind a configured proxy: the forwarded one).</summary>
    public string? Address { get; set; }
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
