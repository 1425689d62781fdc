namespace Portal.Upload;

/// <summary>
/// Which help-center article explains each finding. One table, so that a card's "read more" link is
/// chosen here and not in markup; a test checks that every code the engine can raise has a row.
/// </summary>
public static class FindingArticles
{
    public const string WhyNotDecrypted = "why-emails-cant-be-decrypted-or-traced";
    public const string EncryptionTypes = "email-encryption-types";
    public const string SendingEncrypted = "sending-encrypted-mail-to-support";
    public const string Relays = "private-relays-and-masked-addresses";
    public const string Analyzer = "using-the-email-analyzer";
    public const string SenderAuthentication = "sender-authentication";

    public static IReadOnlyDictionary<string, string> ByCode { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["smime-encrypted"] = WhyNotDecrypted,
        ["smime-weak-cipher"] = EncryptionTypes,
        ["smime-inner-layer-hidden"] = EncryptionTypes,
        ["smime-signed"] = EncryptionTypes,
        ["smime-signature-invalid"] = EncryptionTypes,
        ["smime-signature-unchecked"] = EncryptionTypes,
        ["smime-certificate-expired"] = EncryptionTypes,
        ["smime-certs-only"] = SendingEncrypted,
        ["smime-compressed"] = EncryptionTypes,
        ["cms-unreadable"] = SendingEncrypted,
        ["pgp-encrypted"] = WhyNotDecrypted,
        ["pgp-hidden-recipient"] = EncryptionTypes,
        ["pgp-password-protected"] = SendingEncrypted,
        ["pgp-no-integrity-protection"] = EncryptionTypes,
        ["pgp-signed"] = EncryptionTypes,
        ["pgp-data-damaged"] = SendingEncrypted,
        ["encryption-portal"] = WhyNotDecrypted,
        ["rights-managed"] = WhyNotDecrypted,
        ["portal-hint"] = EncryptionTypes,
        ["relay-masked-address"] = Relays,
        ["relay-tokenized-reply-to"] = Relays,
        ["relay-threading-stripped"] = Relays,
        ["transport-plaintext-hop"] = EncryptionTypes,
        ["transport-weak-tls"] = EncryptionTypes,
        ["transport-tls-not-required"] = EncryptionTypes,
        ["transport-lower-hops-forgeable"] = WhyNotDecrypted,
        ["transport-no-received"] = Analyzer,
        ["thread-message-id-missing"] = WhyNotDecrypted,
        ["thread-reply-context-missing"] = WhyNotDecrypted,
        ["auth-dkim-not-aligned"] = WhyNotDecrypted,
        ["auth-dkim-missing"] = WhyNotDecrypted,
        ["auth-check-failed"] = WhyNotDecrypted,
        ["dkim-verified"] = SenderAuthentication,
        ["dkim-failed"] = SenderAuthentication,
        ["dkim-key-unavailable"] = SenderAuthentication,
        ["dkim-body-length"] = SenderAuthentication,
        ["dkim-not-checked"] = SenderAuthentication,
        ["arc-verified"] = SenderAuthentication,
        ["arc-failed"] = SenderAuthentication,
        ["arc-explains-dkim-failure"] = SenderAuthentication,
        ["not-end-to-end-encrypted"] = EncryptionTypes,
        ["parse-defects"] = Analyzer,
    };

    /// <summary>The article for a code; the analyzer guide for a code added to the engine after this table.</summary>
    public static string For(string code) => ByCode.TryGetValue(code, out var slug) ? slug : Analyzer;
}
