using Portal.Analysis;
using Portal.Analysis.Catalogs;
using Portal.Analysis.Portals;
using Portal.Analysis.Relays;
using Portal.Analysis.Report;
using Portal.Mime;
using Portal.Tests.Support;

namespace Portal.Tests.Analysis;

public sealed class RelayTests
{
    private static readonly RelayCatalog Shipped = new ShippedAnalysisCatalogs().Relays;

    [Fact]
    public void Real_firefox_relay_forwarded_output_is_recognized()
    {
        Assert.True(Corpus.PublicDirectory is not null, Corpus.PublicMissing);
        // Relay's forwarded output marks the sender "[via Relay]"; its reply and notice outputs in this set use
        // the test suite's placeholder domains (test.com, relay.example.com) and carry no Relay evidence.
        var expected = Directory.GetFiles(Path.Combine(Corpus.PublicDirectory!, "firefox-relay"), "*_expected.eml")
            .Where(f => File.ReadLines(f).Any(l => l.StartsWith("From:", StringComparison.OrdinalIgnoreCase) && l.Contains("[via Relay]", StringComparison.Ordinal)))
            .ToList();
        Assert.True(expected.Count >= 5, $"{expected.Count} forwarded samples");
        foreach (var file in expected)
        {
            var report = Analyze.File(file);
            Assert.True(report.Relay.Service == "firefox-relay", $"{Path.GetFileName(file)}: {report.Relay.Service}");
        }
    }

    [Fact]
    public void Firefox_relay_reply_to_is_flagged_as_a_relay_token_and_threading_warning_is_given()
    {
        var report = Analyze.Generated("relay/firefox-relay.eml");
        Assert.True(report.Relay.TokenizedReplyTo);
        Assert.True(report.Has(FindingCodes.RelayThreadingStripped));
        Assert.Contains(report.Relay.Evidence, e => e.Header == "From");
    }

    [Fact]
    public void Public_simplelogin_and_addy_inbound_samples_do_not_crash_and_name_only_known_services()
    {
        Assert.True(Corpus.PublicDirectory is not null, Corpus.PublicMissing);
        foreach (var dir in new[] { "simplelogin", "addy" })
        foreach (var file in Directory.GetFiles(Path.Combine(Corpus.PublicDirectory!, dir)))
        {
            var service = Analyze.File(file).Relay.Service;
            Assert.True(service is null || Shipped.Services.Any(s => s.Id == service), $"{file}: {service}");
        }
    }

    [Fact]
    public void Ordinary_message_with_a_human_reply_to_is_not_tokenized()
    {
        var verdict = TokenizedAddressHeuristic.Judge(Mailbox("Sales", "sales@partner.example"), Mailbox(null, "news@shop.example"), Shipped);
        Assert.False(verdict.Tokenized);
    }

    [Fact]
    public void High_entropy_reply_to_at_another_domain_is_tokenized()
    {
        var verdict = TokenizedAddressHeuristic.Judge(Mailbox(null, "r-7f3k9q2x8z1m4b6n@tickets.example"), Mailbox(null, "help@shop.example"), Shipped);
        Assert.True(verdict.Tokenized);
    }

    [Fact]
    public void Admin_added_relay_domain_is_used_on_the_next_analysis_without_a_new_analyzer()
    {
        var catalogs = new SwappableCatalogs(Shipped);
        var analyzer = new EmailAnalyzer(catalogs);
        var message = "From: Shop <news@shop.example>\r\nTo: me@alias.corp.example\r\nSubject: hi\r\nMessage-ID: <a@b>\r\n\r\nbody\r\n"u8.ToArray();
        Assert.Null(analyzer.Analyze(message).Relay.Service);

        catalogs.Relays = Shipped.With([new RelayService("corp-alias", "Corp alias service",
            [new RelaySignal("domain", "alias.corp.example", EvidenceStrength.Strong, ["To"])])]);
        Assert.Equal("corp-alias", analyzer.Analyze(message).Relay.Service);
    }

    private static MailboxAddress Mailbox(string? displayName, string address) =>
        AddressParser.Parse(displayName is null ? address : $"{displayName} <{address}>").Single();

    private sealed class SwappableCatalogs(RelayCatalog relays) : IAnalysisCatalogs
    {
        public RelayCatalog Relays { get; set; } = relays;
        public VendorCatalog Vendors { get; } = new ShippedAnalysisCatalogs().Vendors;
    }
}
