using System.Diagnostics;
using Portal.Analysis;
using Portal.Analysis.Catalogs;
using Portal.Analysis.Report;
using Portal.Tests.Support;

namespace Portal.Tests.Analysis;

/// <summary>
/// One budget per analysis: compressed layers that hold hundreds of compressed layers stop at the byte, container or
/// time budget with an analysis-stopped defect and the report so far, instead of keeping a core busy for minutes.
/// </summary>
public sealed class AnalysisBudgetTests
{
    // Generous for a loaded 2-core CI machine; the naive analysis of these messages takes minutes.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public void Openpgp_compression_fan_out_stops_at_the_byte_budget()
    {
        var message = HostileMessages.OpenPgpCompressionFanOut();
        Assert.True(message.Length < 64 * 1024, $"{message.Length} bytes");
        var (report, elapsed) = AnalyzeBounded(message, Analyze.Analyzer);
        AssertStopped(report, AnalysisStopReasons.DecodedBytes);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"{elapsed.TotalSeconds:F1} s");
        Assert.Equal(EncryptionKinds.None, report.Encryption.Kind);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.ParseDefects.Code);
    }

    [Fact]
    public void Cms_compression_fan_out_stops_at_the_byte_budget()
    {
        var message = HostileMessages.CmsCompressionFanOut();
        Assert.True(message.Length < 128 * 1024, $"{message.Length} bytes");
        var (report, elapsed) = AnalyzeBounded(message, Analyze.Analyzer);
        AssertStopped(report, AnalysisStopReasons.DecodedBytes);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"{elapsed.TotalSeconds:F1} s");
        // What was found before the budget ran out stays in the report.
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.SmimeCompressed.Code);
    }

    [Fact]
    public void A_deadline_stops_the_analysis_when_the_byte_budget_would_allow_more()
    {
        var analyzer = new EmailAnalyzer(new ShippedAnalysisCatalogs(), new AnalysisLimits
        {
            DeadlineSeconds = 0.5, MinDecodedBytes = long.MaxValue / 2, MaxDecodedBytes = long.MaxValue / 2, MaxContainers = int.MaxValue,
        });
        var (report, elapsed) = AnalyzeBounded(HostileMessages.OpenPgpCompressionFanOut(pieces: 900), analyzer);
        AssertStopped(report, AnalysisStopReasons.Deadline);
        Assert.True(elapsed < TimeSpan.FromSeconds(4), $"{elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Nested_containers_are_counted_across_the_whole_message()
    {
        var analyzer = new EmailAnalyzer(new ShippedAnalysisCatalogs(), new AnalysisLimits { MaxContainers = 3, MinDecodedBytes = 1L << 30 });
        var (report, _) = AnalyzeBounded(HostileMessages.CmsCompressionFanOut(pieces: 10), analyzer);
        AssertStopped(report, AnalysisStopReasons.Containers);
    }

    [Fact]
    public void The_callers_token_stops_the_analysis()
    {
        var analyzer = new EmailAnalyzer(new ShippedAnalysisCatalogs(), new AnalysisLimits
        {
            DeadlineSeconds = 600, MinDecodedBytes = long.MaxValue / 2, MaxDecodedBytes = long.MaxValue / 2, MaxContainers = int.MaxValue,
        });
        using var gone = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        var report = analyzer.Analyze(HostileMessages.OpenPgpCompressionFanOut(pieces: 900), gone.Token);
        AssertStopped(report, AnalysisStopReasons.Cancelled);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"{watch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Real_compressed_and_encrypted_samples_fit_the_default_budget()
    {
        foreach (var file in Corpus.GeneratedMessages())
        {
            var report = Analyze.File(file);
            Assert.DoesNotContain(report.Defects, d => d.Code == AnalysisDefects.Stopped);
        }
    }

    private static (AnalysisReport Report, TimeSpan Elapsed) AnalyzeBounded(byte[] message, EmailAnalyzer analyzer)
    {
        var watch = Stopwatch.StartNew();
        var analysis = Task.Run(() => analyzer.Analyze(message));
        Assert.True(analysis.Wait(Bound), $"the analysis was still running after {Bound.TotalSeconds} s");
        return (analysis.Result, watch.Elapsed);
    }

    private static void AssertStopped(AnalysisReport report, string reason)
    {
        var defect = Assert.Single(report.Defects, d => d.Code == AnalysisDefects.Stopped);
        Assert.StartsWith("analysis stopped early: ", defect.Detail);
        Assert.Contains($"reason {reason}", defect.Detail);
    }
}
