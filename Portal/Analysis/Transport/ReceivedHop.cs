namespace Portal.Analysis.Transport;

/// <summary>One Received header, split into its clauses (RFC 5321 4.4) with what it says about TLS.</summary>
public sealed record ReceivedHop
{
    public string? From { get; init; }
    public string? By { get; init; }
    public string? Via { get; init; }
    public string? With { get; init; }
    public string? Id { get; init; }
    public string? For { get; init; }
    public DateTimeOffset? Date { get; init; }
    /// <summary>RFC 3848 protocol keyword in upper case when the with clause starts with one (ESMTPS, LMTP, HTTPS...).</summary>
    public string? Protocol { get; init; }
    /// <summary>yes, no or unknown (see <see cref="Portal.Analysis.Report.TlsStates"/>).</summary>
    public required string Tls { get; init; }
    public string? TlsVersion { get; init; }
    public string? Cipher { get; init; }
    /// <summary>No sending host named: a local submission or an MTA-internal step rather than a network hop.</summary>
    public bool Local { get; init; }
}

/// <summary>A Received header and what <see cref="ReceivedHeaderParser"/> read from it.</summary>
public sealed record ReceivedHeader(Portal.Mime.Header Header, ReceivedHop Hop);
