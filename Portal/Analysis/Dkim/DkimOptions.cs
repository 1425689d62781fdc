namespace Portal.Analysis.Dkim;

public enum DkimMode
{
    /// <summary>Look the signers' keys up in DNS.</summary>
    Dns,
    /// <summary>Never look anything up (offline installations); signatures are listed, not checked.</summary>
    Off,
}

/// <summary>
/// <c>Portal:Analysis:Dkim</c>. A lookup tells the resolver (and every server it asks) which domains signed an
/// uploaded message, which is why an installation can switch it off.
/// </summary>
public sealed class DkimOptions
{
    public const string Section = "Portal:Analysis:Dkim";

    public DkimMode Mode { get; set; } = DkimMode.Dns;

    /// <summary>A resolver as <c>address</c> or <c>address:port</c>; empty for the system's resolvers.</summary>
    public string? DnsServer { get; set; }

    /// <summary>Per query; an upload waits for the analysis, so a slow resolver must not hold it long.</summary>
    public int TimeoutMilliseconds { get; set; } = 2000;

    /// <summary>
    /// MimeKit's header parsing grows with the square of a folded header's length (1.6 MB takes seconds), so a
    /// message whose header block is larger is not handed to it and DKIM is reported as not checked.
    /// </summary>
    public int MaxHeaderBytes { get; set; } = 256 * 1024;

    /// <summary>How long a key (or its absence) is remembered; a DNS failure is remembered for a tenth of it.</summary>
    public int CacheMinutes { get; set; } = 10;

    public static DkimOptions Disabled { get; } = new() { Mode = DkimMode.Off };
}
