using System.Text;
using Portal.Analysis;
using Portal.Analysis.Cli;
using Portal.Analysis.Report;
using Portal.Mime;
using Portal.Tests.Support;

namespace Portal.Tests.Analysis;

/// <summary>
/// Reports of messages at the parser's limits: the deepest tree it accepts serializes and reads back with a JSON reader's
/// default depth of 64 (31 levels used to break the writer), and no echoed value or list makes a report larger than a megabyte.
/// </summary>
public sealed class ReportLimitsTests
{
    private static readonly int Limit = MimeParserOptions.Default.MaxDepth;

    public static TheoryData<string, int> DepthCases() => new()
    {
        // Limit + 1 is 31, the depth that used to break the JSON writer.
        { "multipart", Limit - 1 }, { "multipart", Limit }, { "multipart", Limit + 1 },
        { "rfc822", Limit - 1 }, { "rfc822", Limit }, { "rfc822", Limit + 1 },
    };

    [Theory]
    [MemberData(nameof(DepthCases))]
    public void A_message_at_the_depth_limit_and_one_past_it_serializes(string kind, int levels)
    {
        var message = kind == "multipart" ? DeepMessages.NestedMultipart(levels) : DeepMessages.NestedRfc822(levels);
        var report = Analyze.Analyzer.Analyze(message);
        var json = ReportJson.Serialize(report);
        using var read = System.Text.Json.JsonDocument.Parse(json); // a reader's default depth
        Assert.Equal(System.Text.Json.JsonValueKind.Object, read.RootElement.GetProperty("mime").ValueKind);
        Assert.Equal(levels > Limit, report.Defects.Any(d => d.Code == MimeDefectCodes.TooDeep));

        var path = Path.Combine(Path.GetTempPath(), $"deep-{kind}-{levels}-{Guid.NewGuid():N}.eml");
        File.WriteAllBytes(path, message);
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.True(AnalyzeCommand.Run([path, "--format", "json"], output, error) == 0, error.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_20_MB_received_header_comes_back_cut_with_a_mark()
    {
        var report = Analyze.Analyzer.Analyze(DeepMessages.HugeReceived(20 * 1024 * 1024));
        var json = ReportJson.Serialize(report);
        Assert.True(Encoding.UTF8.GetByteCount(json) < 1024 * 1024, $"{json.Length} characters");
        Assert.Contains("truncated from", report.Subject);
        Assert.All(report.Transport.Hops, h => Assert.True(h.From is null || h.From.Length < 4096, h.From?[..100]));
        Assert.Contains(report.Defects, d => d.Code == AnalysisDefects.ReportTrimmed);
    }

    [Fact]
    public void A_thousand_long_hops_make_a_report_under_a_megabyte()
    {
        var report = Analyze.Analyzer.Analyze(DeepMessages.ManyReceived(1000, 3000));
        var json = ReportJson.Serialize(report);
        Assert.True(Encoding.UTF8.GetByteCount(json) < AnalysisLimits.Default.MaxReportBytes, $"{json.Length} characters");
        var trimmed = Assert.Single(report.Defects, d => d.Code == AnalysisDefects.ReportTrimmed);
        Assert.Contains("hops after the first", trimmed.Detail);
    }

    [Fact]
    public void The_size_bound_that_spares_measuring_a_report_is_never_below_its_real_size()
    {
        // The trimmer serializes a report to measure it only when this bound says it may be too large.
        var bound = new JsonSizeBound(ReportJson.Options);
        var reports = Corpus.AllMessages().Select(f => Analyze.Analyzer.Analyze(File.ReadAllBytes(f))).ToList();
        reports.Add(Analyze.Analyzer.Analyze(DeepMessages.ManyReceived(1000, 3000)));
        reports.Add(Analyze.Analyzer.Analyze(DeepMessages.NestedMultipart(Limit)));
        // Escaped characters are the widest: controls and lone surrogates become six bytes each.
        var escaped = new AnalysisReport { Subject = new string('\u0001', 500) + "\ud800\"<>&é漢" };
        escaped.Findings.Add(new Finding("code", Severity.Warning, [new Evidence("X-Test", new string('\u001f', 300))],
            new Dictionary<string, string> { ["arg"] = new string('\u0002', 200) }));
        reports.Add(escaped);
        Assert.True(reports.Count > 100, $"{reports.Count} reports");
        foreach (var report in reports)
        {
            var size = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(report, ReportJson.Options).Length;
            Assert.True(bound.Of(report) >= size, $"bound {bound.Of(report)} < {size} bytes for \"{report.Subject}\"");
        }
    }

    [Fact]
    public void An_exception_that_escapes_the_analysis_is_a_message_and_exit_code_2_on_the_command_line()
    {
        var analyzer = new EmailAnalyzer(new Portal.Analysis.Catalogs.ShippedAnalysisCatalogs(), [new ThrowingDetector()]);
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(2, AnalyzeCommand.Run([Corpus.Generated("relay/duckduckgo.eml"), "--format", "json"], output, error, analyzer));
        Assert.Contains("cannot analyze", error.ToString());
        Assert.Contains("InvalidOperationException", error.ToString());
        Assert.Equal("", output.ToString());
    }

    /// <summary>Throws what no detector should, to reach the command line's one catch.</summary>
    private sealed class ThrowingDetector : IAnalysisDetector
    {
        public void Analyze(AnalysisContext context) => throw new InvalidOperationException("detector bug");
    }
}
