using Portal.Analysis;
using Portal.Analysis.Catalogs;
using Portal.Analysis.Report;

namespace Portal.Tests.Analysis;

internal static class Analyze
{
    public static EmailAnalyzer Analyzer { get; } = new(new ShippedAnalysisCatalogs());

    public static AnalysisReport File(string path) => Analyzer.Analyze(System.IO.File.ReadAllBytes(path));

    public static AnalysisReport Generated(string relative) => File(Support.Corpus.Generated(relative));

    public static bool Has(this AnalysisReport report, FindingCode code) => report.Findings.Any(f => f.Code == code.Code);
}
