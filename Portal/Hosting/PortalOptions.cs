namespace Portal.Hosting;

/// <summary>The "Portal" configuration section (appsettings.json or environment, e.g. Portal__DataDirectory).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    public string BrandName { get; set; } = "Portal";

    /// <summary>SQLite database and other local data. Relative paths are resolved against the repository root.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The markdown articles. Relative paths are resolved against the repository root.</summary>
    public string? ContentDirectory { get; set; }

    public string DefaultLanguage { get; set; } = "en";

    public UploadOptions Upload { get; set; } = new();
}

public sealed class UploadOptions
{
    /// <summary>Largest accepted email, for the page and the API alike.</summary>
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Analyses (page and API) per client IP address and window.</summary>
    public UploadRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Analyses that run at the same time; 0 means one per processor.</summary>
    public int MaxConcurrentAnalyses { get; set; }

    /// <summary>Analyses that may wait for a free slot; past them the API answers 503 and the page says the analyzer is busy.</summary>
    public int AnalysisQueueLength { get; set; } = 4;
}

public sealed class UploadRateLimitOptions
{
    public int PermitLimit { get; set; } = 30;
    public int WindowSeconds { get; set; } = 60;
}
