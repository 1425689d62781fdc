using System.Text.Json;
using Portal.Analysis.Relays;

namespace Portal.Analysis.Portals;

public enum Confidence
{
    High = 0,
    Medium = 1,
    Low = 2,
}

/// <summary>One marker of a vendor: where to look (target), how to compare, and how telling it is.</summary>
public sealed record VendorFingerprint(string Target, string Match, string Value, Confidence Confidence, string? Header = null, string? Basis = null)
{
    public bool Matches(string candidate) => Match switch
    {
        "equals" => candidate.Equals(Value, StringComparison.OrdinalIgnoreCase),
        "prefix" => candidate.StartsWith(Value, StringComparison.OrdinalIgnoreCase),
        "suffix" => candidate.EndsWith(Value, StringComparison.OrdinalIgnoreCase),
        "glob" => GlobMatches(candidate, Value),
        _ => candidate.Contains(Value, StringComparison.OrdinalIgnoreCase),
    };

    // Only '*' is special: enough for file names like securedoc_*.html without a regex per candidate.
    private static bool GlobMatches(string candidate, string pattern)
    {
        var pieces = pattern.Split('*');
        if (!candidate.StartsWith(pieces[0], StringComparison.OrdinalIgnoreCase))
            return false;
        var position = pieces[0].Length;
        for (var i = 1; i < pieces.Length; i++)
        {
            if (i == pieces.Length - 1)
                return candidate.Length - position >= pieces[i].Length
                       && candidate.EndsWith(pieces[i], StringComparison.OrdinalIgnoreCase);
            var found = candidate.IndexOf(pieces[i], position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
                return false;
            position = found + pieces[i].Length;
        }
        return position == candidate.Length;
    }
}

public static class VendorKinds
{
    public const string Portal = "portal", RightsManagement = "rights-management";
}

public sealed record Vendor(string Id, string Name, string Kind, IReadOnlyList<VendorFingerprint> Fingerprints);

/// <summary>Encryption portal and rights-management vendors, from the shipped vendors.json plus admin additions.</summary>
public sealed class VendorCatalog(IEnumerable<Vendor> vendors)
{
    public IReadOnlyList<Vendor> Vendors { get; } = vendors.ToList();

    public static VendorCatalog Empty { get; } = new([]);

    public bool NeedsBodyText => Vendors.Any(v => v.Fingerprints.Any(f => f.Target == "body-text"));

    public static VendorCatalog FromJson(Stream json)
    {
        var file = JsonSerializer.Deserialize<CatalogFile>(json, CatalogJson.Options)
                   ?? throw new InvalidDataException("vendor catalog is empty");
        return new VendorCatalog(file.Vendors.Select(v => new Vendor(v.Id, v.Name, v.Kind,
            v.Fingerprints.Select(f => new VendorFingerprint(f.Target, f.Match ?? "contains", f.Value,
                Enum.TryParse<Confidence>(f.Confidence, ignoreCase: true, out var c) ? c : Confidence.Low, f.Header, f.Basis)).ToList())));
    }

    /// <summary>This catalog plus extra vendors; a known id gains the extra fingerprints.</summary>
    public VendorCatalog With(IEnumerable<Vendor> extra)
    {
        var merged = Vendors.ToList();
        foreach (var vendor in extra)
        {
            var index = merged.FindIndex(v => v.Id == vendor.Id);
            if (index < 0)
                merged.Add(vendor);
            else
                merged[index] = merged[index] with { Fingerprints = [.. merged[index].Fingerprints, .. vendor.Fingerprints] };
        }
        return new VendorCatalog(merged);
    }

    private sealed record CatalogFile(List<VendorEntry> Vendors);

    private sealed record VendorEntry(string Id, string Name, string Kind, List<FingerprintEntry> Fingerprints);

    private sealed record FingerprintEntry(string Target, string? Match, string Value, string Confidence, string? Header, string? Basis);
}
