using Portal.Analysis.Report;
using Portal.Analysis.Transport;

namespace Portal.Tests.Analysis;

public sealed class TlsNamesTests
{
    [Theory]
    [InlineData("TLSv1.2", "TLS 1.2")]
    [InlineData("TLS1_2", "TLS 1.2")]
    [InlineData("TLS1.3", "TLS 1.3")]
    [InlineData("TLSv1", "TLS 1.0")]
    [InlineData("SSLv3", "SSL 3.0")]
    [InlineData("TLSv1/SSLv3", null)]
    public void Versions_are_written_one_way_and_a_cipher_family_is_no_version(string raw, string? expected) =>
        Assert.Equal(expected, TlsNames.Normalize(raw));

    [Fact]
    public void Sendmails_cipher_family_with_a_tls12_only_cipher_is_not_weak_tls()
    {
        var report = Analyze.Generated("realworld/transport/tls-family-and-exchange-names.eml");

        var sendmail = report.Transport.Hops[0];
        Assert.Equal("TLSv1/SSLv3", sendmail.TlsVersion);
        Assert.Equal("TLS 1.2", sendmail.TlsVersionName);
        Assert.True(sendmail.TlsVersionInferred);
        var exchange = report.Transport.Hops[1];
        Assert.Equal(("TLS 1.2", false), (exchange.TlsVersionName, exchange.TlsVersionInferred));
        Assert.Equal("198.51.100.40", exchange.FromAddress);
        Assert.False(report.Has(FindingCodes.TransportWeakTls));
    }

    [Fact]
    public void Sendmails_cipher_family_with_3des_stays_weak()
    {
        var report = Analyze.Generated("received/sendmail-weak-tls.eml");

        Assert.True(report.Has(FindingCodes.TransportWeakTls));
        Assert.Null(report.Transport.Hops[1].TlsVersionName);
    }

    [Fact]
    public void Hops_between_private_addresses_without_tls_are_internal_not_an_internet_exposure()
    {
        var report = Analyze.Generated("realworld/transport/private-hops-inside-sender.eml");

        Assert.False(report.Has(FindingCodes.TransportPlaintextHop));
        var internalHops = report.Findings.Single(f => f.Code == FindingCodes.TransportInternalPlaintextHop.Code);
        Assert.Equal(Severity.Info, internalHops.Severity);
        Assert.Equal("2", internalHops.Args["count"]);
        Assert.Equal(["10.20.30.40", "fd12:3456:789a::25"], report.Transport.Hops.Where(h => h.Internal).Select(h => h.FromAddress));
    }

    [Fact]
    public void A_public_plaintext_hop_is_still_a_warning()
    {
        var report = Analyze.Generated("received/one-plaintext-hop.eml");

        Assert.True(report.Has(FindingCodes.TransportPlaintextHop));
        Assert.False(report.Has(FindingCodes.TransportInternalPlaintextHop));
    }
}
