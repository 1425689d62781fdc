using Portal.Analysis.Layout;
using Portal.Analysis.Report;

namespace Portal.Tests.Analysis;

/// <summary>
/// Formats support desks receive that the analyzer used to misread, on samples made with gpg and openssl
/// (generated/realworld/crypto, see make-realworld.sh and realworld/MANIFEST.tsv).
/// </summary>
public sealed class RealWorldFormatTests
{
    [Fact]
    public void Outlook_gpgol_encrypted_message_is_read_through_its_mime_structure_attachment()
    {
        var report = Analyze.Generated("realworld/crypto/gpgol-encrypted.eml");

        Assert.Equal(EncryptionKinds.Pgp, report.Encryption.Kind);
        Assert.Equal(2, report.Encryption.Recipients.Count);
        Assert.Contains(report.Encryption.Recipients, r => r.KeyId == "6551FBC6E888E36D");
        Assert.Equal(ProtectionLocations.Message, report.Encryption.Location);
        Assert.True(report.Has(FindingCodes.PgpSentByGpgOl));
        Assert.False(report.Has(FindingCodes.NotEndToEndEncrypted));
    }

    [Fact]
    public void Outlook_gpgol_signed_message_names_its_signer()
    {
        var report = Analyze.Generated("realworld/crypto/gpgol-signed.eml");

        Assert.Equal(SignatureKinds.Pgp, report.Signature.Kind);
        var signer = Assert.Single(report.Signature.Signers);
        Assert.Equal("770E39AB9BCD503C1F859DB53EB6EE96E53E51DC", signer.Fingerprint);
        Assert.Equal(ProtectionLocations.Message, signer.Location);
        Assert.True(report.Has(FindingCodes.PgpSentByGpgOl));
    }

    [Theory]
    [InlineData("broken-encrypted-no-data-part", "damaged-no-data-part")]
    [InlineData("broken-signed-no-protocol", "damaged-no-protocol")]
    [InlineData("broken-signed-unknown-type", "damaged-unknown-signature-type")]
    public void Declared_but_broken_protection_is_reported_as_damaged_and_never_as_not_encrypted(string file, string note)
    {
        var report = Analyze.Generated($"realworld/crypto/{file}.eml");

        var damaged = report.Findings.Single(f => f.Code == FindingCodes.ProtectionDamaged.Code);
        Assert.Equal(note, damaged.Evidence[0].NoteKey);
        Assert.False(report.Has(FindingCodes.NotEndToEndEncrypted));
    }

    [Fact]
    public void Smime_part_whose_cms_is_cut_short_is_unreadable_not_unencrypted()
    {
        var report = Analyze.Generated("realworld/crypto/broken-smime-truncated-cms.eml");

        Assert.True(report.Has(FindingCodes.CmsUnreadable));
        Assert.False(report.Has(FindingCodes.NotEndToEndEncrypted));
    }

    [Fact]
    public void Encrypted_message_forwarded_as_an_attachment_is_analyzed_as_the_original()
    {
        var report = Analyze.Generated("realworld/crypto/encrypted-forwarded-as-attachment.eml");

        Assert.Equal(ForwardKinds.Attached, report.Forward?.Kind);
        Assert.Equal(ProtectionLocations.Message, report.Encryption.Location);
        Assert.Equal("1002", report.Encryption.Recipients.Single().SerialNumber);
    }

    [Fact]
    public void Encrypted_message_attached_to_a_letter_that_is_no_forward_is_placed_in_the_attachment()
    {
        var report = Analyze.Generated("forwards/letter-with-files.eml");

        Assert.Null(report.Forward);
        Assert.Equal(ProtectionLocations.Attachment, report.Encryption.Location);
        Assert.True(report.Has(FindingCodes.ProtectionInAttachment));
        Assert.Equal("1002", report.Encryption.Recipients.Single().SerialNumber);
    }

    [Fact]
    public void Encrypted_part_beside_readable_text_is_one_part_of_the_message()
    {
        var report = Analyze.Generated("realworld/crypto/encrypted-part-beside-text.eml");

        Assert.Equal(ProtectionLocations.Part, report.Encryption.Location);
        Assert.True(report.Has(FindingCodes.ProtectionInPart));
    }

    [Fact]
    public void Signature_quoted_in_a_digest_is_a_quotation_and_signs_nothing()
    {
        var report = Analyze.Generated("realworld/crypto/clearsigned-quoted-in-digest.eml");

        Assert.True(report.Has(FindingCodes.ProtectionQuoted));
        Assert.Equal(SignatureKinds.None, report.Signature.Kind);
    }

    [Fact]
    public void A_whole_smime_message_is_placed_in_the_message_itself()
    {
        Assert.Equal(ProtectionLocations.Message, Analyze.Generated("smime/enveloped-rsa-1recip-aes256cbc.eml").Encryption.Location);
        Assert.Equal(ProtectionLocations.Message, Analyze.Generated("pgp/pgpmime-encrypted-1recip-rsa.eml").Encryption.Location);
        Assert.All(Analyze.Generated("smime/signed-detached-rsa-sha256.eml").Signature.Signers, s => Assert.Equal(ProtectionLocations.Message, s.Location));
    }
}
