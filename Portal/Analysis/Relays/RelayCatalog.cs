using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Analysis.Relays;

public enum EvidenceStrength
{
    /// <summary>Names the service on its own.</summary>
    Strong,
    /// <summary>Only supports a service that strong evidence already names.</summary>
    Weak,
}

/// <summary>
/// One kind of evidence for a relay service. Kinds: domain (address domain or a subdomain of it),
/// address (whole address), display-name (contains; names a service only beside another of its signals, since the
/// sender types it), local-part (regular expression or substring),
/// header-present, header-prefix, header-value (contains), received-host (suffix of a Received by/from host).
/// </summary>
public sealed record RelaySignal(string Kind, string Value, EvidenceStrength Strength, IReadOnlyList<string>? Headers = null);

public sealed record RelayService(string Id, string Name, IReadOnlyList<RelaySignal> Signals, bool StripsThreading = false, string? Basis = null);

/// <summary>
/// The private-relay services the analyzer recognizes. Built from the shipped relays.json and, at
/// run time, from admin additions layered on top with <see cref="With"/>.
/// </summary>
public sealed class RelayCatalog
{
    public IReadOnlyList<RelayService> Services { get; }

    /// <summary>Domains that strong domain evidence names, for the tokenized Reply-To heuristic.</summary>
    public IReadOnlySet<string> RelayDomains { get; }

    public RelayCatalog(IEnumerable<RelayService> services)
    {
        Services = services.ToList();
        RelayDomains = Services.SelectMany(s => s.Signals)
            .Where(s => s.Kind is "domain" or "address")
            .Select(s => s.Kind == "address" ? s.Value[(s.Value.LastIndexOf('@') + 1)..] : s.Value)
            .Select(d => d.ToLowerInvariant())
            .ToHashSet();
    }

    public static RelayCatalog Empty { get; } = new([]);

    public static RelayCatalog FromJson(Stream json)
    {
        var file = JsonSerializer.Deserialize<CatalogFile>(json, CatalogJson.Options)
                   ?? throw new InvalidDataException("relay catalog is empty");
        return new RelayCatalog(file.Services.Select(s => new RelayService(
            s.Id, s.Name,
            s.Signals.Select(g => new RelaySignal(g.Kind, g.Value, g.Strength == "weak" ? EvidenceStrength.Weak : EvidenceStrength.Strong, g.Headers)).ToList(),
            s.StripsThreading, s.Basis)));
    }

    /// <summary>
    /// This catalog plus extra services: a service with a known id gains the extra signals, a new id
    /// is appended (after the shipped ones, so shipped services win ties).
    /// </summary>
    public RelayCatalog With(IEnumerable<RelayService> extra)
    {
        var merged = Services.ToList();
        foreach (var service in extra)
        {
            var index = merged.FindIndex(s => s.Id == service.Id);
            if (index < 0)
                merged.Add(service);
            else
                merged[index] = merged[index] with { Signals = [.. merged[index].Signals, .. service.Signals] };
        }
        return new RelayCatalog(merged);
    }

    public bool IsRelayDomain(string domain)
    {
        // The domain itself or any parent of it (the text after a dot) may be listed.
        var lower = domain.ToLowerInvariant();
        for (var start = 0; start >= 0; start = lower.IndexOf('.', start) is var dot and >= 0 ? dot + 1 : -1)
            if (RelayDomains.Contains(lower[start..]))
                return true;
        return false;
    }

    private sealed record CatalogFile(List<ServiceEntry> Services);

    private sealed record ServiceEntry(string Id, string Name, List<SignalEntry> Signals, bool StripsThreading, string? Basis);

    private sealed record SignalEntry(string Kind, string Value, string Strength, List<string>? Headers);
}

internal static class CatalogJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };
}
