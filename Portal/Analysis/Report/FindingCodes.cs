namespace Portal.Analysis.Report;

/// <summary>
/// Every finding the engine can raise. Detectors refer to these fields rather than to string
/// literals, so that <see cref="All"/> is the complete list translators and tests work from.
/// </summary>
public static class FindingCodes
{
    // S/MIME
    public static readonly FindingCode SmimeEncrypted = new("smime-encrypted", Severity.Blocker, "count", "envelope", "algorithm");
    public static readonly FindingCode SmimeSharedKey = new("smime-shared-key", Severity.Blocker, "algorithm");
    public static readonly FindingCode SmimeWeakCipher = new("smime-weak-cipher", Severity.Warning, "algorithm");
    public static readonly FindingCode SmimeInnerLayerHidden = new("smime-inner-layer-hidden", Severity.Info);
    public static readonly FindingCode SmimeSigned = new("smime-signed", Severity.Info, "count", "subject");
    public static readonly FindingCode SmimeSignatureInvalid = new("smime-signature-invalid", Severity.Warning, "subject");
    public static readonly FindingCode SmimeSignatureUnchecked = new("smime-signature-unchecked", Severity.Info);
    public static readonly FindingCode SmimeCertificateExpired = new("smime-certificate-expired", Severity.Info, "subject", "validTo");
    public static readonly FindingCode SmimeCertificatesOnly = new("smime-certs-only", Severity.Info, "count");
    public static readonly FindingCode SmimeCompressed = new("smime-compressed", Severity.Info);
    public static readonly FindingCode CmsUnreadable = new("cms-unreadable", Severity.Warning);

    // OpenPGP
    public static readonly FindingCode PgpEncrypted = new("pgp-encrypted", Severity.Blocker, "count", "envelope");
    public static readonly FindingCode PgpHiddenRecipient = new("pgp-hidden-recipient", Severity.Info, "count");
    public static readonly FindingCode PgpPasswordProtected = new("pgp-password-protected", Severity.Info);
    public static readonly FindingCode PgpNoIntegrityProtection = new("pgp-no-integrity-protection", Severity.Warning);
    public static readonly FindingCode PgpSigned = new("pgp-signed", Severity.Info, "keyId");
    public static readonly FindingCode PgpSentByGpgOl = new("pgp-sent-by-gpgol", Severity.Info);
    public static readonly FindingCode PgpDataDamaged = new("pgp-data-damaged", Severity.Warning, "count");

    // Where protection sits, and protection declared but broken
    public static readonly FindingCode ProtectionDamaged = new("protection-damaged", Severity.Warning, "claimed");
    public static readonly FindingCode ProtectionInAttachment = new("protection-in-attachment", Severity.Warning);
    public static readonly FindingCode ProtectionInPart = new("protection-in-part", Severity.Info);
    public static readonly FindingCode ProtectionQuoted = new("protection-quoted", Severity.Info);

    // Encryption portals and rights management
    public static readonly FindingCode EncryptionPortal = new("encryption-portal", Severity.Blocker, "vendor", "confidence");
    public static readonly FindingCode RightsManaged = new("rights-managed", Severity.Blocker, "vendor", "confidence");
    public static readonly FindingCode PortalHint = new("portal-hint", Severity.Info, "vendor");

    // Private relays
    public static readonly FindingCode RelayMaskedAddress = new("relay-masked-address", Severity.Blocker, "service", "original");
    public static readonly FindingCode RelayForwardedCopy = new("relay-forwarded-copy", Severity.Warning, "service", "original");
    public static readonly FindingCode RelayTokenizedReplyTo = new("relay-tokenized-reply-to", Severity.Warning, "domain");
    public static readonly FindingCode RelayThreadingStripped = new("relay-threading-stripped", Severity.Info, "service");

    // Transport
    public static readonly FindingCode TransportPlaintextHop = new("transport-plaintext-hop", Severity.Warning, "count");
    public static readonly FindingCode TransportInternalPlaintextHop = new("transport-internal-plaintext-hop", Severity.Info, "count");
    public static readonly FindingCode TransportWeakTls = new("transport-weak-tls", Severity.Warning, "count");
    public static readonly FindingCode TransportTlsNotRequired = new("transport-tls-not-required", Severity.Info);
    public static readonly FindingCode TransportLowerHopsForgeable = new("transport-lower-hops-forgeable", Severity.Info, "count");
    public static readonly FindingCode TransportNoReceived = new("transport-no-received", Severity.Info);

    // Threading and authentication
    public static readonly FindingCode ThreadMessageIdMissing = new("thread-message-id-missing", Severity.Warning);
    public static readonly FindingCode ThreadReplyContextMissing = new("thread-reply-context-missing", Severity.Info);
    public static readonly FindingCode AuthDkimNotAligned = new("auth-dkim-not-aligned", Severity.Warning, "dkimDomains", "fromDomain");
    public static readonly FindingCode AuthDkimMissing = new("auth-dkim-missing", Severity.Info);
    public static readonly FindingCode AuthCheckFailed = new("auth-check-failed", Severity.Warning, "methods");
    public static readonly FindingCode AuthResultsForeign = new("auth-results-foreign", Severity.Info, "systems");
    public static readonly FindingCode MailingListModified = new("mailing-list-modified", Severity.Warning, "list");

    // DKIM and ARC, verified against the keys published today
    public static readonly FindingCode DkimVerified = new("dkim-verified", Severity.Info, "domains");
    public static readonly FindingCode DkimFailed = new("dkim-failed", Severity.Warning, "domains");
    public static readonly FindingCode DkimKeyUnavailable = new("dkim-key-unavailable", Severity.Info, "domains");
    public static readonly FindingCode DkimBodyLength = new("dkim-body-length", Severity.Warning, "domains");
    public static readonly FindingCode DkimNotChecked = new("dkim-not-checked", Severity.Info);
    public static readonly FindingCode ArcVerified = new("arc-verified", Severity.Info, "domains");
    public static readonly FindingCode ArcFailed = new("arc-failed", Severity.Warning);
    public static readonly FindingCode ArcExplainsDkimFailure = new("arc-explains-dkim-failure", Severity.Info, "intermediary");

    // Forwards
    public static readonly FindingCode ForwardedAsAttachment = new("forwarded-as-attachment", Severity.Info, "forwardedBy");
    public static readonly FindingCode ForwardedInline = new("forwarded-inline", Severity.Warning, "forwardedBy");

    // Summaries
    public static readonly FindingCode NotAWholeMessage = new("not-a-whole-message", Severity.Warning, "contentType", "protection");
    public static readonly FindingCode NotEndToEndEncrypted = new("not-end-to-end-encrypted", Severity.Info);
    public static readonly FindingCode ParseDefects = new("parse-defects", Severity.Warning, "count");

    public static IReadOnlyList<FindingCode> All { get; } =
    [
        SmimeEncrypted, SmimeSharedKey, SmimeWeakCipher, SmimeInnerLayerHidden, SmimeSigned, SmimeSignatureInvalid,
        SmimeSignatureUnchecked, SmimeCertificateExpired, SmimeCertificatesOnly, SmimeCompressed, CmsUnreadable,
        PgpEncrypted, PgpHiddenRecipient, PgpPasswordProtected, PgpNoIntegrityProtection, PgpSigned, PgpSentByGpgOl, PgpDataDamaged,
        ProtectionDamaged, ProtectionInAttachment, ProtectionInPart, ProtectionQuoted,
        EncryptionPortal, RightsManaged, PortalHint,
        RelayMaskedAddress, RelayForwardedCopy, RelayTokenizedReplyTo, RelayThreadingStripped,
        TransportPlaintextHop, TransportInternalPlaintextHop, TransportWeakTls, TransportTlsNotRequired, TransportLowerHopsForgeable, TransportNoReceived,
        ThreadMessageIdMissing, ThreadReplyContextMissing, AuthDkimNotAligned, AuthDkimMissing, AuthCheckFailed, AuthResultsForeign, MailingListModified,
        DkimVerified, DkimFailed, DkimKeyUnavailable, DkimBodyLength, DkimNotChecked, ArcVerified, ArcFailed, ArcExplainsDkimFailure,
        ForwardedAsAttachment, ForwardedInline,
        NotAWholeMessage, NotEndToEndEncrypted, ParseDefects,
    ];
}
