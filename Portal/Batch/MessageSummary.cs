using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Batch;

/// <summary>
/// One row of a mailbox's table: what an agent sorts and filters a mailbox by. The values are the report's own codes
/// (encryption kind, TLS version names); the page puts them into words.
/// </summary>
public sealed record MessageSummary(
    DateTimeOffset? Date,
    string? From,
    string? Subject,
    string Encryption,
    IReadOnlyList<string> KeyHolders,
    string? Relay,
    string Signature,
    bool? SignatureVerified,
    string? WeakestTls,
    IReadOnlyList<string> Defects)
{
    /// <summary>Weakest hop without TLS on the way.</summary>
    public const string Plaintext = "none";

    /// <summary>Encrypted end to end (S/MIME or OpenPGP) for recipients' keys: only their holders can read it.</summary>
    public bool EncryptedForSomeoneElse => Encryption is EncryptionKinds.Smime or EncryptionKinds.Pgp;

    public bool ThroughRelay => Relay is not null;

    public static MessageSummary Of(AnalysisReport report, ParsedMessage parsed)
    {
        DateTimeOffset? date = parsed.Root.Headers.GetValue("Date") is { } text && MailDate.TryParse(text, out var parsedDate) ? parsedDate : null;
        var signers = report.Signature.Signers;
        bool? verified = signers.Count == 0 || signers.Any(s => s.Verified is null) ? null : signers.All(s => s.Verified == true);
        return new MessageSummary(
            date,
            report.From,
            report.Subject,
            report.Encryption.Kind,
            report.Encryption.Recipients.Select(KeyHolder).Distinct().ToList(),
            report.Relay.ServiceName ?? report.Relay.Service,
            report.Signature.Kind,
            verified,
            WeakestTlsOf(report.Transport.Hops),
            report.Defects.Select(d => d.Code).Distinct().ToList());
    }

    /// <summary>Who holds the key a recipient entry names: the certificate's issuer and serial, or the OpenPGP key.</summary>
    private static string KeyHolder(RecipientEntry recipient) =>
        recipient.Hidden ? "hidden"
        : recipient.Issuer is { } issuer ? recipient.SerialNumber is { } serial ? $"{issuer} #{serial}" : issuer
        : recipient.KeyId ?? recipient.Fingerprint ?? recipient.SubjectKeyIdentifier ?? recipient.Kind ?? "?";

    /// <summary>
    /// The least protected hop that left one network: <see cref="Plaintext"/> when one had no TLS, else the oldest TLS
    /// version named (<c>TLS 1.0</c> before <c>TLS 1.3</c>), <c>TLS</c> when TLS was used without a version; null when no
    /// hop says.
    /// </summary>
    public static string? WeakestTlsOf(IReadOnlyList<HopEntry> hops)
    {
        string? weakest = null;
        foreach (var hop in hops)
        {
            if (hop.Tls == TlsStates.No && !hop.Internal)
                return Plaintext;
            if (hop.Tls != TlsStates.Yes)
                continue;
            var name = hop.TlsVersionName ?? "TLS";
            if (weakest is null || Rank(name) < Rank(weakest))
                weakest = name;
        }
        return weakest;
    }

    private static int Rank(string tls) => tls switch
    {
        _ when tls.StartsWith("SSL", StringComparison.OrdinalIgnoreCase) => 0,
        "TLS 1.0" => 1,
        "TLS 1.1" => 2,
        "TLS 1.2" => 3,
        "TLS 1.3" => 4,
        _ => 5, // TLS of an unnamed version says the least
    };
}
