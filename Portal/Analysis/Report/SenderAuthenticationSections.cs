namespace Portal.Analysis.Report;

/// <summary>Values of <see cref="DkimSection.Status"/> and <see cref="ArcSection.Status"/>.</summary>
public static class VerificationStatuses
{
    /// <summary>The message carries no signature of this kind.</summary>
    public const string None = "none";
    /// <summary>Every signature was checked against the signer's published key.</summary>
    public const string Checked = "checked";
    /// <summary>The installation does not look keys up (<c>Portal:Analysis:Dkim:Mode</c> = <c>Off</c>).</summary>
    public const string Off = "off";
    /// <summary>The header block is above the size limit, so it was not handed to the verifier.</summary>
    public const string HeaderTooLarge = "header-too-large";
    /// <summary>The verifier's parser could not read the message.</summary>
    public const string Unreadable = "unreadable";
}

/// <summary>Values of <see cref="DkimSignatureEntry.Failure"/>: why a signature does not verify now.</summary>
public static class DkimFailures
{
    public const string BodyChanged = "body-changed", HeaderChanged = "header-changed",
        KeyMissing = "key-missing", KeyRevoked = "key-revoked", KeyInvalid = "key-invalid", DnsFailure = "dns-failure",
        AlgorithmRejected = "algorithm-rejected", KeyTooShort = "key-too-short", Malformed = "malformed";
}

/// <summary>DKIM signatures as the message carries them and, where keys were looked up, whether each verifies today.</summary>
public sealed class DkimSection
{
    public string Status { get; set; } = VerificationStatuses.None;
    /// <summary>Size of the message's header block, the part the verifier's parser is sensitive to.</summary>
    public long? HeaderBytes { get; set; }
    public long? HeaderLimitBytes { get; set; }
    public List<DkimSignatureEntry> Signatures { get; } = [];
}

public sealed class DkimSignatureEntry
{
    /// <summary>d=, the domain that vouches for the message.</summary>
    public string? Domain { get; set; }
    /// <summary>s=, which of the domain's keys (<c>selector._domainkey.domain</c>).</summary>
    public string? Selector { get; set; }
    /// <summary>a=, e.g. rsa-sha256 or ed25519-sha256.</summary>
    public string? Algorithm { get; set; }
    /// <summary>c=, header/body canonicalization (simple/simple when absent).</summary>
    public string? Canonicalization { get; set; }
    /// <summary>l=, how many body bytes the signature covers; anything after them can be added by anyone.</summary>
    public long? BodyLengthLimit { get; set; }
    /// <summary>Canonical body bytes beyond l= that the signature does not cover; null without l= or when not measured.</summary>
    public long? UnsignedBodyBytes { get; set; }
    public List<string> SignedHeaders { get; } = [];
    /// <summary>t=, when the signer says it signed.</summary>
    public DateTimeOffset? SignedAt { get; set; }
    /// <summary>True or false when checked against the key published today; null when not checked.</summary>
    public bool? Verified { get; set; }
    /// <summary>One of <see cref="DkimFailures"/> when <see cref="Verified"/> is false.</summary>
    public string? Failure { get; set; }
    public int? Line { get; set; }
}

/// <summary>The ARC chain (RFC 8617): intermediaries that sealed the authentication results they saw.</summary>
public sealed class ArcSection
{
    public string Status { get; set; } = VerificationStatuses.None;
    /// <summary>pass or fail for the whole chain when checked; null when not checked.</summary>
    public string? Chain { get; set; }
    /// <summary>Oldest (i=1) first.</summary>
    public List<ArcHopEntry> Hops { get; } = [];
}

/// <summary>Values of <see cref="ArcHopEntry.IntermediaryKind"/>.</summary>
public static class IntermediaryKinds
{
    public const string MailingList = "mailing-list", Relay = "relay", Forwarder = "forwarder";
}

public sealed class ArcHopEntry
{
    public int Instance { get; set; }
    /// <summary>d= of the ARC-Seal: the intermediary that vouches.</summary>
    public string? SealingDomain { get; set; }
    public string? Selector { get; set; }
    /// <summary>cv=, what this hop says of the chain before it (none for the first).</summary>
    public string? ChainValidation { get; set; }
    /// <summary>Whether the seal verifies today; null when not checked.</summary>
    public bool? SealValid { get; set; }
    /// <summary>Whether the ARC-Message-Signature verifies; only the newest hop's is checked (RFC 8617 5.2).</summary>
    public bool? MessageSignatureValid { get; set; }
    /// <summary>What kind of intermediary sealed: a mailing list, a known relay service, or a forwarder.</summary>
    public string IntermediaryKind { get; set; } = IntermediaryKinds.Forwarder;
    /// <summary>The authserv-id of its ARC-Authentication-Results.</summary>
    public string? AuthServId { get; set; }
    /// <summary>The results it recorded on arrival, e.g. dkim=pass, which it vouches for.</summary>
    public List<AuthResultEntry> VouchedResults { get; } = [];
}
