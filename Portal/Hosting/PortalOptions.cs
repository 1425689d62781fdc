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

    /// <summary>
    /// The site's address as readers reach it (e.g. https://help.example.org): sitemap.xml and every absolute link
    /// use it instead of the request's Host header. Unset: the request's own scheme and host (development).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public ProxyOptions Proxy { get; set; } = new();

    public SignInLimits SignIn { get; set; } = new();
}

/// <summary>
/// TLS-terminating reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. Nobody else's are:
/// with none configured the headers are ignored and the connection's own address and scheme count.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>Proxy addresses, e.g. ["10.0.0.5"].</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. ["10.0.0.0/8"].</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>Budgets for admin sign-in. Delays double with each failure past the free ones, up to the cap.</summary>
public sealed class SignInLimits
{
    /// <summary>Failed sign-ins for one account (from anywhere) before it must wait.</summary>
    public int FreeFailuresPerAccount { get; set; } = 5;
    /// <summary>The first wait for an account; the next failure doubles it.</summary>
    public int AccountDelaySeconds { get; set; } = 60;

    /// <summary>Failed sign-ins from one client address (for any accounts) before it must wait.</summary>
    public int FreeFailuresPerAddress { get; set; } = 5;
    /// <summary>The first wait for an address; the next failure doubles it.</summary>
    public int AddressDelaySeconds { get; set; } = 2;

    /// <summary>The longest wait for an account or an address.</summary>
    public int MaxDelayMinutes { get; set; } = 15;

    /// <summary>An address's failures are forgotten this long after its last one.</summary>
    public int ForgetAfterMinutes { get; set; } = 60;

    /// <summary>A refused sign-in is answered no sooner than this, so its timing does not tell which addresses have accounts.</summary>
    public int MinimumFailureMilliseconds { get; set; } = 400;

    /// <summary>Sign-in form posts per client address and minute (a plain 429 beyond).</summary>
    public int RequestsPerMinute { get; set; } = 30;

    /// <summary>An idle session ends after this; each request within it extends it.</summary>
    public int SessionHours { get; set; } = 8;

    /// <summary>Time to type the authenticator code after the password.</summary>
    public int SecondFactorMinutes { get; set; } = 5;
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

    /// <summary>Bounds of a whole mailbox (an mbox, or a zip of .eml files) analyzed at once; the file itself is bounded by <see cref="MaxBytes"/>.</summary>
    public MailboxLimits Mailbox { get; set; } = new();
}

/// <summary>
/// A zip is bounded like any upload, and by what it may inflate to: a small archive must not turn into gigabytes or into
/// archives of archives. Every limit that is exceeded is reported with its own reason.
/// </summary>
public sealed class MailboxLimits
{
    /// <summary>Messages in one mbox, files in one zip.</summary>
    public int MaxMessages { get; set; } = 20_000;

    /// <summary>Bytes all the zip's files may inflate to together.</summary>
    public long MaxInflatedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Bytes one file of the zip may inflate to (one message, as large as a single upload may be).</summary>
    public long MaxEntryBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Inflated size over compressed size above which a zip entry is taken for a zip bomb (text mail compresses 3–10 times).</summary>
    public int MaxCompressionRatio { get; set; } = 100;
}

public sealed class UploadRateLimitOptions
{
    public int PermitLimit { get; set; } = 30;
    public int WindowSeconds { get; set; } = 60;
}
