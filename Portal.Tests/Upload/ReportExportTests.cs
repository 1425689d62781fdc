using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Articles;
using Portal.Localization;
using Portal.Tests.Support;
using Portal.Upload;

namespace Portal.Tests.Upload;

/// <summary>What leaves the page as a file: the JSON contract, the Markdown document, and masking of addresses.</summary>
public sealed class ReportExportTests : IClassFixture<AnalyzeApiTests.Api>
{
    private readonly AnalyzeApiTests.Api api;

    public ReportExportTests(AnalyzeApiTests.Api api) => this.api = api;

    [Fact]
    public void Masking_keeps_the_domain_and_the_first_letter_of_every_address()
    {
        var masked = AddressRedactor.Redact("From: \"Alice\" <alice@example.test>, bob.smith+tag@mail.example.org; id <abc123@host.example>");

        Assert.Equal("From: \"Alice\" <a***@example.test>, b***@mail.example.org; id <a***@host.example>", masked);
    }

    [Fact]
    public void Masked_json_export_keeps_its_shape_and_loses_every_local_part()
    {
        var localized = Localize(Corpus.Generated("relay/firefox-relay.eml"), "en");

        var json = AddressRedactor.Redact(LocalizedReportJson.Serialize(localized));

        Assert.DoesNotContain("k3xq7z9w1@", json);
        Assert.Contains("k***@mozmail.com", json);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(localized.Findings.Count, parsed.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Markdown_export_is_in_the_report_language_and_quotes_message_text_as_code()
    {
        var message = "From: x@example.test\r\nSubject: <img src=x onerror=alert(1)> [click](http://evil.example) | pipe\r\nDate: Wed, 15 Jan 2025 12:00:00 +0000\r\n\r\nbody\r\n";
        var localized = Localize(Encoding.UTF8.GetBytes(message), "fr");
        var texts = api.Services.GetRequiredService<TextProvider>().For("fr");

        var markdown = MarkdownReportWriter.Write(localized, texts, "https://portal.example");

        Assert.StartsWith("# Rapport d’analyse d’e-mail", markdown);
        Assert.Contains($"> {localized.Verdict}", markdown);
        Assert.Contains("` <img src=x onerror=alert(1)> [click](http://evil.example) | pipe `", markdown);
        Assert.Contains("https://portal.example/fr/articles/", markdown);
    }

    [Theory]
    [InlineData("en", "- **Subject:** ")]
    [InlineData("fr", "- **Objet :** ")]
    [InlineData("ja", "- **件名：** ")]
    [InlineData("zh", "- **主题：** ")]
    public void Markdown_labels_end_in_the_colon_of_the_report_language(string language, string subjectLine)
    {
        var localized = Localize("From: x@example.test\r\nSubject: hello\r\n\r\nbody\r\n"u8.ToArray(), language);

        var markdown = MarkdownReportWriter.Write(localized, api.Services.GetRequiredService<TextProvider>().For(language), "https://portal.example");

        Assert.Contains(subjectLine + "` hello `", markdown);
    }

    [Fact]
    public void Evidence_notes_are_in_the_report_language_and_the_json_keeps_the_english_note()
    {
        var localized = Localize(Corpus.Generated("realworld/relay/firefox-relay-from-user.eml"), "de");
        var texts = api.Services.GetRequiredService<TextProvider>().For("de");

        var markdown = MarkdownReportWriter.Write(localized, texts, "https://portal.example");
        using var json = JsonDocument.Parse(LocalizedReportJson.Serialize(localized));

        Assert.Contains("Adresse unter einer Domain des Dienstes", markdown);
        Assert.DoesNotContain("` domain `", markdown);
        var evidence = json.RootElement.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("code").GetString() == "relay-masked-address").GetProperty("evidence")
            .EnumerateArray().First(e => e.GetProperty("noteKey").GetString() == "relay-domain");
        Assert.Equal("domain", evidence.GetProperty("note").GetString());
        Assert.Equal("Adresse unter einer Domain des Dienstes", evidence.GetProperty("noteText").GetString());
    }

    [Fact]
    public void Message_values_inside_localized_sentences_and_tables_cannot_become_links_or_images_in_the_markdown()
    {
        // Received "from"/"by" tokens and a Reply-To domain reach the report's tables and sentences verbatim.
        var message = "Received: from <https://evil.example> by **mx.example** with ESMTP; Wed, 15 Jan 2025 12:00:00 +0000\r\n"
            + "From: x@example.test\r\nReply-To: q9x7k2m4z8w1v5t3@<https://evil.example>\r\nSubject: s\r\n\r\nbody\r\n";
        var localized = Localize(Encoding.UTF8.GetBytes(message), "en");
        var texts = api.Services.GetRequiredService<TextProvider>().For("en");

        var html = MarkdownRenderer.Render(MarkdownReportWriter.Write(localized, texts, "https://portal.example")).Html;

        Assert.DoesNotContain("href=\"https://evil.example", html);
        Assert.DoesNotContain("<strong>mx.example</strong>", html);
        Assert.Contains("**mx.example**", html);
    }

    private LocalizedReport Localize(string file, string language) => Localize(File.ReadAllBytes(file), language);

    private LocalizedReport Localize(byte[] message, string language)
    {
        var outcome = api.Services.GetRequiredService<UploadedMessageAnalyzer>().Analyze(message);
        Assert.Null(outcome.Rejection);
        return api.Services.GetRequiredService<ReportLocalizer>().Localize(outcome.Report!, Languages.Get(language));
    }
}
