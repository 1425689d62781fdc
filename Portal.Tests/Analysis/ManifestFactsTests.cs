using System.Text.RegularExpressions;
using Portal.Analysis.Report;

namespace Portal.Tests.Analysis;

/// <summary>
/// Every "observed:" fact of the generated corpus's manifest (derived by openssl and gpg, not by us)
/// checked against the analyzer's report.
/// </summary>
public sealed class ManifestFactsTests
{
    public static IEnumerable<object[]> Enveloped => ManifestRow.Where(r => r.Fact("outer-cms") is { } o && o.Contains("nvelopedData"));
    public static IEnumerable<object[]> Signed => ManifestRow.Where(r => r.Fact("signer1") is not null);
    public static IEnumerable<object[]> PgpEncrypted => ManifestRow.Where(r => r.Fact("pkesk") is not null);
    public static IEnumerable<object[]> PgpSigned => ManifestRow.Where(r => Regex.IsMatch(r.Observed, @"^VERIFIED (pgp-mime-signature|cleartext-signature)=good", RegexOptions.Multiline) || r.Observed.StartsWith("micalg=", StringComparison.Ordinal) || r.Observed.StartsWith("VERIFIED cleartext", StringComparison.Ordinal));
    public static IEnumerable<object[]> Relays => ManifestRow.Where(r => r.Fact("relay") is not null);
    public static IEnumerable<object[]> Received => ManifestRow.Where(r => r.Fact("hops") is not null);

    [Theory]
    [MemberData(nameof(Enveloped))]
    public void Smime_envelope_lists_every_recipient_with_issuer_serial_or_key_identifier_and_algorithms(string file)
    {
        var row = ManifestRow.Get(file);
        var report = Analyze.Generated(file);
        var encryption = report.Encryption;

        Assert.Equal(EncryptionKinds.Smime, encryption.Kind);
        Assert.Equal(row.Fact("outer-cms")!.StartsWith("authEnveloped", StringComparison.Ordinal) ? "authenveloped-data" : "enveloped-data", encryption.Envelope);
        Assert.Equal(row.Fact("cipher"), encryption.ContentAlgorithm);
        var count = int.Parse(row.Fact("recipients")!);
        Assert.Equal(count, encryption.Recipients.Count);
        for (var i = 1; i <= count; i++)
        {
            var fact = row.Fact($"recipient{i}")!;
            var recipient = encryption.Recipients[i - 1];
            Assert.Equal(fact.Split(' ')[0], recipient.Kind);
            var byIssuer = Regex.Match(fact, @"issuer (CN=[^)]+?) serial 0x([0-9A-Fa-f]+)");
            if (byIssuer.Success)
            {
                Assert.Contains(byIssuer.Groups[1].Value, recipient.Issuer);
                Assert.Equal(byIssuer.Groups[2].Value.ToLowerInvariant().TrimStart('0'), recipient.SerialNumber);
            }
            else
            {
                Assert.Equal(Regex.Match(fact, @"SKI ([0-9A-F]+)").Groups[1].Value, recipient.SubjectKeyIdentifier);
            }
            var algorithm = Regex.Match(fact, @"(?:keyEnc|keyAgree)=(\S+)").Groups[1].Value;
            Assert.Equal(algorithm, recipient.Algorithm);
            if (Regex.Match(fact, @"wrap=(\S+)") is { Success: true } wrap)
                Assert.Equal(wrap.Groups[1].Value, recipient.KeyWrapAlgorithm);
        }
        Assert.True(report.Has(FindingCodes.SmimeEncrypted));
        Assert.True(report.Has(FindingCodes.SmimeInnerLayerHidden));
        Assert.Equal(Severity.Blocker, report.Findings[0].Severity);
    }

    [Theory]
    [MemberData(nameof(Signed))]
    public void Smime_signer_is_named_and_verified_exactly_when_openssl_verified_it(string file)
    {
        var row = ManifestRow.Get(file);
        var report = Analyze.Generated(file);
        var fact = row.Fact("signer1")!;
        var signer = Assert.Single(report.Signature.Signers);

        Assert.Equal(SignatureKinds.Smime, report.Signature.Kind);
        var issuer = Regex.Match(fact, @"issuer (CN=[^)]+?) serial 0x([0-9A-Fa-f]+)");
        Assert.Contains(issuer.Groups[1].Value, signer.Issuer);
        Assert.Equal(issuer.Groups[2].Value.ToLowerInvariant(), signer.SerialNumber);
        Assert.Contains("CN=" + char.ToUpperInvariant(fact[0]) + fact[1..fact.IndexOf('(')] + " Test", signer.Subject);
        Assert.Equal(Regex.Match(fact, @"digest=(\S+)").Groups[1].Value, signer.DigestAlgorithm);
        Assert.NotNull(signer.ValidFrom);

        var verified = row.Fact("VERIFIED signature")!;
        // RSA-PSS with OpenSSL's maximum salt included: Bouncy Castle checks what .NET's SignedCms cannot.
        Assert.Equal(verified == "ok", signer.Verified);
        Assert.Equal(verified != "ok", report.Has(FindingCodes.SmimeSignatureInvalid));
        if (row.Fact("inner-cms") is { } inner && inner.StartsWith("envelopedData", StringComparison.Ordinal))
            Assert.Equal(EncryptionKinds.Smime, report.Encryption.Kind); // encrypted-then-signed: both layers are visible
    }

    [Theory]
    [MemberData(nameof(PgpEncrypted))]
    public void Pgp_encryption_lists_every_key_id_hidden_recipient_and_password_packet(string file)
    {
        var row = ManifestRow.Get(file);
        var report = Analyze.Generated(file);
        var encryption = report.Encryption;

        Assert.Equal(EncryptionKinds.Pgp, encryption.Kind);
        Assert.Equal(row.Kind.StartsWith("inline", StringComparison.Ordinal) ? "pgp-inline" : "pgp-mime", encryption.Envelope);
        var count = int.Parse(row.Fact("pkesk")!);
        Assert.Equal(count, encryption.Recipients.Count);
        for (var i = 1; i <= count; i++)
        {
            var fact = row.Fact($"pkesk{i}")!;
            var keyId = Regex.Match(fact, @"keyid ([0-9A-F]{16})").Groups[1].Value;
            var algorithm = Regex.Match(fact, @"\((\w+)").Groups[1].Value;
            var recipient = encryption.Recipients[i - 1];
            Assert.Equal(keyId, recipient.KeyId);
            Assert.Equal(algorithm, recipient.Algorithm);
            Assert.Equal(keyId == "0000000000000000", recipient.Hidden);
        }
        Assert.Equal(count > 0 && encryption.Recipients.Any(r => r.Hidden), report.Has(FindingCodes.PgpHiddenRecipient));
        var skesk = int.Parse(row.Fact("skesk")!);
        Assert.Equal(skesk > 0, encryption.PasswordProtected);
        Assert.Equal(skesk > 0, report.Has(FindingCodes.PgpPasswordProtected));
        if (row.Fact("data") == "SEIPD (MDC)")
            Assert.StartsWith("SEIPDv1", encryption.ContentAlgorithm);
    }

    [Theory]
    [MemberData(nameof(PgpSigned))]
    public void Pgp_signature_names_the_signing_key_that_gpg_verified(string file)
    {
        var row = ManifestRow.Get(file);
        var fingerprint = Regex.Match(row.Observed, @"=good by ([0-9A-F]{40})").Groups[1].Value;
        var report = Analyze.Generated(file);

        Assert.Equal(SignatureKinds.Pgp, report.Signature.Kind);
        var signer = Assert.Single(report.Signature.Signers);
        Assert.Equal(fingerprint[^16..], signer.KeyId);
        Assert.Null(signer.Verified);
        Assert.True(report.Has(FindingCodes.PgpSigned));
    }

    [Theory]
    [MemberData(nameof(Relays))]
    public void Relay_service_is_recognized_from_its_evidence(string file)
    {
        var expected = ManifestRow.Get(file).Fact("relay") switch
        {
            "addy.io" => "addy",
            "apple-icloud-hide-my-email" => "apple-hide-my-email",
            "apple-sign-in-with-apple-private-relay" => "apple-private-relay",
            var id => id,
        };
        var report = Analyze.Generated(file);

        Assert.Equal(expected, report.Relay.Service);
        Assert.NotEmpty(report.Relay.Evidence);
        // These samples are mail a relay forwarded to its user, except SimpleLogin's reply, which its user sent.
        Assert.True(report.Has(report.Relay.MaskedParty == Portal.Analysis.Relays.MaskedParties.Recipient
            ? FindingCodes.RelayForwardedCopy : FindingCodes.RelayMaskedAddress));
        Assert.Equal(file == "relay/simplelogin-reply.eml" ? "sender" : "recipient", report.Relay.MaskedParty);
    }

    [Theory]
    [MemberData(nameof(Received))]
    public void Every_hop_has_the_manifest_tls_state_version_cipher_and_hosts(string file)
    {
        var row = ManifestRow.Get(file);
        var hops = Analyze.Generated(file).Transport.Hops;
        Assert.Equal(int.Parse(row.Fact("hops")!), hops.Count);
        for (var i = 1; i <= hops.Count; i++)
        {
            var hop = hops[i - 1];
            var facts = Regex.Match(row.Observed, $@"hop{i}: (.*?)(?=; hop\d|; hops=)").Groups[1].Value;
            string? Get(string name) => Regex.Match(facts, $@"(?:^|, ){Regex.Escape(name)}=([^,]*)") is { Success: true } m ? m.Groups[1].Value.Trim() : null;

            var tls = Get("tls")!.Split(' ')[0];
            var expectedTls = tls switch { "yes" or "yes-but-weak" => "yes", "no" or "NO" => "no", _ => "unknown" };
            Assert.True(expectedTls == hop.Tls, $"hop {i}: expected tls {expectedTls}, got {hop.Tls}");
            Assert.Equal(Get("tls-version"), hop.TlsVersion);
            Assert.Equal(Get("cipher"), hop.Cipher);
            Assert.Equal(Get("by"), hop.By);
            if (Get("from") is { } from)
                Assert.Equal(from, hop.From);
            if (Get("with") is { } with && !with.StartsWith('('))
                Assert.StartsWith(with.Split(' ')[0], hop.With, StringComparison.OrdinalIgnoreCase);
            if (tls == "yes-but-weak")
                Assert.Contains(Analyze.Generated(file).Findings, f => f.Code == FindingCodes.TransportWeakTls.Code);
            if (tls == "NO")
                Assert.Contains(Analyze.Generated(file).Findings, f => f.Code == FindingCodes.TransportPlaintextHop.Code);
        }
        Assert.True(hops.Take(hops.Count - 1).All(h => h.DelaySeconds is >= 0));
    }

    [Fact]
    public void Certs_only_message_reports_its_certificates_and_no_signer()
    {
        var report = Analyze.Generated("smime/certs-only.eml");
        Assert.True(report.Has(FindingCodes.SmimeCertificatesOnly));
        Assert.Empty(report.Signature.Signers);
        Assert.Equal("2", report.Findings.Single(f => f.Code == FindingCodes.SmimeCertificatesOnly.Code).Args["count"]);
    }

    [Fact]
    public void Compressed_data_is_recognized_and_not_called_encryption()
    {
        var report = Analyze.Generated("smime/compressed-zlib.eml");
        Assert.True(report.Has(FindingCodes.SmimeCompressed));
        Assert.Equal(EncryptionKinds.None, report.Encryption.Kind);
    }

    [Fact]
    public void Rights_protected_rpmsg_message_is_a_blocker_naming_microsoft_purview()
    {
        var report = Analyze.Generated("ome/rights-protected-rpmsg.eml");
        Assert.Equal(EncryptionKinds.Portal, report.Encryption.Kind);
        Assert.Equal("microsoft-purview", report.Encryption.Vendor);
        var finding = report.Findings[0];
        Assert.Equal(FindingCodes.RightsManaged.Code, finding.Code);
        Assert.Equal("high", finding.Args["confidence"]);
        Assert.Contains(finding.Evidence, e => e.Value == "message.rpmsg");
    }
}
