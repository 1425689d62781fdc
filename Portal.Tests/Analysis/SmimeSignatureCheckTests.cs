using System.Text;
using Portal.Analysis.Report;
using Portal.Tests.Support;

namespace Portal.Tests.Analysis;

/// <summary>
/// S/MIME signatures .NET cannot check (RSA-PSS with OpenSSL's default salt, longer than the hash) go to Bouncy Castle;
/// the certificates the message carries are listed, and an expired certificate is not a broken signature.
/// </summary>
public sealed class SmimeSignatureCheckTests
{
    private const string Pss = "smime/signed-detached-rsapss-sha256.eml";
    private static readonly string Expired = Path.Combine(AppContext.BaseDirectory, "TestData", "smime-expired", "signed-detached-expired-signer.eml");

    [Fact]
    public void Rsa_pss_signature_with_openssls_long_salt_verifies_with_bouncy_castle()
    {
        var report = Analyze.Generated(Pss);

        var signer = Assert.Single(report.Signature.Signers);
        Assert.Equal("rsassaPss", signer.SignatureAlgorithm);
        Assert.True(signer.Verified);
        Assert.Equal("bouncy-castle", signer.CheckedBy);
        Assert.True(report.Has(FindingCodes.SmimeSigned));
        Assert.False(report.Has(FindingCodes.SmimeSignatureUnchecked));
    }

    [Fact]
    public void Signed_content_gets_crlf_line_endings_exactly_where_a_bare_lf_stands()
    {
        var random = new Random(5652);
        byte[] alphabet = [(byte)'a', (byte)'\r', (byte)'\n', (byte)' '];
        for (var length = 0; length < 200; length++)
        {
            var data = new byte[length];
            for (var i = 0; i < length; i++)
                data[i] = alphabet[random.Next(alphabet.Length)];
            var expected = new List<byte>();
            for (var i = 0; i < data.Length; i++)
            {
                if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
                    expected.Add((byte)'\r');
                expected.Add(data[i]);
            }
            Assert.Equal(expected.ToArray(), Portal.Analysis.Smime.CanonicalLineEndings.ToCrLf(data));
        }
    }

    [Fact]
    public void Rsa_pss_signature_over_changed_content_is_invalid()
    {
        var text = File.ReadAllText(Corpus.Generated(Pss), Encoding.ASCII);
        Assert.Contains("decryption worked", text);

        var report = Analyze.Analyzer.Analyze(Encoding.ASCII.GetBytes(text.Replace("decryption worked", "decryption w0rked")));

        var signer = Assert.Single(report.Signature.Signers);
        Assert.False(signer.Verified);
        Assert.True(report.Has(FindingCodes.SmimeSignatureInvalid));
    }

    [Fact]
    public void Rsa_pkcs1_signatures_stay_with_signedcms()
    {
        var report = Analyze.Generated("smime/signed-detached-rsa-sha256.eml");

        Assert.Equal("signedcms", Assert.Single(report.Signature.Signers).CheckedBy);
    }

    [Fact]
    public void Expired_signer_certificate_is_reported_as_expired_and_the_signature_as_valid()
    {
        var report = Analyze.File(Expired);

        var signer = Assert.Single(report.Signature.Signers);
        Assert.True(signer.Verified);
        Assert.True(signer.CertificateExpired);
        Assert.True(signer.CertificateValidAtSigning);
        Assert.Equal(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), signer.ValidTo);
        Assert.True(report.Has(FindingCodes.SmimeCertificateExpired));
        Assert.True(report.Has(FindingCodes.SmimeSigned));
        Assert.False(report.Has(FindingCodes.SmimeSignatureInvalid));
    }

    [Fact]
    public void The_certificate_chain_the_message_carries_is_listed_with_issuers_and_validity()
    {
        var report = Analyze.File(Expired);

        var certificates = report.Signature.Certificates;
        Assert.Equal(2, certificates.Count);
        var erin = Assert.Single(certificates, c => c.Subject!.Contains("CN=Erin Test"));
        var ca = Assert.Single(certificates, c => c.Subject!.Contains("CN=Test RSA CA"));
        Assert.Contains("CN=Test RSA CA", erin.Issuer);
        Assert.Equal(ca.Subject, ca.Issuer);
        Assert.True(erin.Expired);
        Assert.False(ca.Expired);
        Assert.Equal("1005", erin.SerialNumber);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), erin.ValidFrom);
    }
}
