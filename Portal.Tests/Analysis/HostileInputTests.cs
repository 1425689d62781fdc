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

    [Fact]
    public void Exchange_on_premises_tls_comment_makes_a_tls_hop_not_a_plaintext_one()
    {
        var report = Analyze.Generated("hostile/received-exchange-onprem-tls.eml");

        var exchangeHops = report.Transport.Hops.Where(h => h.With == "Microsoft SMTP Server").ToList();
        Assert.Equal(2, exchangeHops.Count);
        Assert.All(exchangeHops, h => Assert.Equal((TlsStates.Yes, (string?)null, (string?)null), (h.Tls, h.TlsVersion, h.Cipher)));
        Assert.False(report.Has(FindingCodes.TransportPlaintextHop));
        Assert.False(report.Has(FindingCodes.TransportInternalPlaintextHop));
    }

    [Fact]
    public void Courier_tls_comment_gives_tls_with_its_cipher_even_after_a_plain_protocol_word()
    {
        var report = Analyze.Generated("hostile/received-courier-tls.eml");

        var gateway = report.Transport.Hops.Single(h => h.By == "smarthost.recipient.example");
        Assert.Equal((TlsStates.Yes, "TLSv1/SSLv3", "ECDHE-RSA-AES256-GCM-SHA384"), (gateway.Tls, gateway.TlsVersion, gateway.Cipher));
        var submission = report.Transport.Hops.Single(h => h.Protocol == "ESMTPSA");
        Assert.Equal("ECDHE-RSA-AES256-GCM-SHA384", submission.Cipher);
        Assert.False(report.Has(FindingCodes.TransportPlaintextHop));
    }

    [Fact]
    public void Smtps_words_of_gmail_zoho_opensmtpd_and_exim_mean_tls()
    {
        var gmail = Analyze.Generated("hostile/received-gmail-smtps.eml").Transport.Hops.Single(h => h.By == "mx.google.com");
        var zoho = Assert.Single(Analyze.Generated("hostile/received-zoho-smtps.eml").Transport.Hops);
        var exim = Analyze.Generated("hostile/received-exim-notations.eml").Transport.Hops.Single(h => h.From == "[203.0.113.8]");

        Assert.Equal(("SMTPS", TlsStates.Yes), (gmail.Protocol, gmail.Tls));
        Assert.Equal(("SMTPS", TlsStates.Yes), (zoho.Protocol, zoho.Tls));
        Assert.Equal(("ESSMTPA", TlsStates.Yes), (exim.Protocol, exim.Tls));
    }

    [Fact]
    public void Opensmtpd_tls_comment_with_its_verify_field_gives_version_and_cipher()
    {
        var hops = Analyze.Generated("hostile/received-opensmtpd-tls.eml").Transport.Hops;

        Assert.Equal(("TLSv1.3", "TLS_AES_256_GCM_SHA384"), (hops[0].TlsVersion, hops[0].Cipher));
        Assert.Equal((TlsStates.Yes, "TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384"), (hops[1].Tls, hops[1].TlsVersion, hops[1].Cipher));
        Assert.Equal("TLS 1.3", hops[2].TlsVersionName);
    }

    [Fact]
    public void Webmail_with_http_says_nothing_about_tls_and_is_no_plaintext_hop()
    {
        var report = Analyze.Generated("hostile/received-webmail-http.eml");

        var webmail = report.Transport.Hops.Where(h => h.Protocol == "HTTP").ToList();
        Assert.Equal(3, webmail.Count);
        Assert.All(webmail, h => Assert.Equal(TlsStates.Unknown, h.Tls));
        Assert.False(report.Has(FindingCodes.TransportPlaintextHop));
    }

    [Fact]
    public void Smtpsvc_over_tls_secured_channel_is_tls_without_a_cipher_read_from_its_words()
    {
        var report = Analyze.Generated("hostile/received-smtpsvc-tls.eml");

        Assert.Equal((TlsStates.Yes, (string?)null), (report.Transport.Hops[0].Tls, report.Transport.Hops[0].Cipher));
        Assert.Equal("COL004-MC6F2.hotmail.example", report.Transport.Hops[0].By);
        // Without the phrase SMTPSVC's hop was plain: that one stays reported.
        Assert.Equal(TlsStates.No, report.Transport.Hops[1].Tls);
        Assert.True(report.Has(FindingCodes.TransportPlaintextHop));
    }

    [Fact]
    public void Exchange_online_results_without_authserv_id_are_its_own_when_it_delivered()
    {
        var report = Analyze.Generated("hostile/auth-results-exchange-online.eml");

        var own = report.Authentication.Results.Where(r => r.Source == "authentication-results").ToList();
        Assert.Contains(own, r => r is { Method: "compauth", Result: "fail" });
        Assert.All(own, r => Assert.True(r.Trusted));
        Assert.All(report.Authentication.Results.Where(r => r.Source == "arc-authentication-results"), r => Assert.True(r.Trusted));
        Assert.Equal("dmarc", report.Findings.Single(f => f.Code == FindingCodes.AuthCheckFailed.Code).Args["methods"]);
        Assert.False(report.Has(FindingCodes.AuthResultsForeign));
    }

    [Fact]
    public void Results_without_authserv_id_stay_foreign_where_exchange_online_did_not_deliver_or_one_is_already_read()
    {
        var elsewhere = Analyze.Analyzer.Analyze(("Authentication-Results: spf=fail (sender IP is 198.51.100.28) smtp.mailfrom=sender.example;dmarc=fail action=none header.from=sender.example\r\n"
            + "Received: from mail.sender.example (mail.sender.example [198.51.100.28]) by mx.recipient.example (Postfix) with ESMTPS id 1A2B; Wed, 15 Jan 2025 12:00:07 +0000\r\n"
            + "From: a@sender.example\r\nSubject: x\r\n\r\nbody\r\n").Select(c => (byte)c).ToArray());
        var twice = Analyze.Analyzer.Analyze(("Authentication-Results: spf=pass (sender IP is 198.51.100.28) smtp.mailfrom=sender.example\r\n"
            + "Authentication-Results: dmarc=fail action=none header.from=sender.example\r\n"
            + "Received: from mail.sender.example (198.51.100.28) by AMS0EPF000001A1.mail.protection.outlook.com (10.167.16.65) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8356.10 via Frontend Transport; Wed, 15 Jan 2025 12:00:07 +0000\r\n"
            + "From: a@sender.example\r\nSubject: x\r\n\r\nbody\r\n").Select(c => (byte)c).ToArray());

        Assert.All(elsewhere.Authentication.Results, r => Assert.False(r.Trusted));
        Assert.False(elsewhere.Has(FindingCodes.AuthCheckFailed));
        Assert.True(twice.Authentication.Results.Single(r => r.Method == "spf").Trusted);
        Assert.False(twice.Authentication.Results.Single(r => r.Method == "dmarc").Trusted);
    }

    [Fact]
    public void Gmail_and_opendkim_result_notations_are_read_method_by_method()
    {
        var results = Analyze.Generated("hostile/auth-results-google.eml").Authentication.Results;

        Assert.Equal(["dkim", "arc", "spf", "dmarc", "dkim", "auth"], results.Select(r => r.Method));
        Assert.All(results, r => Assert.Equal(("pass", "mx.google.com", (bool?)true), (r.Result, r.WrittenBy, r.Trusted)));
        Assert.StartsWith("header.d=sender.example", results[4].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_are_read_by_rfc_8601_grammar_with_method_versions_and_quoted_semicolons()
    {
        var results = Analyze.Generated("hostile/auth-results-rfc8601.eml").Authentication.Results;

        Assert.Contains(results, r => r is { Method: "dkim", Result: "fail", Detail: "header.d=sender.example header.s=sel1" });
        var quoted = results.Single(r => r.Detail?.StartsWith("reason=", StringComparison.Ordinal) == true);
        Assert.Equal("reason=\"bad signature; body hash mismatch\" header.d=sender.example", quoted.Detail);
        Assert.Equal(["dkim", "dkim", "spf", "dmarc"], results.Select(r => r.Method));
        Assert.All(results, r => Assert.Equal("mx.recipient.example", r.WrittenBy));
    }

    [Fact]
    public void Exim_utf8_protocol_word_and_labelled_cipher_comment_are_read_as_tls()
    {
        var hop = Analyze.Generated("hostile/received-exim-notations.eml").Transport.Hops[^1];

        Assert.Equal(("UTF8ESMTPSA", TlsStates.Yes, "TLS1.3"), (hop.Protocol, hop.Tls, hop.TlsVersion));
        Assert.Equal("ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM", hop.Cipher);
        var rfc6531 = ReceivedHeaderParser.Parse("from a.example (a.example [198.51.100.61]) by b.example with UTF8SMTPA id 7A1C; Wed, 15 Jan 2025 12:00:09 +0000");
        Assert.Equal(("UTF8SMTPA", TlsStates.No), (rfc6531.Protocol, rfc6531.Tls));
    }

    [Fact]
    public void Postini_using_tlsv1_without_a_with_clause_is_a_weak_tls_hop()
    {
        var report = Analyze.Generated("hostile/received-postini-tls.eml");

        var hop = Assert.Single(report.Transport.Hops);
        Assert.Equal((TlsStates.Yes, "TLS 1.0"), (hop.Tls, hop.TlsVersionName));
        Assert.True(report.Has(FindingCodes.TransportWeakTls));
    }

    [Fact]
    public void Courier_queue_id_after_the_date_is_the_hops_id_and_the_date_still_reads()
    {
        var hop = Analyze.Generated("hostile/received-courier-tls.eml").Transport.Hops[1];

        Assert.Equal("0000000000142524.000000005DA3BA77.00005B54", hop.Id);
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 12, 0, 7, TimeSpan.Zero), hop.Date);
    }

    [Fact]
    public void Received_comment_of_fifty_thousand_tls_labels_is_read_in_linear_time() =>
        Assert.Single(AnalyzedPromptly(Support.HostileMessages.ReceivedWithRepeatedTlsLabels()).Transport.Hops);

    [Fact]
    public void A_client_behind_nat_greeting_with_a_private_literal_is_judged_by_the_address_the_server_saw()
    {
        var report = Analyze.Generated("hostile/received-nat-helo.eml");

        Assert.Equal(["203.0.113.20", "203.0.113.21", "203.0.113.22"], report.Transport.Hops.Select(h => h.FromAddress));
        Assert.All(report.Transport.Hops, h => Assert.False(h.Internal));
        Assert.Equal("3", report.Findings.Single(f => f.Code == FindingCodes.TransportPlaintextHop.Code).Args["count"]);
        Assert.False(report.Has(FindingCodes.TransportInternalPlaintextHop));
    }

    [Fact]
    public void Policyd_spf_hidden_receiver_placeholder_names_no_system()
    {
        var report = Analyze.Generated("hostile/auth-received-spf-policyd.eml");

        var spf = Assert.Single(report.Authentication.Results);
        Assert.Equal(("spf", "pass", (string?)null), (spf.Method, spf.Result, spf.WrittenBy));
        Assert.DoesNotContain("UNKNOWN", report.Findings.Single(f => f.Code == FindingCodes.AuthResultsForeign.Code).Args["systems"], StringComparison.OrdinalIgnoreCase);
    }
    /// <summary>windows-31j is the IANA name of cp932 (Java mail writes it); it was an unknown charset, the word shown raw.</summary>
    [Fact]
    public void Subject_in_windows_31j_with_NEC_and_IBM_extension_characters_is_read_as_cp932()
    {
        var report = Analyze.Generated("hostile/charset-east-asian-legacy.eml");

        Assert.Equal("报告€𠀀 | 报告书 | 報告書 | 보고서 | 報告書 | ①Ⅸ№㈱髙﨑ⅰ", report.Subject);
        Assert.DoesNotContain(report.Defects, d => d.Code == Portal.Mime.MimeDefectCodes.UnknownCharset);
    }

    /// <summary>.NET has no ISO-8859-10, -14 or -16; their words were shown raw (and bodies as Latin-1).</summary>
    [Fact]
    public void Subject_words_in_iso_8859_10_14_and_16_are_decoded()
    {
        var report = Analyze.Generated("hostile/charset-iso8859-family.eml");

        Assert.Equal("Łódź / Отчет / Αναφορά / İstanbul / Þórshöfn ŋ / Ķekava / Ŵrecsam ẁ / Œuvre € / Raport științific", report.Subject);
    }

    /// <summary>A UTF-16 body with a big-endian byte-order mark was read little-endian: CJK-looking mojibake.</summary>
    [Fact]
    public void Utf16_body_with_a_big_endian_byte_order_mark_is_read_big_endian()
    {
        var message = Portal.Mime.MimeParser.Parse(File.ReadAllBytes(Portal.Tests.Support.Corpus.Generated("hostile/charset-utf16-body-bom-be.eml")));

        Assert.Equal("Grüße, 世界\n", message.Root.DecodeText());
    }
    /// <summary>
    /// Raw 8-bit headers in the body's charset (no encoded words), as old Russian and Japanese mailers sent them, were
    /// read as Latin-1 ("Îò÷¸ò"); Thunderbird reads them in the message's declared charset, and so do we now.
    /// Raw 7-bit ISO-2022-JP was shown with its escape sequences; it is recognised by them, whatever the body declares.
    /// </summary>
    [Theory]
    [InlineData("hostile/charset-raw-legacy-headers.eml", "Отчёт за квартал", "Иван Петров <ivan@sender.example>")]
    [InlineData("hostile/charset-raw-legacy-sjis-headers.eml", "会議の議事録", "Alice Sender <alice@sender.example>")]
    [InlineData("hostile/charset-raw-iso2022jp-headers.eml", "会議の件について (2)", "\"山田 太郎\" <taro@sender.example>")]
    public void Raw_legacy_header_bytes_are_read_in_the_charset_the_message_declares(string file, string subject, string from)
    {
        var report = Analyze.Generated(file);

        Assert.Equal((subject, from), (report.Subject, report.From));
    }
}
