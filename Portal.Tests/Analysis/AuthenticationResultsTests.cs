using Portal.Analysis.Report;

namespace Portal.Tests.Analysis;

/// <summary>Who wrote each authentication verdict, which ones count, and list mail whose signature a list broke.</summary>
public sealed class AuthenticationResultsTests
{
    [Fact]
    public void Every_result_header_is_read_with_the_system_that_wrote_it()
    {
        var results = Analyze.Generated("realworld/auth/results-from-several-systems.eml").Authentication.Results;

        Assert.Contains(results, r => r is { Source: "authentication-results", Method: "dkim", Result: "pass", WrittenBy: "mx.recipient.example", Trusted: true });
        Assert.Contains(results, r => r is { Source: "received-spf", Method: "spf", Result: "pass", WrittenBy: "mx.recipient.example", Trusted: true });
        Assert.Contains(results, r => r is { Source: "authentication-results", Method: "dmarc", Result: "fail", WrittenBy: "relay.elsewhere.example", Trusted: false });
        Assert.Contains(results, r => r is { Source: "x-ms-exchange-authentication-results", Method: "compauth", WrittenBy: "Exchange Online", Trusted: false });
    }

    [Fact]
    public void Only_the_receiving_organisations_own_failures_count_and_the_others_are_named_as_foreign()
    {
        var report = Analyze.Generated("realworld/auth/results-from-several-systems.eml");

        Assert.False(report.Has(FindingCodes.AuthCheckFailed));
        var foreign = report.Findings.Single(f => f.Code == FindingCodes.AuthResultsForeign.Code);
        Assert.Contains("relay.elsewhere.example", foreign.Args["systems"]);
        Assert.Equal(FindingGroups.Info, foreign.Group);
    }

    [Fact]
    public void Results_of_a_message_without_a_route_are_neither_trusted_nor_distrusted()
    {
        var message = "Authentication-Results: mx.example.org; dkim=fail header.d=example.com\r\nFrom: a@example.com\r\nSubject: x\r\n\r\nbody\r\n"u8.ToArray();
        var report = Analyze.Analyzer.Analyze(message);

        Assert.Null(Assert.Single(report.Authentication.Results).Trusted);
        Assert.True(report.Has(FindingCodes.AuthCheckFailed));
    }

    [Fact]
    public void A_signature_broken_by_a_mailman_footer_is_explained_as_the_lists_doing()
    {
        var report = Analyze.Generated("realworld/lists/smime-signed-mailman-footer.eml");

        Assert.True(report.Has(FindingCodes.SmimeSignatureInvalid));
        var list = report.Findings.Single(f => f.Code == FindingCodes.MailingListModified.Code);
        Assert.Equal("support-l.lists.example.org", list.Args["list"]);
        Assert.Contains(list.Evidence, e => e.NoteKey == EvidenceNotes.ListSubjectTag.Key);
    }

    [Fact]
    public void Signed_mail_that_no_list_touched_gets_no_list_explanation()
    {
        var report = Analyze.Generated("smime/signed-detached-rsa-sha256.eml");

        Assert.False(report.Has(FindingCodes.MailingListModified));
    }
}
