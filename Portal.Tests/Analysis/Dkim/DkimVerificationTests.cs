using Portal.Analysis;
using Portal.Analysis.Catalogs;
using Portal.Analysis.Dkim;
using Portal.Analysis.Report;

namespace Portal.Tests.Analysis.Dkim;

/// <summary>
/// DKIM and ARC against keys served by a real DNS server on loopback. The messages were signed with dkimpy
/// (TestData/dkim/make.py) with the keys committed beside them.
/// </summary>
public sealed class DkimVerificationTests(LocalDnsServer dns) : IClassFixture<LocalDnsServer>
{
    private static readonly ShippedAnalysisCatalogs Catalogs = new();

    private AnalysisReport Analyze(string file, string? server = null, int timeoutMilliseconds = 2000, int maxHeaderBytes = 256 * 1024)
    {
        var analyzer = new EmailAnalyzer(Catalogs, new DkimOptions
        {
            Mode = DkimMode.Dns,
            DnsServer = server ?? dns.Address,
            TimeoutMilliseconds = timeoutMilliseconds,
            MaxHeaderBytes = maxHeaderBytes,
        });
        return analyzer.Analyze(File.ReadAllBytes(Path.Combine(LocalDnsServer.Directory, file)));
    }

    [Theory]
    [InlineData("pass-rsa-sha256.eml", "rsa2026", "rsa-sha256")]
    [InlineData("pass-ed25519-sha256.eml", "ed2026", "ed25519-sha256")]
    public void Signature_by_the_sending_domain_verifies_against_its_published_key(string file, string selector, string algorithm)
    {
        var report = Analyze(file);

        Assert.Equal(VerificationStatuses.Checked, report.Dkim.Status);
        var signature = Assert.Single(report.Dkim.Signatures);
        Assert.Equal(("example.test", selector, algorithm, "relaxed/relaxed"), (signature.Domain, signature.Selector, signature.Algorithm, signature.Canonicalization));
        Assert.Null(signature.BodyLengthLimit);
        Assert.Contains("subject", signature.SignedHeaders);
        Assert.True(signature.Verified);
        Assert.Null(signature.Failure);
        Assert.True(report.Has(FindingCodes.DkimVerified));
        Assert.False(report.Has(FindingCodes.DkimFailed));
    }

    [Theory]
    [InlineData("body-changed.eml", DkimFailures.BodyChanged)]
    [InlineData("header-changed.eml", DkimFailures.HeaderChanged)]
    public void A_change_after_signing_is_named_body_or_header(string file, string failure)
    {
        var report = Analyze(file);

        var signature = Assert.Single(report.Dkim.Signatures);
        Assert.False(signature.Verified);
        Assert.Equal(failure, signature.Failure);
        var finding = Assert.Single(report.Findings, f => f.Code == FindingCodes.DkimFailed.Code);
        Assert.Equal("dkim-" + failure, Assert.Single(finding.Evidence).NoteKey);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Theory]
    [InlineData("key-missing.eml", DkimFailures.KeyMissing)]
    [InlineData("key-revoked.eml", DkimFailures.KeyRevoked)]
    public void A_missing_or_revoked_key_is_reported_as_unavailable_not_as_forgery(string file, string failure)
    {
        var report = Analyze(file);

        var signature = Assert.Single(report.Dkim.Signatures);
        Assert.False(signature.Verified);
        Assert.Equal(failure, signature.Failure);
        Assert.True(report.Has(FindingCodes.DkimKeyUnavailable));
        Assert.False(report.Has(FindingCodes.DkimFailed));
        // The text says why a signature valid on delivery can fail today.
        var finding = report.Findings.Single(f => f.Code == FindingCodes.DkimKeyUnavailable.Code);
        Assert.Contains("rotate", FindingTexts.Explanation(finding, System.Globalization.CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void A_resolver_that_never_answers_is_a_dns_failure_within_the_timeout()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var report = Analyze("pass-rsa-sha256.eml", server: dns.SilentAddress, timeoutMilliseconds: 300);

        Assert.Equal(DkimFailures.DnsFailure, Assert.Single(report.Dkim.Signatures).Failure);
        Assert.True(report.Has(FindingCodes.DkimKeyUnavailable));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Content_appended_beyond_the_body_length_limit_still_verifies_and_is_flagged()
    {
        var report = Analyze("body-length-appended.eml");

        var signature = Assert.Single(report.Dkim.Signatures);
        Assert.True(signature.Verified);
        Assert.NotNull(signature.BodyLengthLimit);
        Assert.True(signature.UnsignedBodyBytes > 50, $"unsigned {signature.UnsignedBodyBytes}");
        var finding = Assert.Single(report.Findings, f => f.Code == FindingCodes.DkimBodyLength.Code);
        Assert.Equal(EvidenceNotes.DkimUnsignedContent.Key, Assert.Single(finding.Evidence).NoteKey);
    }

    [Fact]
    public void A_valid_ARC_seal_from_the_forwarding_relay_explains_the_broken_original_signature()
    {
        var report = Analyze("arc-forwarded-dkim-broken.eml");

        var signature = Assert.Single(report.Dkim.Signatures);
        Assert.Equal(DkimFailures.BodyChanged, signature.Failure);
        Assert.Equal(VerificationStatuses.Checked, report.Arc.Status);
        Assert.Equal("pass", report.Arc.Chain);
        var hop = Assert.Single(report.Arc.Hops);
        Assert.Equal((1, "forward.example.net", "none", true, true), (hop.Instance, hop.SealingDomain, hop.ChainValidation, hop.SealValid, hop.MessageSignatureValid));
        Assert.Equal(IntermediaryKinds.Forwarder, hop.IntermediaryKind);
        Assert.Equal("forward.example.net", hop.AuthServId);
        Assert.Contains(hop.VouchedResults, r => r.Method == "dkim" && r.Result == "pass");
        Assert.True(report.Has(FindingCodes.ArcVerified));
        var explained = Assert.Single(report.Findings, f => f.Code == FindingCodes.ArcExplainsDkimFailure.Code);
        Assert.Equal("forward.example.net", explained.Args["intermediary"]);
    }

    [Fact]
    public void A_changed_ARC_sealed_message_breaks_the_chain()
    {
        var data = File.ReadAllBytes(Path.Combine(LocalDnsServer.Directory, "arc-forwarded-dkim-broken.eml"));
        var text = System.Text.Encoding.ASCII.GetString(data).Replace("Forwarded by forward.example.net", "Forwarded by someone else");
        var analyzer = new EmailAnalyzer(Catalogs, new DkimOptions { Mode = DkimMode.Dns, DnsServer = dns.Address });

        var report = analyzer.Analyze(System.Text.Encoding.ASCII.GetBytes(text));

        Assert.Equal("fail", report.Arc.Chain);
        Assert.False(report.Arc.Hops[0].MessageSignatureValid);
        Assert.True(report.Has(FindingCodes.ArcFailed));
        Assert.False(report.Has(FindingCodes.ArcExplainsDkimFailure));
    }

    [Fact]
    public void A_header_block_above_the_limit_is_not_handed_to_MimeKit_and_says_why()
    {
        var report = Analyze("pass-rsa-sha256.eml", maxHeaderBytes: 500);

        Assert.Equal(VerificationStatuses.HeaderTooLarge, report.Dkim.Status);
        Assert.Null(Assert.Single(report.Dkim.Signatures).Verified);
        var finding = Assert.Single(report.Findings, f => f.Code == FindingCodes.DkimNotChecked.Code);
        Assert.Equal(EvidenceNotes.DkimHeaderTooLarge.Key, Assert.Single(finding.Evidence).NoteKey);
        Assert.Equal("500", finding.Evidence[0].NoteArgs!["limit"]);
    }

    [Fact]
    public void With_lookups_off_signatures_are_listed_and_nothing_is_asked()
    {
        // The silent server would make any lookup fail: with Mode Off there must be none.
        var analyzer = new EmailAnalyzer(Catalogs, new DkimOptions { Mode = DkimMode.Off, DnsServer = dns.SilentAddress });

        var report = analyzer.Analyze(File.ReadAllBytes(Path.Combine(LocalDnsServer.Directory, "arc-forwarded-dkim-broken.eml")));

        Assert.Equal(VerificationStatuses.Off, report.Dkim.Status);
        Assert.Equal(VerificationStatuses.Off, report.Arc.Status);
        Assert.Equal("example.test", Assert.Single(report.Dkim.Signatures).Domain);
        Assert.Null(report.Dkim.Signatures[0].Verified);
        Assert.Null(report.Arc.Chain);
        Assert.Equal(EvidenceNotes.DkimOff.Key, Assert.Single(report.Findings, f => f.Code == FindingCodes.DkimNotChecked.Code).Evidence[0].NoteKey);
    }

    [Fact]
    public void Every_corpus_message_is_analysed_without_an_exception_with_lookups_on()
    {
        Assert.True(Support.Corpus.PublicDirectory is not null, Support.Corpus.PublicMissing);
        // Only the local server is asked: it knows example.test and refuses every other domain the corpus signs with.
        var analyzer = new EmailAnalyzer(Catalogs, new DkimOptions { Mode = DkimMode.Dns, DnsServer = dns.Address, TimeoutMilliseconds = 500 });
        var failures = new List<string>();
        var checkedSignatures = 0;
        foreach (var file in Support.Corpus.AllMessages())
        {
            try
            {
                var report = analyzer.Analyze(File.ReadAllBytes(file));
                checkedSignatures += report.Dkim.Signatures.Count(s => s.Verified is not null);
            }
            catch (Exception e)
            {
                failures.Add($"{file}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.Empty(failures);
        Assert.True(checkedSignatures > 10, $"only {checkedSignatures} signatures were checked");
    }

    [Fact]
    public void Cli_analyze_checks_dkim_against_the_given_server_and_prints_it()
    {
        var output = new StringWriter();
        var file = Path.Combine(LocalDnsServer.Directory, "arc-forwarded-dkim-broken.eml");

        Assert.Equal(0, Portal.Analysis.Cli.AnalyzeCommand.Run([file, "--dkim", "dns", "--dns-server", dns.Address], output, new StringWriter()));

        var text = output.ToString();
        Assert.Contains("DKIM: checked", text);
        Assert.Contains("d=example.test s=rsa2026 a=rsa-sha256 c=relaxed/relaxed verified=False (body-changed)", text);
        Assert.Contains("ARC: checked chain=pass", text);
        Assert.Contains("(arc-explains-dkim-failure)", text);
    }
}
