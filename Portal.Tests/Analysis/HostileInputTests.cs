using Portal.Analysis.Report;
using Portal.Analysis.Transport;

namespace Portal.Tests.Analysis;

/// <summary>
/// Inputs a probe of damaged and unusual real-tool output found misread (generated/hostile, see make-hostile.sh and
/// hostile/MANIFEST.tsv): each test failed before the fix it names.
/// </summary>
public sealed class HostileInputTests
{
    [Fact]
    public void Smime_part_whose_content_type_oid_is_damaged_is_unreadable_cms_not_an_unencrypted_message()
    {
        var report = Analyze.Generated("hostile/smime-content-type-damaged.eml");

        Assert.True(report.Has(FindingCodes.CmsUnreadable));
        Assert.Contains(report.Defects, d => d.Code == "cms-malformed" && d.Detail!.Contains("1.2.841.113549.1.7.3", StringComparison.Ordinal));
        Assert.False(report.Has(FindingCodes.NotEndToEndEncrypted));
    }

    [Fact]
    public void Html_armor_followed_by_a_million_unclosed_tags_is_read_in_linear_time() =>
        Assert.False(AnalyzedPromptly(Support.HostileMessages.HtmlArmorWithUnclosedTags()).Has(FindingCodes.PgpEncrypted));

    [Fact]
    public void Smime_body_of_two_hundred_thousand_pem_begin_lines_is_read_in_linear_time() =>
        Assert.True(AnalyzedPromptly(Support.HostileMessages.SmimePemOfBeginLines()).Has(FindingCodes.CmsUnreadable));

    /// <summary>
    /// The report of a message a quadratic step would hold for half a minute (8–35 s before the fixes). The bound is
    /// generous for a loaded 2-core machine; these take well under a second.
    /// </summary>
    private static AnalysisReport AnalyzedPromptly(byte[] message)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var report = Analyze.Analyzer.Analyze(message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed.TotalSeconds:F1} s");
        return report;
    }

    /// <summary>CMS EncryptedData carries no recipient: the key was agreed outside the message, and it is encrypted all the same.</summary>
    [Fact]
    public void Cms_encrypted_data_is_encrypted_with_a_shared_key_not_an_unencrypted_message()
    {
        var report = Analyze.Generated("hostile/smime-encrypted-data.eml");

        Assert.Equal((EncryptionKinds.Smime, EnvelopeKinds.EncryptedData, "aes-256-cbc"), (report.Encryption.Kind, report.Encryption.Envelope, report.Encryption.ContentAlgorithm));
        Assert.Empty(report.Encryption.Recipients);
        Assert.True(report.Encryption.PasswordProtected);
        Assert.Equal("aes-256-cbc", report.Findings.Single(f => f.Code == FindingCodes.SmimeSharedKey.Code).Args["algorithm"]);
        Assert.False(report.Has(FindingCodes.SmimeEncrypted));
        Assert.False(report.Has(FindingCodes.NotEndToEndEncrypted));
        Assert.Equal(Portal.Analysis.Replies.ReplyKinds.PasswordProtected, Portal.Analysis.Replies.ReplyKinds.Of(report));
    }

    /// <summary>Lines that end in CR alone (classic Mac OS) are lines, not one long From header that hides the encryption.</summary>
    [Fact]
    public void A_message_whose_lines_end_in_cr_alone_is_read_line_by_line()
    {
        var report = Analyze.Generated("hostile/smime-cr-line-endings.eml");

        Assert.Equal("S/MIME enveloped, 1 RSA recipient, AES-256-CBC", report.Subject);
        Assert.Equal("Alice Test <alice@example.test>", report.From);
        Assert.True(report.Has(FindingCodes.SmimeEncrypted));
        Assert.False(report.Has(FindingCodes.NotEndToEndEncrypted));
        Assert.Contains(report.Defects, d => d.Code == Portal.Mime.MimeDefectCodes.BareCrLineEndings);
    }

    /// <summary>A stray CR inside an ordinary CRLF message does not turn every CR into a line end.</summary>
    [Fact]
    public void A_stray_cr_in_an_ordinary_message_leaves_its_lines_as_they_are()
    {
        var parsed = Portal.Mime.MimeParser.Parse("From: a@example.test\r\nSubject: one\rtwo\r\nTo: b@example.test\r\n\r\nbody\r\n"u8.ToArray());

        Assert.False(parsed.HasDefect(Portal.Mime.MimeDefectCodes.BareCrLineEndings));
        Assert.Contains("two", parsed.Root.Headers["Subject"]!.Value, StringComparison.Ordinal);
        Assert.Equal("b@example.test", parsed.Root.Headers["To"]!.Value);
    }

    /// <summary>A display name is typed by the sender: on its own, "[via Relay]" does not make a message Firefox Relay's.</summary>
    [Fact]
    public void A_relay_marker_typed_into_a_display_name_alone_names_no_relay()
    {
        var report = Analyze.Generated("hostile/relay-display-name-only.eml");

        Assert.Null(report.Relay.Service);
        Assert.False(report.Has(FindingCodes.RelayMaskedAddress));
        Assert.False(report.Has(FindingCodes.RelayForwardedCopy));
    }

    [Fact]
    public void Pgp_mime_message_whose_armor_is_cut_short_is_damaged_protection_not_an_unencrypted_message()
    {
        var report = Analyze.Generated("hostile/pgpmime-armor-cut-short.eml");

        var damaged = report.Findings.Single(f => f.Code == FindingCodes.ProtectionDamaged.Code);
        Assert.Equal(EvidenceNotes.DamagedDataUnreadable.Key, damaged.Evidence[0].NoteKey);
        Assert.True(report.Has(FindingCodes.PgpDataDamaged));
        Assert.False(report.Has(FindingCodes.NotEndToEndEncrypted));
    }

    [Fact]
    public void Inline_pgp_in_an_html_only_body_written_one_div_per_line_is_found()
    {
        var report = Analyze.Generated("hostile/pgp-inline-html-only.eml");

        Assert.Equal(EncryptionKinds.Pgp, report.Encryption.Kind);
        Assert.Equal(EnvelopeKinds.PgpInline, report.Encryption.Envelope);
        Assert.Equal("6551FBC6E888E36D", Assert.Single(report.Encryption.Recipients).KeyId);
        Assert.False(report.Has(FindingCodes.NotEndToEndEncrypted));
    }

    [Fact]
    public void Html_reply_quoting_inline_pgp_in_a_blockquote_is_not_itself_encrypted()
    {
        var report = Analyze.Generated("hostile/pgp-html-reply-quoting-armor.eml");

        Assert.Equal(EncryptionKinds.None, report.Encryption.Kind);
        Assert.False(report.Has(FindingCodes.PgpEncrypted));
    }

    [Fact]
    public void Qmail_tls_patch_hop_is_read_as_tls_with_its_cipher()
    {
        var report = Analyze.Generated("hostile/received-qmail-tls.eml");

        var hop = report.Transport.Hops.Single(h => h.By == "mx.recipient.example");
        Assert.Equal((TlsStates.Yes, "DHE-RSA-AES256-GCM-SHA384"), (hop.Tls, hop.Cipher));
        Assert.False(report.Has(FindingCodes.TransportPlaintextHop));
    }

    [Fact]
    public void Qmail_without_tls_stays_a_plaintext_hop()
    {
        var hop = ReceivedHeaderParser.Parse("from unknown (HELO mail.sender.example) (198.51.100.40) by mx.recipient.example with SMTP; 15 Jan 2025 12:00:05 -0000");

        Assert.Equal((TlsStates.No, (string?)null), (hop.Tls, hop.Cipher));
    }

    [Fact]
    public void Smime_part_holding_pem_armored_cms_is_read_as_the_envelope_it_armors()
    {
        var report = Analyze.Generated("hostile/smime-pem-armored.eml");

        Assert.Equal(EncryptionKinds.Smime, report.Encryption.Kind);
        Assert.Equal("1002", Assert.Single(report.Encryption.Recipients).SerialNumber);
        Assert.Equal("aes-256-cbc", report.Encryption.ContentAlgorithm);
        Assert.False(report.Has(FindingCodes.CmsUnreadable));
    }

    [Fact]
    public void Camellia_content_cipher_is_named_not_left_as_an_object_identifier()
    {
        var report = Analyze.Generated("hostile/smime-camellia.eml");

        Assert.Equal("camellia-256-cbc", report.Encryption.ContentAlgorithm);
        Assert.False(report.Has(FindingCodes.SmimeWeakCipher));
    }

    [Fact]
    public void Message_with_parts_below_the_depth_limit_is_not_called_unencrypted()
    {
        var report = Analyze.Generated("hostile/smime-below-depth-limit.eml");

        Assert.Contains(report.Defects, d => d.Code == Portal.Mime.MimeDefectCodes.TooDeep);
        Assert.True(report.Has(FindingCodes.ParseDefects));
        Assert.False(report.Has(FindingCodes.NotEndToEndEncrypted));
    }
}
