using Portal.Analysis.Layout;
using Portal.Analysis.Report;

namespace Portal.Tests.Analysis;

/// <summary>
/// Forwards as agents make them (forwards/, made by make-forwards.sh around real openssl and gpg messages): an attached
/// original is the message analyzed, a pasted one is said to be lost, and what carries a message for another reason is
/// left as it is.
/// </summary>
public sealed class ForwardTests
{
    [Theory]
    [InlineData("forwards/attached-thunderbird-smime.eml", "2")]
    [InlineData("forwards/attached-outlook-smime.eml", "2")]
    [InlineData("forwards/attached-outlook-base64-smime.eml", "2")]
    public void Smime_message_forwarded_as_an_attachment_is_analyzed_as_the_original(string file, string partPath)
    {
        var forwarded = Analyze.Generated(file);
        var original = Analyze.Generated("smime/enveloped-rsa-1recip-aes256cbc.eml");

        Assert.Equal(ForwardKinds.Attached, forwarded.Forward?.Kind);
        Assert.Equal("Dana Support <dana@helpdesk.example>", forwarded.Forward!.ForwardedBy);
        Assert.Equal(partPath, forwarded.Forward.PartPath);
        Assert.Equal(original.Subject, forwarded.Subject);
        Assert.Equal(original.From, forwarded.From);
        Assert.Equal(EncryptionKinds.Smime, forwarded.Encryption.Kind);
        Assert.Equal(ProtectionLocations.Message, forwarded.Encryption.Location);
        Assert.Equal(original.Encryption.Recipients.Select(r => (r.Issuer, r.SerialNumber)), forwarded.Encryption.Recipients.Select(r => (r.Issuer, r.SerialNumber)));
        Assert.False(forwarded.Has(FindingCodes.ProtectionInAttachment));
        Assert.True(forwarded.Has(FindingCodes.ForwardedAsAttachment));
        Assert.Equal(original.Findings.Where(f => f.Severity == Severity.Blocker).Select(f => f.Code),
            forwarded.Findings.Where(f => f.Severity == Severity.Blocker).Select(f => f.Code));
    }

    [Fact]
    public void A_forward_of_a_forward_is_unwrapped_down_to_the_original()
    {
        var report = Analyze.Generated("forwards/attached-outlook-of-thunderbird-forward.eml");
        var original = Analyze.Generated("smime/enveloped-rsa-1recip-aes256cbc.eml");

        Assert.Equal(2, report.Forward?.Levels);
        Assert.StartsWith("FW: Fwd: ", report.Forward!.Subject);
        Assert.Equal(original.Subject, report.Subject);
        Assert.Equal(EncryptionKinds.Smime, report.Encryption.Kind);
        Assert.Equal(ProtectionLocations.Message, report.Encryption.Location);
        Assert.Equal(original.Encryption.Recipients.Select(r => (r.Issuer, r.SerialNumber)), report.Encryption.Recipients.Select(r => (r.Issuer, r.SerialNumber)));
        Assert.False(report.Has(FindingCodes.ProtectionInAttachment));
        Assert.Equal(1, Analyze.Generated("forwards/attached-thunderbird-smime.eml").Forward!.Levels);
    }

    [Fact]
    public void Gmail_forward_as_attachment_without_subject_or_text_is_still_a_forward()
    {
        var report = Analyze.Generated("forwards/attached-gmail-pgp.eml");

        Assert.Equal(ForwardKinds.Attached, report.Forward?.Kind);
        Assert.Equal(EncryptionKinds.Pgp, report.Encryption.Kind);
        Assert.Equal("6551FBC6E888E36D", report.Encryption.Recipients.Single().KeyId);
        Assert.Equal("PGP/MIME encrypted to 1 RSA key.eml", report.Forward!.FileName);
    }

    [Fact]
    public void Forwarded_signed_message_keeps_a_signature_that_verifies()
    {
        var report = Analyze.Generated("forwards/attached-apple-mail-signed.eml");

        Assert.Equal(ForwardKinds.Attached, report.Forward?.Kind);
        Assert.True(report.Signature.Signers.Single().Verified);
        Assert.Equal(ProtectionLocations.Message, report.Signature.Signers.Single().Location);
    }

    [Theory]
    [InlineData("forwards/inline-gmail.eml", "gmail", "Date")]
    [InlineData("forwards/inline-gmail-ja.eml", "gmail", "Date")]
    [InlineData("forwards/inline-thunderbird.eml", "thunderbird", "Date")]
    [InlineData("forwards/inline-apple-mail.eml", "apple-mail", "Date")]
    [InlineData("forwards/inline-outlook.eml", "outlook", "Sent")]
    [InlineData("forwards/inline-outlook-de.eml", "outlook", "Gesendet")]
    public void Inline_forward_says_the_originals_headers_were_lost(string file, string client, string _)
    {
        var report = Analyze.Generated(file);

        Assert.Equal(ForwardKinds.Inline, report.Forward?.Kind);
        Assert.Equal(client, report.Forward!.Client);
        Assert.Equal("Alice Test <alice@example.test>", report.Forward.Original?.From);
        Assert.Equal("S/MIME", report.Forward.Original!.Subject![..6]);
        Assert.True(report.Has(FindingCodes.ForwardedInline));
        // What is analyzed is the forward itself: the pasted text carries no signature.
        Assert.Equal(SignatureKinds.None, report.Signature.Kind);
    }

    [Fact]
    public void Outlook_reply_quoting_the_original_is_not_a_forward()
    {
        var report = Analyze.Generated("forwards/reply-outlook.eml");

        Assert.Null(report.Forward);
        Assert.False(report.Has(FindingCodes.ForwardedInline));
    }

    [Theory]
    [InlineData("forwards/dsn-returning-smime.eml")]
    [InlineData("forwards/digest-with-smime.eml")]
    [InlineData("forwards/letter-with-files.eml")]
    public void Message_that_carries_a_message_for_another_reason_is_not_re_rooted(string file)
    {
        var report = Analyze.Generated(file);

        Assert.Null(report.Forward);
        Assert.Equal(ProtectionLocations.Attachment, report.Encryption.Location);
        Assert.True(report.Has(FindingCodes.ProtectionInAttachment));
    }

    [Theory]
    [InlineData("flanker/mailbox-full.eml")]
    [InlineData("flanker/no-mx.eml")]
    [InlineData("flanker/office365.eml")]
    [InlineData("mailparser/delivery-status.eml")]
    [InlineData("postal-mime/bounce.eml")]
    [InlineData("postal-mime/arf.eml")]
    [InlineData("mimekit/feedback-report.eml")]
    public void Public_bounces_and_abuse_reports_are_not_re_rooted(string file)
    {
        Assert.True(Support.Corpus.PublicDirectory is not null, Support.Corpus.PublicMissing);
        var report = Analyze.File(Path.Combine(Support.Corpus.PublicDirectory!, file));

        Assert.Null(report.Forward);
    }
}
