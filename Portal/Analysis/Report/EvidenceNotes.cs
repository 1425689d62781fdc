namespace Portal.Analysis.Report;

/// <summary>A localizable evidence note: its key (<c>note.{Key}</c> in FindingTexts) and the argument names its texts may use.</summary>
public sealed record EvidenceNote(string Key, params string[] Arguments)
{
    public override string ToString() => Key;
}

/// <summary>
/// Every evidence note the engine explains in words. Detectors refer to these fields, so that <see cref="All"/>
/// is the complete list translators and tests work from (like <see cref="FindingCodes"/>).
/// </summary>
public static class EvidenceNotes
{
    // Private relays: which kind of catalog signal matched.
    public static readonly EvidenceNote RelayDomain = new("relay-domain");
    public static readonly EvidenceNote RelayAddress = new("relay-address");
    public static readonly EvidenceNote RelayDisplayName = new("relay-display-name");
    public static readonly EvidenceNote RelayLocalPart = new("relay-local-part");
    public static readonly EvidenceNote RelayHeader = new("relay-header");
    public static readonly EvidenceNote RelayHeaderValue = new("relay-header-value");
    public static readonly EvidenceNote RelayReceivedHost = new("relay-received-host");
    public static readonly EvidenceNote RelayOriginalSender = new("relay-original-sender");

    // Tokenized Reply-To: why the address looks like a token.
    public static readonly EvidenceNote ReplyToRelayDomain = new("reply-to-relay-domain", "domain");
    public static readonly EvidenceNote ReplyToMachineGenerated = new("reply-to-machine-generated");
    public static readonly EvidenceNote ReplyToRelayDomainMachineGenerated = new("reply-to-relay-domain-machine-generated", "domain");

    // Encryption portals: where the vendor's marker was found.
    public static readonly EvidenceNote PortalHeaderName = new("portal-header-name");
    public static readonly EvidenceNote PortalHeaderValue = new("portal-header-value");
    public static readonly EvidenceNote PortalAttachmentName = new("portal-attachment-name");
    public static readonly EvidenceNote PortalContentType = new("portal-content-type");
    public static readonly EvidenceNote PortalBodyText = new("portal-body-text");

    // DKIM and ARC: why a signature does not verify now, why it was not checked, who vouched.
    public static readonly EvidenceNote DkimBodyChanged = new("dkim-body-changed");
    public static readonly EvidenceNote DkimHeaderChanged = new("dkim-header-changed");
    public static readonly EvidenceNote DkimSignatureUnusable = new("dkim-signature-unusable", "reason");
    public static readonly EvidenceNote DkimKeyMissing = new("dkim-key-missing", "selector");
    public static readonly EvidenceNote DkimKeyRevoked = new("dkim-key-revoked", "selector");
    public static readonly EvidenceNote DkimDnsFailure = new("dkim-dns-failure", "selector");
    public static readonly EvidenceNote DkimUnsignedContent = new("dkim-unsigned-content", "bytes");
    public static readonly EvidenceNote DkimOff = new("dkim-off");
    public static readonly EvidenceNote DkimHeaderTooLarge = new("dkim-header-too-large", "bytes", "limit");
    public static readonly EvidenceNote DkimUnreadable = new("dkim-unreadable");
    public static readonly EvidenceNote ArcMailingList = new("arc-mailing-list", "domain");
    public static readonly EvidenceNote ArcRelay = new("arc-relay", "domain");
    public static readonly EvidenceNote ArcForwarder = new("arc-forwarder", "domain");
    // Protection declared but broken, and quoted
    public static readonly EvidenceNote DamagedNoDataPart = new("damaged-no-data-part");
    public static readonly EvidenceNote DamagedDataUnreadable = new("damaged-data-unreadable");
    public static readonly EvidenceNote DamagedNoProtocol = new("damaged-no-protocol");
    public static readonly EvidenceNote DamagedUnknownSignatureType = new("damaged-unknown-signature-type");
    public static readonly EvidenceNote DamagedNoSignaturePart = new("damaged-no-signature-part");
    public static readonly EvidenceNote QuotedArmor = new("quoted-armor");
    public static readonly EvidenceNote ListSubjectTag = new("list-subject-tag");

    // Summaries
    public static readonly EvidenceNote DefectCount = new("defect-count", "count");

    public static IReadOnlyList<EvidenceNote> All { get; } =
    [
        RelayDomain, RelayAddress, RelayDisplayName, RelayLocalPart, RelayHeader, RelayHeaderValue, RelayReceivedHost, RelayOriginalSender,
        ReplyToRelayDomain, ReplyToMachineGenerated, ReplyToRelayDomainMachineGenerated,
        PortalHeaderName, PortalHeaderValue, PortalAttachmentName, PortalContentType, PortalBodyText,
        DkimBodyChanged, DkimHeaderChanged, DkimSignatureUnusable, DkimKeyMissing, DkimKeyRevoked, DkimDnsFailure,
        DkimUnsignedContent, DkimOff, DkimHeaderTooLarge, DkimUnreadable, ArcMailingList, ArcRelay, ArcForwarder,
        DamagedNoDataPart, DamagedDataUnreadable, DamagedNoProtocol, DamagedUnknownSignatureType, DamagedNoSignaturePart, QuotedArmor, ListSubjectTag,
        DefectCount,
    ];
}
