namespace Portal.Analysis.Report;

/// <summary>
/// The result of analysing one message. Detectors fill the sections; the JSON form
/// (<see cref="ReportJson"/>) is a contract with clients, so properties are only ever added.
/// </summary>
public sealed class AnalysisReport
{
    public string? Subject { get; set; }
    public string? From { get; set; }
    public EncryptionSection Encryption { get; } = new();
    public SignatureSection Signature { get; } = new();
    public RelaySection Relay { get; } = new();
    public TransportSection Transport { get; } = new();
    public ThreadingSection Threading { get; } = new();
    public AuthenticationSection Authentication { get; } = new();
    public DkimSection Dkim { get; } = new();
    public ArcSection Arc { get; } = new();
    public List<Finding> Findings { get; } = [];
    public MimeNode? Mime { get; set; }
    public List<DefectEntry> Defects { get; } = [];
    /// <summary>Set when the upload is a forward: attached (this report is about the attached original) or inline; null otherwise.</summary>
    public ForwardSection? Forward { get; set; }
}

/// <summary>Values of <see cref="EncryptionSection.Kind"/>.</summary>
public static class EncryptionKinds
{
    public const string None = "none", Smime = "smime", Pgp = "pgp", Portal = "portal";
}

/// <summary>Values of <see cref="EncryptionSection.Envelope"/>.</summary>
public static class EnvelopeKinds
{
    public const string EnvelopedData = "enveloped-data", AuthEnvelopedData = "authenveloped-data", EncryptedData = "encrypted-data",
        PgpMime = "pgp-mime", PgpInline = "pgp-inline";
}

public sealed class EncryptionSection
{
    public string Kind { get; set; } = EncryptionKinds.None;
    public string? Envelope { get; set; }
    public List<RecipientEntry> Recipients { get; } = [];
    public bool PasswordProtected { get; set; }
    public string? ContentAlgorithm { get; set; }
    public string? Vendor { get; set; }
    /// <summary>Part path of the encrypted layer ("" for the whole message).</summary>
    public string? PartPath { get; set; }
    /// <summary>Where the encrypted layer sits: message (the message itself), part (one part beside readable ones) or attachment (a message attached to this one); null without encryption.</summary>
    public string? Location { get; set; }

    /// <summary>
    /// Readable only with a secret agreed outside the message (an OpenPGP password, CMS EncryptedData): no recipient is
    /// named. Derived, so not part of the report contract.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool SharedSecretOnly => Kind is EncryptionKinds.Pgp or EncryptionKinds.Smime && Recipients.Count == 0 && PasswordProtected;
}

public sealed class RecipientEntry
{
    /// <summary>ktri, kari, kekri, pwri, ori for CMS; pkesk for OpenPGP.</summary>
    public string? Kind { get; set; }
    public string? Issuer { get; set; }
    /// <summary>Lower-case hex without leading zeros.</summary>
    public string? SerialNumber { get; set; }
    public string? SubjectKeyIdentifier { get; set; }
    /// <summary>16 upper-case hex digits (OpenPGP v3 PKESK).</summary>
    public string? KeyId { get; set; }
    public string? Fingerprint { get; set; }
    public string? Algorithm { get; set; }
    public string? KeyWrapAlgorithm { get; set; }
    /// <summary>The sender hid who the recipient is (OpenPGP wildcard key ID).</summary>
    public bool Hidden { get; set; }
}

public static class SignatureKinds
{
    public const string None = "none", Smime = "smime", Pgp = "pgp";
}

public sealed class SignatureSection
{
    public string Kind { get; set; } = SignatureKinds.None;
    public List<SignerEntry> Signers { get; } = [];
    /// <summary>Every certificate the signed parts carry (the signer's and the chain the sender attached), trusted or not.</summary>
    public List<CertificateEntry> Certificates { get; } = [];
}

public sealed class CertificateEntry
{
    public string? Subject { get; set; }
    public string? Issuer { get; set; }
    public string? SerialNumber { get; set; }
    public DateTimeOffset? ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }
    /// <summary>Past its end date at the time of analysis.</summary>
    public bool Expired { get; set; }
    public string? PartPath { get; set; }
}

public sealed class SignerEntry
{
    public string? Subject { get; set; }
    public string? Issuer { get; set; }
    public string? SerialNumber { get; set; }
    public string? SubjectKeyIdentifier { get; set; }
    public string? KeyId { get; set; }
    public string? Fingerprint { get; set; }
    /// <summary>True or false when checked against the embedded certificate; null when it could not be checked.</summary>
    public bool? Verified { get; set; }
    public DateTimeOffset? ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }
    public string? DigestAlgorithm { get; set; }
    public string? SignatureAlgorithm { get; set; }
    public DateTimeOffset? SigningTime { get; set; }
    public string? PartPath { get; set; }
    /// <summary>The signer's certificate is past its end date now; a separate fact from whether the signature verifies.</summary>
    public bool? CertificateExpired { get; set; }
    /// <summary>The signing time the signer states lies within the certificate's validity; null without either.</summary>
    public bool? CertificateValidAtSigning { get; set; }
    /// <summary>signedcms or bouncy-castle: which library checked the signature (S/MIME).</summary>
    public string? CheckedBy { get; set; }
    /// <summary>Where the signature sits: message, part or attachment (see <see cref="EncryptionSection.Location"/>).</summary>
    public string? Location { get; set; }
}

public sealed class RelaySection
{
    public string? Service { get; set; }
    public string? ServiceName { get; set; }
    public bool TokenizedReplyTo { get; set; }
    /// <summary>
    /// Whose real address the relay hides: sender (a relay user wrote to you from an alias), recipient (the relay forwarded
    /// mail to its user; the original sender is visible) or both; null without a relay.
    /// </summary>
    public string? MaskedParty { get; set; }
    /// <summary>The original sender's address where the relay wrote it into the message, else null.</summary>
    public string? VisibleOriginal { get; set; }
    public List<Evidence> Evidence { get; } = [];
}

public static class TlsStates
{
    public const string Yes = "yes", No = "no", Unknown = "unknown";
}

public sealed class TransportSection
{
    /// <summary>In the order they appear in the message: newest (nearest the reader) first.</summary>
    public List<HopEntry> Hops { get; } = [];
    /// <summary>True when the sender asked for delivery even without TLS (RFC 8689 <c>TLS-Required: No</c>).</summary>
    public bool TlsRequiredNo { get; set; }
}

public sealed class HopEntry
{
    public string? From { get; set; }
    public string? By { get; set; }
    public string? With { get; set; }
    public string Tls { get; set; } = TlsStates.Unknown;
    public string? TlsVersion { get; set; }
    public string? Cipher { get; set; }
    public DateTimeOffset? Date { get; set; }
    public string? Via { get; set; }
    public string? Id { get; set; }
    public string? For { get; set; }
    /// <summary>The RFC 3848 protocol keyword in upper case (ESMTPS, LMTP, HTTPS...), when the with clause names one.</summary>
    public string? Protocol { get; set; }
    /// <summary>Seconds between the previous (older) hop's date and this one.</summary>
    public double? DelaySeconds { get; set; }
    public int? Line { get; set; }
    /// <summary>The TLS version in one form ("TLS 1.2"), from the header or, where it names none (or only a family such as TLSv1/SSLv3), the least the cipher needs.</summary>
    public string? TlsVersionName { get; set; }
    /// <summary>True when <see cref="TlsVersionName"/> was inferred from the cipher (a minimum), not read from the header.</summary>
    public bool TlsVersionInferred { get; set; }
    /// <summary>The sending host's IP address as the receiving host recorded it.</summary>
    public string? FromAddress { get; set; }
    /// <summary>The sending address is private (10/8, 172.16/12, 192.168/16, fd00::/8): the hop stayed inside one network.</summary>
    public bool Internal { get; set; }
}

public sealed class ThreadingSection
{
    public string? MessageId { get; set; }
    public string? InReplyTo { get; set; }
    public List<string> References { get; } = [];
    public bool ThreadIndex { get; set; }
}

public sealed class AuthenticationSection
{
    public string? FromDomain { get; set; }
    public List<string> DkimDomains { get; } = [];
    /// <summary>True when a DKIM d= domain aligns (relaxed) with the From domain; null without DKIM or From.</summary>
    public bool? DkimAligned { get; set; }
    public List<AuthResultEntry> Results { get; } = [];
}

/// <summary>
/// One method result from Authentication-Results, ARC-Authentication-Results, X-MS-Exchange-Authentication-Results or
/// Received-SPF.
/// </summary>
public sealed record AuthResultEntry(string Method, string Result, string Source, string? Detail)
{
    /// <summary>The system that wrote the verdict (the authserv-id, Received-SPF's receiver); null where the header names none.</summary>
    public string? WrittenBy { get; init; }
    /// <summary>
    /// True when the receiving organisation wrote it (its domain is the one of the host that delivered the message, the
    /// topmost Received), false when another system on the way did (it travels with the message and can be forged),
    /// null when the message records no route to judge by.
    /// </summary>
    public bool? Trusted { get; init; }
}

public sealed class MimeNode
{
    public string PartPath { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string? Filename { get; set; }
    public List<MimeNode> Children { get; } = [];
}

public sealed record DefectEntry(string Code, string PartPath, long Offset, string? Detail);
