using Microsoft.EntityFrameworkCore;
using Portal.Analysis.Catalogs;
using Portal.Analysis.Portals;
using Portal.Analysis.Relays;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Admin;

public enum CatalogProblem { None, MissingField, UnknownKind, Duplicate, NotFound }

/// <summary>The words the analyzer's catalogs understand; the admin form offers exactly these.</summary>
public static class CatalogVocabulary
{
    public static readonly string[] RelayKinds = ["domain", "address", "display-name", "local-part", "header-present", "header-prefix", "header-value", "received-host"];
    public static readonly string[] Strengths = ["strong", "weak"];
    public static readonly string[] VendorKinds = [Analysis.Portals.VendorKinds.Portal, Analysis.Portals.VendorKinds.RightsManagement];
    public static readonly string[] Targets = ["header-name", "header-value", "attachment-name", "content-type", "body-text"];
    public static readonly string[] Matches = ["contains", "equals", "prefix", "suffix", "glob"];
    public static readonly string[] Confidences = ["high", "medium", "low"];
}

/// <summary>Adds, changes and removes the admin's catalog entries; every change is audited and reaches the next analysis.</summary>
public sealed class CatalogEditor(IDbContextFactory<PortalDbContext> dbFactory, ChangeFeed changes, AuditLog audit)
{
    public async Task<(IReadOnlyList<RelayCatalogEntry> Relays, IReadOnlyList<VendorCatalogEntry> Vendors)> ListAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return (await db.RelayEntries.AsNoTracking().OrderBy(r => r.ServiceId).ThenBy(r => r.Value).ToListAsync(),
                await db.VendorEntries.AsNoTracking().OrderBy(v => v.VendorId).ThenBy(v => v.Value).ToListAsync());
    }

    public async Task<CatalogProblem> SaveRelayAsync(RelayCatalogEntry entry, string actor)
    {
        entry.ServiceId = entry.ServiceId.Trim().ToLowerInvariant();
        entry.ServiceName = entry.ServiceName.Trim();
        entry.Value = entry.Value.Trim();
        entry.Headers = string.Join(",", entry.Headers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (entry.ServiceId.Length == 0 || entry.ServiceName.Length == 0 || entry.Value.Length == 0)
            return CatalogProblem.MissingField;
        if (!CatalogVocabulary.RelayKinds.Contains(entry.Kind) || !CatalogVocabulary.Strengths.Contains(entry.Strength))
            return CatalogProblem.UnknownKind;
        return await SaveAsync(db => db.RelayEntries, entry, entry.Id, actor, $"relay {entry.ServiceId}: {entry.Kind} {entry.Value} ({entry.Strength})");
    }

    public async Task<CatalogProblem> SaveVendorAsync(VendorCatalogEntry entry, string actor)
    {
        entry.VendorId = entry.VendorId.Trim().ToLowerInvariant();
        entry.VendorName = entry.VendorName.Trim();
        entry.Value = entry.Value.Trim();
        entry.Header = string.IsNullOrWhiteSpace(entry.Header) ? null : entry.Header.Trim();
        if (entry.VendorId.Length == 0 || entry.VendorName.Length == 0 || entry.Value.Length == 0 || (entry.Target == "header-value" && entry.Header is null))
            return CatalogProblem.MissingField;
        if (!CatalogVocabulary.VendorKinds.Contains(entry.VendorKind) || !CatalogVocabulary.Targets.Contains(entry.Target)
            || !CatalogVocabulary.Matches.Contains(entry.Match) || !CatalogVocabulary.Confidences.Contains(entry.Confidence))
            return CatalogProblem.UnknownKind;
        return await SaveAsync(db => db.VendorEntries, entry, entry.Id, actor, $"vendor {entry.VendorId}: {entry.Target} {entry.Match} {entry.Value} ({entry.Confidence})");
    }

    public Task<CatalogProblem> RemoveRelayAsync(int id, string actor) => RemoveAsync(db => db.RelayEntries, id, actor, "relay");

    public Task<CatalogProblem> RemoveVendorAsync(int id, string actor) => RemoveAsync(db => db.VendorEntries, id, actor, "vendor");

    private async Task<CatalogProblem> SaveAsync<T>(Func<PortalDbContext, DbSet<T>> set, T entry, int id, string actor, string description) where T : class
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (id == 0)
            set(db).Add(entry);
        else if (await set(db).FindAsync(id) is { } existing)
            db.Entry(existing).CurrentValues.SetValues(entry);
        else
            return CatalogProblem.NotFound;
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException) { return CatalogProblem.Duplicate; }
        await changes.PublishAsync(ChangeKind.Catalogs);
        await audit.RecordAsync(actor, id == 0 ? AuditActions.CatalogAdded : AuditActions.CatalogChanged, description);
        return CatalogProblem.None;
    }

    private async Task<CatalogProblem> RemoveAsync<T>(Func<PortalDbContext, DbSet<T>> set, int id, string actor, string what) where T : class
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await set(db).FindAsync(id) is not { } existing)
            return CatalogProblem.NotFound;
        set(db).Remove(existing);
        await db.SaveChangesAsync();
        await changes.PublishAsync(ChangeKind.Catalogs);
        await audit.RecordAsync(actor, AuditActions.CatalogRemoved, $"{what} #{id}", System.Text.Json.JsonSerializer.Serialize(existing));
        return CatalogProblem.None;
    }
}

/// <summary>
/// The analyzer's catalogs: the shipped JSON files with the admin's database entries layered on top. The
/// merged result is cached and rebuilt after any change, so a new entry applies to the next analysis.
/// </summary>
public sealed class DatabaseAnalysisCatalogs : IAnalysisCatalogs
{
    private readonly IDbContextFactory<PortalDbContext> dbFactory;
    private readonly ILogger<DatabaseAnalysisCatalogs> logger;

    /// <summary>An entry added or removed on any instance reaches this one through <paramref name="changes"/>.</summary>
    public DatabaseAnalysisCatalogs(IDbContextFactory<PortalDbContext> dbFactory, ChangeFeed changes, ILogger<DatabaseAnalysisCatalogs> logger)
    {
        this.dbFactory = dbFactory;
        this.logger = logger;
        changes.Subscribe(ChangeKind.Catalogs, Invalidate);
    }

    private static readonly ShippedAnalysisCatalogs Shipped = new();
    private volatile FixedAnalysisCatalogs? merged;

    public RelayCatalog Relays => Current.Relays;
    public VendorCatalog Vendors => Current.Vendors;

    public void Invalidate() => merged = null;

    private FixedAnalysisCatalogs Current => merged ??= Load();

    private FixedAnalysisCatalogs Load()
    {
        try
        {
            using var db = dbFactory.CreateDbContext();
            var relays = db.RelayEntries.AsNoTracking().ToList()
                .GroupBy(r => r.ServiceId)
                .Select(g => new RelayService(g.Key, g.First().ServiceName, g.Select(Signal).ToList()));
            var vendors = db.VendorEntries.AsNoTracking().ToList()
                .GroupBy(v => v.VendorId)
                .Select(g => new Vendor(g.Key, g.First().VendorName, g.First().VendorKind, g.Select(Fingerprint).ToList()));
            return new FixedAnalysisCatalogs(Shipped.Relays.With(relays), Shipped.Vendors.With(vendors));
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // An analysis must not fail because the admin additions cannot be read; it runs on the shipped data.
            logger.LogError(e, "The admin catalog entries could not be read; analyzing with the shipped catalogs only.");
            return new FixedAnalysisCatalogs(Shipped.Relays, Shipped.Vendors);
        }
    }

    private static RelaySignal Signal(RelayCatalogEntry r) => new(r.Kind, r.Value,
        r.Strength == "weak" ? EvidenceStrength.Weak : EvidenceStrength.Strong,
        r.Headers.Length == 0 ? null : r.Headers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static VendorFingerprint Fingerprint(VendorCatalogEntry v) => new(v.Target, v.Match, v.Value,
        Enum.TryParse<Confidence>(v.Confidence, ignoreCase: true, out var confidence) ? confidence : Confidence.Low, v.Header, "added in /admin");
}
