using Portal.Analysis.Report;

namespace Portal.Upload;

/// <summary>A help-center section: the article's slug and a heading id that is the same in every translation.</summary>
public sealed record ArticleLink(string Slug, string Anchor)
{
    public string Path(string languageCode) => $"/{languageCode}/articles/{Slug}#{Anchor}";
}

/// <summary>
/// Which help-center section explains each finding. One table, so that a card's "read more" link is
/// chosen here and not in markup; tests check that every code the engine can raise has a row and that
/// the section exists in every language.
/// </summary>
public static class FindingArticles
{
    public const string EncryptionTypes = "email-encryption-types";
    public const string SendingEncrypted = "sending-encrypted-mail-to-support";
    public const string Relays = "private-relays-and-masked-addresses";
    public const string Analyzer = "using-the-email-analyzer";
    public const string SenderAuthentication = "sender-authentication-spf-dkim-dmarc-arc";
    public const string SavingOriginal = "saving-the-original-message";
    public const string Portals = "encryption-portals-by-vendor";
    public const string RelayReplies = "replying-to-private-relay-customers";
    public const string CannotBeRead = "when-encrypted-mail-cannot-be-read";

    public static IReadOnlyDictionary<string, ArticleLink> ByCode { get; } = new Dictionary<string, ArticleLink>(StringComparer.Ordinal)
    {
        ["smime-encrypted"] = new(CannotBeRead, "encrypted-for-someone-else"),
        ["smime-shared-key"] = new(CannotBeRead, "password-protected"),
        ["smime-weak-cipher"] = new(EncryptionTypes, "smime"),
        ["smime-inner-layer-hidden"] = new(EncryptionTypes, "smime"),
        ["smime-signed"] = new(EncryptionTypes, "smime"),
        ["smime-signature-invalid"] = new(EncryptionTypes, "smime"),
        ["smime-signature-unchecked"] = new(EncryptionTypes, "smime"),
        ["smime-certs-only"] = new(EncryptionTypes, "smime"),
        ["smime-compressed"] = new(EncryptionTypes, "smime"),
        ["cms-unreadable"] = new(CannotBeRead, "damaged-data"),
        ["pgp-encrypted"] = new(CannotBeRead, "encrypted-for-someone-else"),
        ["pgp-hidden-recipient"] = new(EncryptionTypes, "openpgp"),
        ["pgp-password-protected"] = new(CannotBeRead, "password-protected"),
        ["pgp-no-integrity-protection"] = new(EncryptionTypes, "openpgp"),
        ["pgp-signed"] = new(EncryptionTypes, "openpgp"),
        ["pgp-data-damaged"] = new(CannotBeRead, "damaged-data"),
        ["protection-damaged"] = new(CannotBeRead, "damaged-data"),
        ["protection-in-attachment"] = new(EncryptionTypes, "forwarded-message"),
        ["protection-in-part"] = new(EncryptionTypes, "forwarded-message"),
        ["protection-quoted"] = new(EncryptionTypes, "forwarded-message"),
        ["pgp-sent-by-gpgol"] = new(EncryptionTypes, "openpgp"),
        ["encryption-portal"] = new(Portals, "how-portals-work"),
        ["rights-managed"] = new(Portals, "rights-protected-mail"),
        ["portal-hint"] = new(Portals, "how-portals-work"),
        ["relay-masked-address"] = new(RelayReplies, "how-replies-return"),
        ["relay-forwarded-copy"] = new(Relays, "forwarded-relay-mail"),
        ["relay-tokenized-reply-to"] = new(RelayReplies, "reply-address"),
        ["relay-threading-stripped"] = new(RelayReplies, "threading"),
        ["transport-plaintext-hop"] = new(SendingEncrypted, "where-protection-stops"),
        ["transport-internal-plaintext-hop"] = new(SendingEncrypted, "where-protection-stops"),
        ["transport-weak-tls"] = new(EncryptionTypes, "tls"),
        ["transport-tls-not-required"] = new(SendingEncrypted, "enforced-tls"),
        ["transport-lower-hops-forgeable"] = new(SenderAuthentication, "trusted-results"),
        ["transport-no-received"] = new(SavingOriginal, "not-the-original"),
        ["thread-message-id-missing"] = new(RelayReplies, "threading"),
        ["thread-reply-context-missing"] = new(RelayReplies, "threading"),
        ["auth-dkim-not-aligned"] = new(SenderAuthentication, "dmarc"),
        ["auth-dkim-missing"] = new(SenderAuthentication, "dkim"),
        ["auth-check-failed"] = new(SenderAuthentication, "authentication-results"),
        ["smime-certificate-expired"] = new(EncryptionTypes, "smime"),
        ["dkim-verified"] = new(SenderAuthentication, "dkim"),
        ["dkim-failed"] = new(SenderAuthentication, "key-rotation"),
        ["dkim-key-unavailable"] = new(SenderAuthentication, "key-rotation"),
        ["dkim-body-length"] = new(SenderAuthentication, "dkim-body-length"),
        ["dkim-not-checked"] = new(SenderAuthentication, "dkim"),
        ["arc-verified"] = new(SenderAuthentication, "arc"),
        ["arc-failed"] = new(SenderAuthentication, "arc"),
        ["arc-explains-dkim-failure"] = new(SenderAuthentication, "arc"),
        ["auth-results-foreign"] = new(SenderAuthentication, "trusted-results"),
        ["mailing-list-modified"] = new(SenderAuthentication, "mailing-lists"),
        ["forwarded-as-attachment"] = new(SavingOriginal, "forward-as-attachment"),
        ["forwarded-inline"] = new(SavingOriginal, "forward-as-attachment"),
        ["not-a-whole-message"] = new(SavingOriginal, "not-the-original"),
        ["not-end-to-end-encrypted"] = new(EncryptionTypes, "tls"),
        ["parse-defects"] = new(SavingOriginal, "damaged-files"),
    };

    /// <summary>The section that shows how to export the original message from each mail client (<see cref="MailClients"/>).</summary>
    public static IReadOnlyDictionary<string, ArticleLink> ExportGuides { get; } = new Dictionary<string, ArticleLink>(StringComparer.Ordinal)
    {
        [MailClients.Outlook] = new(SavingOriginal, "outlook-classic"),
        [MailClients.Gmail] = new(SavingOriginal, "gmail"),
        [MailClients.AppleMail] = new(SavingOriginal, "apple-mail"),
        [MailClients.Thunderbird] = new(SavingOriginal, "thunderbird"),
    };

    /// <summary>The section that tells agents what the suggested reply asks of the sender, and how to talk about it.</summary>
    public static ArticleLink ReplyGuide { get; } = new(CannotBeRead, "suggested-reply");

    /// <summary>Every section the report links to besides the findings' own, so that one test can check they all exist.</summary>
    public static IEnumerable<ArticleLink> OtherSections => ExportGuides.Values.Append(ReplyGuide).Append(Fallback);

    /// <summary>For a code added to the engine after this table: the part of the analyzer guide that explains the report.</summary>
    public static ArticleLink Fallback { get; } = new(Analyzer, "report");

    /// <summary>The section for a code; the analyzer guide's report section for a code this table does not know yet.</summary>
    public static ArticleLink For(string code) => ByCode.TryGetValue(code, out var link) ? link : Fallback;
}
