using Microsoft.Extensions.DependencyInjection;
using Portal.Analysis.Report;
using Portal.Articles;
using Portal.Tests.Support;
using Portal.Upload;

namespace Portal.Tests.Upload;

/// <summary>The verdict says what the cards below it say: whose address is hidden, every blocker and warning, what a fragment is.</summary>
public sealed class VerdictTests(AnalyzeApiTests.Api api) : IClassFixture<AnalyzeApiTests.Api>
{
    [Theory]
    [InlineData("en", "news@shop.example")]
    [InlineData("de", "news@shop.example")]
    [InlineData("ja", "news@shop.example")]
    public void Relay_forwarded_copy_names_the_visible_sender_and_never_says_the_senders_address_is_missing(string language, string original)
    {
        var localized = Localize("realworld/relay/duckduckgo-to-user.eml", language);

        Assert.Contains(original, localized.Verdict);
        Assert.DoesNotContain(Texts(language)["Verdict.Relay", "DuckDuckGo Email Protection"], localized.Verdict);
    }

    [Fact]
    public void Relay_user_writing_from_an_alias_is_told_apart_from_a_forwarded_copy()
    {
        var sent = Localize("realworld/relay/duckduckgo-from-user.eml", "en").Verdict;
        var forwarded = Localize("realworld/relay/duckduckgo-to-user.eml", "en").Verdict;

        Assert.Contains("their real address is not in the message", sent);
        Assert.Contains("Reply to the alias", sent);
        Assert.Contains("only the relay user's own address (the recipient) is hidden", forwarded);
    }

    [Fact]
    public void A_signature_that_does_not_verify_reaches_the_verdict()
    {
        var localized = Localize("smime/signed-detached-tampered.eml", "en");
        var invalid = localized.Findings.Single(f => f.Finding.Code == FindingCodes.SmimeSignatureInvalid.Code);

        Assert.Contains(invalid.Title, localized.Verdict);
        Assert.StartsWith("Nothing here is encrypted end to end", localized.Verdict);
    }

    [Fact]
    public void Thunderbirds_bad_signature_test_messages_reach_the_verdict()
    {
        // NSS-generated test messages from mozilla/releases-comm-central, mailnews/test/data/smime (MPL-2.0), via ../shared/corpus.
        Assert.True(Corpus.PublicDirectory is not null, Corpus.PublicMissing);
        var bad = Directory.GetFiles(Path.Combine(Corpus.PublicDirectory!, "thunderbird"), "alice.dsig.*.multipart.bad.eml");
        Assert.True(bad.Length >= 4, $"{bad.Length} samples");
        foreach (var file in bad)
        {
            var localized = Localize(file, "es");
            var invalid = localized.Findings.Single(f => f.Finding.Code == FindingCodes.SmimeSignatureInvalid.Code);
            Assert.True(localized.Verdict.Contains(invalid.Title, StringComparison.Ordinal), $"{Path.GetFileName(file)}: {localized.Verdict}");
        }
    }

    [Fact]
    public void Every_blocker_and_warning_is_named_in_the_verdict_in_order_of_importance()
    {
        foreach (var file in Corpus.GeneratedMessages())
        {
            var localized = Localize(file, "fr");
            var named = localized.Findings
                .Where(f => f.Finding.Group == FindingGroups.Act && localized.Verdict.Contains(f.Title, StringComparison.Ordinal))
                .Select(f => localized.Verdict.IndexOf(f.Title, StringComparison.Ordinal))
                .ToList();
            Assert.True(named.SequenceEqual(named.Order()), $"{Path.GetFileName(file)}: {localized.Verdict}");
            // Findings the leading sentences speak for in their own words.
            var damagedSentence = localized.Verdict.StartsWith(Texts("fr")["Verdict.ProtectionDamaged"], StringComparison.Ordinal);
            foreach (var finding in localized.Findings.Where(f => f.Finding.Severity == Severity.Warning
                         && f.Finding.Code is not "parse-defects" and not "relay-forwarded-copy" and not "not-a-whole-message" and not "protection-in-attachment" and not "forwarded-inline"
                         && !(damagedSentence && f.Finding.Code is "protection-damaged" or "cms-unreadable")))
                Assert.True(localized.Verdict.Contains(finding.Title, StringComparison.Ordinal), $"{Path.GetFileName(file)}: '{finding.Title}' missing from '{localized.Verdict}'");
        }
    }

    [Theory]
    [InlineData("realworld/crypto/fragment-saved-p7m.eml", "application/pkcs7-mime")]
    [InlineData("realworld/crypto/fragment-signed-part.eml", "multipart/signed")]
    public void A_saved_part_is_reported_as_a_fragment_with_what_can_still_be_read(string file, string contentType)
    {
        var localized = Localize(file, "en");
        var report = localized.Report;

        var fragment = report.Findings.Single(f => f.Code == FindingCodes.NotAWholeMessage.Code);
        Assert.Equal(contentType, fragment.Args["contentType"]);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.ThreadMessageIdMissing.Code);
        Assert.StartsWith(Texts("en")["Verdict.Fragment"], localized.Verdict);
        // What the piece still shows is read: the recipient of the .p7m, the signer of the signed part.
        Assert.True(report.Encryption.Recipients.Count == 1 || report.Signature.Signers.Count == 1);
    }

    [Fact]
    public void Findings_everyone_gets_are_grouped_as_information_and_the_rest_as_something_to_act_on()
    {
        var report = Localize("received/postfix.eml", "en").Report;

        Assert.Equal(FindingGroups.Info, report.Findings.Single(f => f.Code == FindingCodes.NotEndToEndEncrypted.Code).Group);
        Assert.All(report.Findings, f => Assert.Equal(f.Severity == Severity.Info ? "info" : "act", f.Group));
    }

    [Theory]
    [InlineData("realworld/crypto/broken-encrypted-no-data-part.eml")]
    [InlineData("realworld/crypto/broken-smime-truncated-cms.eml")]
    public void Damaged_protection_leads_the_verdict_and_asks_for_a_resend(string file)
    {
        var verdict = Localize(file, "en").Verdict;

        Assert.StartsWith(Texts("en")["Verdict.ProtectionDamaged"], verdict);
        Assert.DoesNotContain("Nothing here is encrypted", verdict);
    }

    [Fact]
    public void Encryption_inside_a_forwarded_attachment_says_the_message_itself_is_readable()
    {
        var verdict = Localize("forwards/letter-with-files.eml", "de").Verdict;

        Assert.StartsWith(Texts("de")["Verdict.ProtectedAttachment", 1], verdict);
        Assert.DoesNotContain(Texts("de")["Verdict.Smime", 1], verdict);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("zh")]
    public void Forwarded_smime_message_gets_the_verdict_of_the_original_after_naming_the_forwarder(string language)
    {
        var forwarded = Localize("forwards/attached-outlook-smime.eml", language).Verdict;
        var original = Localize("smime/enveloped-rsa-1recip-aes256cbc.eml", language).Verdict;

        Assert.Equal(Texts(language)["Verdict.ForwardAttached", "Dana Support <dana@helpdesk.example>"] + " " + original, forwarded);
    }

    [Fact]
    public void Inline_forward_verdict_says_the_original_was_lost_before_anything_else()
    {
        var localized = Localize("forwards/inline-thunderbird.eml", "ja");

        Assert.StartsWith(Texts("ja")["Verdict.ForwardInline"], localized.Verdict);
        var card = localized.Findings.Single(f => f.Finding.Code == "forwarded-inline");
        Assert.Equal("/ja/articles/saving-the-original-message#forward-as-attachment", card.ArticlePath(localized.Language));
        Assert.Equal(5, card.Actions.Count);
    }

    [Fact]
    public void Recipients_are_named_in_plain_words_first_and_the_technical_term_second()
    {
        var localized = Localize("smime/enveloped-2recip-rsa+ec-aes256cbc.eml", "fr");

        var json = System.Text.Json.JsonDocument.Parse(LocalizedReportJson.Serialize(localized)).RootElement;
        var names = json.GetProperty("encryption").GetProperty("recipients").EnumerateArray()
            .Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("plainName").GetString())).ToList();
        Assert.Equal([("ktri", "transport de clé RSA"), ("kari", "accord de clé sur courbe elliptique")], names);
        var markdown = MarkdownReportWriter.Write(localized, Texts("fr"), "https://portal.example");
        Assert.Contains("transport de clé RSA (ktri)", markdown);
    }

    private Portal.Localization.Localized Texts(string language) =>
        api.Services.GetRequiredService<Portal.Localization.TextProvider>().For(language);

    private LocalizedReport Localize(string file, string language)
    {
        var outcome = api.Services.GetRequiredService<UploadedMessageAnalyzer>().Analyze(File.ReadAllBytes(Path.IsPathRooted(file) ? file : Corpus.Generated(file)));
        Assert.Null(outcome.Rejection);
        return api.Services.GetRequiredService<ReportLocalizer>().Localize(outcome.Report!, Languages.Get(language));
    }
}
