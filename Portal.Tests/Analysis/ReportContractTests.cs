using System.Globalization;
using System.Text.Json;
using Portal.Analysis;
using Portal.Analysis.Report;

namespace Portal.Tests.Analysis;

public sealed class ReportContractTests
{
    private static JsonElement Json(string file) => JsonDocument.Parse(ReportJson.Serialize(Analyze.Generated(file))).RootElement;

    private static void HasProperties(JsonElement element, params string[] names)
    {
        foreach (var name in names)
            Assert.True(element.TryGetProperty(name, out _), $"missing \"{name}\" in {element}");
    }

    [Fact]
    public void Json_has_every_contract_property_with_its_exact_name_and_explicit_nulls()
    {
        var root = Json("smime/enveloped-rsa-1recip-aes256cbc.eml");
        HasProperties(root, "encryption", "signature", "relay", "transport", "threading", "findings", "mime", "defects");
        HasProperties(root.GetProperty("encryption"), "kind", "envelope", "recipients", "passwordProtected", "contentAlgorithm", "vendor");
        Assert.Equal("smime", root.GetProperty("encryption").GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("encryption").GetProperty("vendor").ValueKind);
        HasProperties(root.GetProperty("encryption").GetProperty("recipients")[0], "issuer", "serialNumber", "subjectKeyIdentifier", "keyId", "fingerprint", "algorithm");
        HasProperties(root.GetProperty("signature"), "kind", "signers");
        HasProperties(root.GetProperty("relay"), "service", "tokenizedReplyTo", "evidence");
        HasProperties(root.GetProperty("transport"), "hops");
        HasProperties(root.GetProperty("threading"), "messageId", "inReplyTo", "references");
        HasProperties(root.GetProperty("findings")[0], "code", "severity", "evidence");
        Assert.Equal("blocker", root.GetProperty("findings")[0].GetProperty("severity").GetString());
        HasProperties(root.GetProperty("mime"), "contentType", "size", "filename", "children");

        var signed = Json("smime/signed-detached-rsa-sha256.eml").GetProperty("signature").GetProperty("signers")[0];
        HasProperties(signed, "subject", "issuer", "serialNumber", "keyId", "verified");
        Assert.True(signed.GetProperty("verified").GetBoolean());

        var hop = Json("received/postfix.eml").GetProperty("transport").GetProperty("hops")[0];
        HasProperties(hop, "from", "by", "with", "tls", "tlsVersion", "cipher", "date");
    }

    [Fact]
    public void Findings_are_ordered_blockers_then_warnings_then_info()
    {
        foreach (var file in Support.Corpus.GeneratedMessages())
        {
            var severities = Analyze.File(file).Findings.Select(f => f.Severity).ToList();
            Assert.Equal(severities.Order(), severities);
        }
    }

    [Fact]
    public void Every_finding_code_has_a_title_explanation_and_actions_text()
    {
        var codes = FindingCodes.All.Select(c => c.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        foreach (var code in FindingCodes.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(FindingTexts.Get(code.Code + ".title", CultureInfo.InvariantCulture)), code.Code);
            Assert.False(string.IsNullOrWhiteSpace(FindingTexts.Get(code.Code + ".explanation", CultureInfo.InvariantCulture)), code.Code);
            Assert.NotNull(FindingTexts.Get(code.Code + ".actions", CultureInfo.InvariantCulture));
            // Every placeholder the English text uses must be an argument the code declares.
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(
                         FindingTexts.Get(code.Code + ".explanation", CultureInfo.InvariantCulture)! + FindingTexts.Get(code.Code + ".title", CultureInfo.InvariantCulture), @"\{(\w+)(?::plural:[^{}]*)?\}"))
                Assert.Contains(m.Groups[1].Value, code.Arguments);
        }
    }

    [Fact]
    public void Every_code_raised_on_the_corpora_is_in_the_enumerable_list()
    {
        var known = FindingCodes.All.Select(c => c.Code).ToHashSet();
        foreach (var file in Support.Corpus.AllMessages())
            foreach (var finding in Analyze.File(file).Findings)
                Assert.Contains(finding.Code, known);
    }

    [Fact]
    public void Every_evidence_note_key_raised_on_the_corpora_is_in_the_enumerable_list()
    {
        var known = EvidenceNotes.All.Select(n => n.Key).ToHashSet();
        Assert.Equal(EvidenceNotes.All.Count, known.Count);
        foreach (var file in Support.Corpus.AllMessages())
        {
            var report = Analyze.File(file);
            foreach (var evidence in report.Findings.SelectMany(f => f.Evidence).Concat(report.Relay.Evidence))
                if (evidence.NoteKey is { } key)
                    Assert.Contains(key, known);
        }
    }

    [Fact]
    public void Defects_found_while_detectors_decode_a_body_are_in_the_report_and_counted()
    {
        var message = "From: a@b.example\r\nSubject: x\r\nMessage-ID: <1@b.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=x-bogus\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8gd29ybGQ*!!\r\n";

        var report = Analyze.Analyzer.Analyze(System.Text.Encoding.ASCII.GetBytes(message));

        Assert.Contains(report.Defects, d => d.Code == Portal.Mime.MimeDefectCodes.InvalidBase64);
        Assert.Contains(report.Defects, d => d.Code == Portal.Mime.MimeDefectCodes.UnknownCharset);
        Assert.Equal(report.Defects.Count.ToString(CultureInfo.InvariantCulture), report.Findings.Single(f => f.Code == FindingCodes.ParseDefects.Code).Args["count"]);
    }

    [Fact]
    public void Plain_message_says_not_end_to_end_encrypted()
    {
        var report = Analyze.Generated("received/postfix.eml");
        Assert.Equal(EncryptionKinds.None, report.Encryption.Kind);
        Assert.True(report.Has(FindingCodes.NotEndToEndEncrypted));
        Assert.True(report.Has(FindingCodes.TransportLowerHopsForgeable));
    }

    [Fact]
    public void Cli_analyze_prints_json_and_fails_with_exit_2_on_a_missing_file()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, Portal.Analysis.Cli.AnalyzeCommand.Run([Support.Corpus.Generated("relay/duckduckgo.eml"), "--format", "json"], output, error));
        Assert.Equal("duckduckgo", JsonDocument.Parse(output.ToString()).RootElement.GetProperty("relay").GetProperty("service").GetString());
        Assert.Equal(2, Portal.Analysis.Cli.AnalyzeCommand.Run(["/nonexistent/file.eml"], output, error));
        Assert.Contains("cannot read", error.ToString());
    }
}
