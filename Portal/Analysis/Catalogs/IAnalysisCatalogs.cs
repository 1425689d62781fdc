using Portal.Analysis.Portals;
using Portal.Analysis.Relays;

namespace Portal.Analysis.Catalogs;

/// <summary>
/// Where detectors get their data. Read on every analysis, so an implementation that layers admin
/// additions (from the database) over the shipped files takes effect on the next message without a restart.
/// </summary>
public interface IAnalysisCatalogs
{
    RelayCatalog Relays { get; }
    VendorCatalog Vendors { get; }
}

/// <summary>The catalogs shipped with the app (Analysis/Data/*.json, embedded in the assembly).</summary>
public sealed class ShippedAnalysisCatalogs : IAnalysisCatalogs
{
    private static readonly Lazy<RelayCatalog> ShippedRelays = new(() => RelayCatalog.FromJson(Open("relays.json")));
    private static readonly Lazy<VendorCatalog> ShippedVendors = new(() => VendorCatalog.FromJson(Open("vendors.json")));

    public RelayCatalog Relays => ShippedRelays.Value;
    public VendorCatalog Vendors => ShippedVendors.Value;

    private static Stream Open(string file) =>
        typeof(ShippedAnalysisCatalogs).Assembly.GetManifestResourceStream("Portal.Analysis.Data." + file)
        ?? throw new InvalidOperationException($"embedded catalog {file} is missing from the build");
}

/// <summary>Fixed catalogs, for tests and for callers that build their own (e.g. shipped + admin additions).</summary>
public sealed class FixedAnalysisCatalogs(RelayCatalog relays, VendorCatalog vendors) : IAnalysisCatalogs
{
    public RelayCatalog Relays { get; } = relays;
    public VendorCatalog Vendors { get; } = vendors;
}
