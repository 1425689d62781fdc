using Portal.Analysis.Report;
using Portal.Analysis.Smime;
using Portal.Mime;

namespace Portal.Tests.Analysis;

public sealed class CmsEnvelopeReaderTests
{
    private static byte[] Pkcs7Body(string file) =>
        MimeParser.Parse(File.ReadAllBytes(Support.Corpus.Generated(file))).AllEntities()
            .First(e => e.ContentType.MimeType.Contains("pkcs7", StringComparison.Ordinal)).DecodeBody();

    [Fact]
    public void Smime_encrypted_for_two_recipients_lists_both_issuers()
    {
        var envelope = CmsEnvelopeReader.Read(Pkcs7Body("smime/enveloped-2recip-rsa+ec-aes256cbc.eml"));
        Assert.Equal(2, envelope.Recipients.Count);
        Assert.Contains("CN=Test RSA CA", envelope.Recipients[0].Issuer);
        Assert.Contains("CN=Test EC CA", envelope.Recipients[1].Issuer);
        Assert.Equal(["1002", "2001"], envelope.Recipients.Select(r => r.SerialNumber));
    }

    [Fact]
    public void Auth_enveloped_data_is_read_without_EnvelopedCms()
    {
        var envelope = CmsEnvelopeReader.Read(Pkcs7Body("smime/authenveloped-rsa-1recip-aes128gcm.eml"));
        Assert.Equal(CmsOids.AuthEnvelopedData, envelope.ContentTypeOid);
        Assert.Equal("aes-128-gcm", envelope.ContentAlgorithm);
        Assert.Single(envelope.Recipients);
    }

    [Fact]
    public void Tampered_detached_signature_is_reported_as_not_verified()
    {
        var report = Analyze.Generated("smime/signed-detached-tampered.eml");
        Assert.False(Assert.Single(report.Signature.Signers).Verified);
        Assert.True(report.Has(FindingCodes.SmimeSignatureInvalid));
    }

    [Fact]
    public void Detached_signature_without_content_is_unchecked_not_invalid()
    {
        var envelope = CmsEnvelopeReader.Read(Pkcs7Body("smime/signed-detached-rsa-sha256.eml"));
        Assert.True(envelope.Detached);
        Assert.Null(Assert.Single(envelope.Signers).Verified);
    }

    [Fact]
    public void Garbage_bytes_come_back_as_a_problem_not_an_exception()
    {
        var envelope = CmsEnvelopeReader.Read(new byte[] { 0x30, 0x80, 0x06, 0x09, 0x2A, 0x86 });
        Assert.NotEmpty(envelope.Problems);
    }

    [Fact]
    public void Indefinite_length_ber_envelope_is_read_like_der()
    {
        // Re-encode the DER ContentInfo's outer SEQUENCE with an indefinite length (0x80 ... 00 00).
        var der = Pkcs7Body("smime/enveloped-rsa-1recip-aes256cbc.eml");
        var headerLength = der[1] < 0x80 ? 2 : 2 + (der[1] & 0x7F);
        byte[] ber = [0x30, 0x80, .. der.AsSpan(headerLength), 0x00, 0x00];
        var envelope = CmsEnvelopeReader.Read(ber);
        Assert.Empty(envelope.Problems);
        Assert.Equal("1002", Assert.Single(envelope.Recipients).SerialNumber);
    }

    [Fact]
    public void Serial_numbers_are_lower_case_hex_without_leading_zeros()
    {
        Assert.Equal("1002", CmsEnvelopeReader.FormatSerial([0x00, 0x10, 0x02]));
        Assert.Equal("abc", CmsEnvelopeReader.FormatSerial([0x0A, 0xBC]));
        Assert.Equal("0", CmsEnvelopeReader.FormatSerial([0x00]));
    }
}
