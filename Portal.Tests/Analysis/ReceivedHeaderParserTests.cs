using Portal.Analysis.Transport;

namespace Portal.Tests.Analysis;

public sealed class ReceivedHeaderParserTests
{
    [Fact]
    public void Exim_gnutls_notation_gives_version_and_cipher()
    {
        var hop = ReceivedHeaderParser.Parse("from mx.a.example ([192.0.2.30]) by mail.a.example with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.97) (envelope-from <x@a.example>) id 1tY3bC-0004Zx-2k for bob@a.example; Wed, 15 Jan 2025 12:00:09 +0000");
        Assert.Equal(("yes", "TLS1.3", "TLS_AES_256_GCM_SHA384"), (hop.Tls, hop.TlsVersion, hop.Cipher));
        Assert.Equal("ESMTPS", hop.Protocol);
        Assert.Equal("1tY3bC-0004Zx-2k", hop.Id);
    }

    [Fact]
    public void Exim_openssl_notation_gives_version_and_cipher()
    {
        var hop = ReceivedHeaderParser.Parse("from smtp.s.example ([198.51.100.21] helo=smtp.s.example) by mx.r.example with esmtps (TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256) (Exim 4.96) id 1tY3bB-0002Qm-1a; Wed, 15 Jan 2025 12:00:07 +0000");
        Assert.Equal(("yes", "TLS1.2", "ECDHE-RSA-AES256-GCM-SHA384"), (hop.Tls, hop.TlsVersion, hop.Cipher));
    }

    [Fact]
    public void Sendmail_version_and_weak_cipher_are_read()
    {
        var hop = ReceivedHeaderParser.Parse("from old.l.example (old.l.example [10.1.2.3]) by gw.l.example (8.14.4/8.14.4) with ESMTP id 50FC08 (version=TLSv1/SSLv3 cipher=DES-CBC3-SHA bits=168 verify=NO) for <bob@l.example>; Wed, 15 Jan 2025 12:00:07 GMT");
        Assert.Equal(("yes", "TLSv1/SSLv3", "DES-CBC3-SHA"), (hop.Tls, hop.TlsVersion, hop.Cipher));
        Assert.True(TransportDetector.IsWeak(TlsNames.Describe(hop.TlsVersion, hop.Cipher), hop.Cipher));
    }

    [Fact]
    public void Microsoft_hop_reads_version_cipher_and_via()
    {
        var hop = ReceivedHeaderParser.Parse("from mail.s.example (198.51.100.40) by X.mail.protection.outlook.com (10.167.16.65) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8356.10 via Frontend Transport; Wed, 15 Jan 2025 12:00:07 +0000");
        Assert.Equal(("yes", "TLS1_3", "TLS_AES_256_GCM_SHA384"), (hop.Tls, hop.TlsVersion, hop.Cipher));
        Assert.Equal("Frontend Transport", hop.Via);
        Assert.Equal("Microsoft SMTP Server", hop.With);
    }

    [Fact]
    public void Plain_esmtp_between_hosts_is_no_tls_and_google_internal_hop_is_unknown()
    {
        Assert.Equal("no", ReceivedHeaderParser.Parse("from a.example (a.example [198.51.100.60]) by b.example (Postfix) with ESMTP id 7A1B; Wed, 15 Jan 2025 12:00:09 +0000 (UTC)").Tls);
        var google = ReceivedHeaderParser.Parse("by 2002:a05:6a10:b1c3:b0:5a2:8f3e:1d2b with SMTP id t3csp1234567pxc; Wed, 15 Jan 2025 04:00:09 -0800 (PST)");
        Assert.Equal("unknown", google.Tls);
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 12, 0, 9, TimeSpan.Zero), google.Date);
    }

    [Fact]
    public void Sendmail_local_submission_takes_the_sender_from_the_comment()
    {
        var hop = ReceivedHeaderParser.Parse("(from alice@localhost) by oldhost.l.example (8.14.4/8.14.4/Submit) id 50FC07aa009875; Wed, 15 Jan 2025 12:00:06 GMT");
        Assert.Equal("alice@localhost", hop.From);
        Assert.True(hop.Local);
        Assert.Equal("unknown", hop.Tls);
    }

    [Fact]
    public void Garbage_does_not_throw()
    {
        foreach (var value in new[] { "", ";", "(((", "from", "by ; ;", "with (version=", "from x (y by z; 99 Foo 2025 25:61" })
            Assert.NotNull(ReceivedHeaderParser.Parse(value));
    }
}
