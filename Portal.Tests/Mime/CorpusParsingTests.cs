using Portal.Mime;
using Portal.Tests.Support;

namespace Portal.Tests.Mime;

public sealed class CorpusParsingTests
{
    /// <summary>
    /// Files where our top-level type legitimately differs from what Python's email package reported, and why.
    /// </summary>
    private static readonly Dictionary<string, string> KnownTopTypeDifferences = new(StringComparer.Ordinal)
    {
        ["dovecot-via-stalwart/017.eml"] =
            "\"multipart/mixed boundary=...\" lacks the ';'; Python keeps the whole string as the type, we read multipart/mixed with its boundary",
        ["dovecot-via-stalwart/019.eml"] =
            "first line \"Fro :...\" has whitespace before the colon, which RFC 5322 4.5.8 (obsolete syntax) allows; Python ends the headers there",
        ["mimekit/issue358.eml"] =
            "one line without a colon sits inside the header block with more headers after it; we skip it (invalid-header-line), Python ends the headers",
        ["mimekit/feedback-report.eml"] =
            "the file starts with a UTF-8 byte order mark; we skip it and read the headers, Python sees no header block",
    };

    /// <summary>Public corpus files that are deliberately not RFC 5322 messages.</summary>
    private static readonly Dictionary<string, string> NotEmail = new(StringComparer.Ordinal)
    {
        ["bouncycastle/basicAS2.eml"] = "an AS2 HTTP request capture (\"POST / HTTP/1.1\" first line)",
        ["bouncycastle/rawAS2.eml"] = "an AS2 HTTP request capture",
        ["chatmail/gmx-quote-body.eml"] = "a bare HTML body without headers",
        ["chatmail/plaintext-autocrypt-setup.eml"] = "a bare Autocrypt setup body without headers",
        ["chatmail/stress.eml"] = "an ASCII-armored PGP message without headers",
        ["mime4j/malformedHeader-noheader.eml"] = "a header-less test input",
        ["mime4j/malformedHeaderStartsBody-noheader.eml"] = "a header-less test input",
    };

    [Fact]
    public void Every_corpus_message_parses_within_limits_and_decodes_every_part()
    {
        var files = Corpus.AllMessages().ToList();
        Assert.NotEmpty(files);
        if (Corpus.PublicDirectory is null)
            Assert.Fail(Corpus.PublicMissing);

        var options = MimeParserOptions.Default;
        foreach (var file in files)
        {
            var message = MimeParser.Parse(File.ReadAllBytes(file));
            var entities = message.AllEntities().ToList();
            Assert.True(entities.Count <= options.MaxParts, file);
            foreach (var entity in entities)
            {
                Assert.True(entity.Depth <= options.MaxDepth, file);
                if (!entity.IsMultipart && !entity.IsMessage)
                {
                    entity.DecodeBody();
                    if (entity.ContentType.MediaType == "text")
                        entity.DecodeText();
                }
            }
            _ = message.Headers.GetValue("Subject");
            _ = AddressParser.Parse(message.Headers.GetValue("From") ?? "");
        }
    }

    [Fact]
    public void Top_level_content_type_matches_what_the_corpus_sources_record()
    {
        if (Corpus.PublicDirectory is null)
            Assert.Fail(Corpus.PublicMissing);
        Assert.NotEmpty(CorpusSources.TopTypes);

        var mismatches = new List<string>();
        foreach (var (file, expected) in CorpusSources.TopTypes)
        {
            if (KnownTopTypeDifferences.ContainsKey(file))
                continue;
            var message = MimeParser.Parse(File.ReadAllBytes(Path.Combine(Corpus.PublicDirectory, file)));
            var actual = message.Root.ContentType.MimeType;
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                mismatches.Add($"{file}: expected {expected}, parsed {actual}");
        }
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public void Public_corpus_files_look_like_email_except_the_header_less_samples()
    {
        if (Corpus.PublicDirectory is null)
            Assert.Fail(Corpus.PublicMissing);
        var judgedNotEmail = Corpus.PublicMessages()
            .Where(f => !MimeParser.Parse(File.ReadAllBytes(f)).LooksLikeEmail)
            .Select(f => Path.GetRelativePath(Corpus.PublicDirectory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(NotEmail.Keys.Order(StringComparer.Ordinal), judgedNotEmail);
    }

    [Fact]
    public void Every_generated_message_looks_like_email_without_structural_defects()
    {
        var structural = new[]
        {
            MimeDefectCodes.NoHeaders, MimeDefectCodes.MissingClosingBoundary, MimeDefectCodes.NoBoundaryFound,
            MimeDefectCodes.InvalidHeaderLine, MimeDefectCodes.MissingBoundaryParameter, MimeDefectCodes.InvalidContentType,
        };
        foreach (var file in Corpus.GeneratedMessages())
        {
            var message = MimeParser.Parse(File.ReadAllBytes(file));
            Assert.True(message.LooksLikeEmail, file);
            var found = message.Defects.Where(d => structural.Contains(d.Code)).ToList();
            Assert.True(found.Count == 0, $"{file}: {string.Join(", ", found)}");
        }
    }
}
