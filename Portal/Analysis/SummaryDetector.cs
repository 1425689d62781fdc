using System.Globalization;
using Portal.Analysis.Report;

namespace Portal.Analysis;

/// <summary>
/// Sums up what the report already says: no end-to-end encryption found, and how malformed the
/// message was. Runs last; it reads only the report, never another detector.
/// </summary>
public sealed class SummaryDetector : IAnalysisDetector
{
    public void Analyze(AnalysisContext context)
    {
        var report = context.Report;
        if (report.Encryption.Kind == EncryptionKinds.None)
            context.AddFinding(FindingCodes.NotEndToEndEncrypted, []);

        if (report.Defects.Count > 0)
        {
            var evidence = report.Defects.GroupBy(d => d.Code)
                .Select(g => new Evidence(Value: g.Key, PartPath: g.First().PartPath, Note: $"{g.Count()} x")
                    .Explained(EvidenceNotes.DefectCount, new Dictionary<string, string> { ["count"] = g.Count().ToString(CultureInfo.InvariantCulture) }));
            context.AddFinding(FindingCodes.ParseDefects, evidence,
                new Dictionary<string, string> { ["count"] = report.Defects.Count.ToString(CultureInfo.InvariantCulture) });
        }
    }
}
