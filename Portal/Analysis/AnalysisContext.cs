using Portal.Analysis.Catalogs;
using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Analysis;

/// <summary>What a detector works with: the parsed message, the catalogs, and the report being built.</summary>
public sealed class AnalysisContext(ParsedMessage message, IAnalysisCatalogs catalogs, AnalysisReport report)
{
    public ParsedMessage Message { get; } = message;
    public IAnalysisCatalogs Catalogs { get; } = catalogs;
    public AnalysisReport Report { get; } = report;

    /// <summary>Set by the analyzer before each detector runs, so findings keep detector order within a severity.</summary>
    internal int DetectorOrder { get; set; }

    /// <summary>
    /// Adds a finding, or, when the message already has one with this code, adds the evidence to it:
    /// three plaintext hops are one finding with three pieces of evidence.
    /// </summary>
    public void AddFinding(FindingCode code, IEnumerable<Evidence> evidence, IReadOnlyDictionary<string, string>? args = null)
    {
        var index = Report.Findings.FindIndex(f => f.Code == code.Code);
        if (index >= 0)
        {
            var existing = Report.Findings[index];
            Report.Findings[index] = existing with { Evidence = [.. existing.Evidence, .. evidence] };
            return;
        }
        Report.Findings.Add(new Finding(code.Code, code.Severity, evidence.ToList(), args ?? new Dictionary<string, string>())
        {
            DetectorOrder = DetectorOrder,
        });
    }

    public void AddFinding(FindingCode code, Evidence evidence, IReadOnlyDictionary<string, string>? args = null) =>
        AddFinding(code, [evidence], args);

    public void AddDefect(string code, string partPath, long offset, string? detail) =>
        Report.Defects.Add(new DefectEntry(code, partPath, offset, detail));
}
