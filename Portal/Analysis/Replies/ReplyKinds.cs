using Portal.Analysis.Relays;
using Portal.Analysis.Report;

namespace Portal.Analysis.Replies;

/// <summary>
/// The kinds of verdict a reply to the sender is written for: each has a whole reply of its own in every language
/// (ReplyTexts.resx, <c>{kind}.subject</c> and <c>{kind}.body</c>), never one assembled from pieces.
/// </summary>
public static class ReplyKinds
{
    public const string ForwardedInline = "forwarded-inline";
    public const string Fragment = "fragment";
    public const string ProtectionDamaged = "protection-damaged";
    public const string RightsManaged = "rights-managed";
    public const string EncryptionPortal = "encryption-portal";
    public const string SmimeEncrypted = "smime-encrypted";
    public const string PgpEncrypted = "pgp-encrypted";
    public const string PasswordProtected = "password-protected";
    public const string RelaySender = "relay-sender";
    public const string RelayForwardedCopy = "relay-forwarded-copy";
    public const string SignatureBroken = "signature-broken";
    public const string MessageDamaged = "message-damaged";
    public const string PlaintextRoute = "plaintext-route";
    public const string Readable = "readable";

    public static IReadOnlyList<string> All { get; } =
    [
        ForwardedInline, Fragment, ProtectionDamaged, RightsManaged, EncryptionPortal, SmimeEncrypted, PgpEncrypted,
        PasswordProtected, RelaySender, RelayForwardedCopy, SignatureBroken, MessageDamaged, PlaintextRoute, Readable,
    ];

    /// <summary>
    /// What the sender most needs to hear, in the order an agent would deal with it: a copy that lost the original
    /// first (nothing else can be judged), then protection that keeps the help desk from the content, then whose
    /// address a relay hides, then what went wrong on the way; a message that simply arrived last.
    /// </summary>
    public static string Of(AnalysisReport report)
    {
        bool Has(FindingCode code) => report.Findings.Any(f => f.Code == code.Code);
        var encryption = report.Encryption;
        if (report.Forward?.Kind == ForwardKinds.Inline)
            return ForwardedInline;
        if (Has(FindingCodes.NotAWholeMessage))
            return Fragment;
        if (encryption.Kind == EncryptionKinds.None && (Has(FindingCodes.ProtectionDamaged) || Has(FindingCodes.CmsUnreadable))
            || Has(FindingCodes.PgpDataDamaged))
            return ProtectionDamaged;
        if (Has(FindingCodes.RightsManaged))
            return RightsManaged;
        if (encryption.Kind == EncryptionKinds.Portal || Has(FindingCodes.EncryptionPortal))
            return EncryptionPortal;
        if (encryption.SharedSecretOnly)
            return PasswordProtected;
        if (encryption.Kind == EncryptionKinds.Smime)
            return SmimeEncrypted;
        if (encryption.Kind == EncryptionKinds.Pgp)
            return PgpEncrypted;
        if (report.Relay.Service is not null)
            return report.Relay.MaskedParty == MaskedParties.Recipient ? RelayForwardedCopy : RelaySender;
        if (Has(FindingCodes.SmimeSignatureInvalid) || report.Signature.Signers.Any(s => s.Verified == false))
            return SignatureBroken;
        if (Has(FindingCodes.ParseDefects))
            return MessageDamaged;
        if (Has(FindingCodes.TransportPlaintextHop) || Has(FindingCodes.TransportWeakTls))
            return PlaintextRoute;
        return Readable;
    }
}
