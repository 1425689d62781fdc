using System.Globalization;
using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Analysis;

/// <summary>
/// Sums up what the report already says: that the file is only a piece of a message, no end-to-end encryption found,
/// and how malformed the message was. Runs last; it reads the report and the message's outline, never another detector.
/// </summary>
public sealed class SummaryDetector : IAnalysisDetector
{
    public void Analyze(AnalysisContext context)
    {
        var report = context.Report;
        var root = context.Message.Root;
        if (MessageShape.IsFragment(root.Headers))
        {
            // What can still be read from the piece: its own type, a file name, and whatever protection was found in it.
            var evidence = new List<Evidence> { new(Header: "Content-Type", Value: root.ContentType.MimeType, PartPath: root.PartPath) };
            if (root.FileName is { } name)
                evidence.Add(new Evidence(Header: "Content-Disposition", Value: name, PartPath: root.PartPath));
            context.AddFinding(FindingCodes.NotAWholeMessage, evidence, new Dictionary<string, string>
            {
                ["contentType"] = root.ContentType.MimeType,
                ["protection"] = report.Encryption.Kind != EncryptionKinds.None ? report.Encryption.Kind
                    : report.Signature.Kind != SignatureKinds.None ? report.Signature.Kind : EncryptionKinds.None,
            });
        }
        // A message whose declared protection is damaged is not "not encrypted": its sender meant to protect it. Nor is
        // one with parts the parser left unread (past its part count or depth): protection may sit in them, and the
        // parse-defects finding says they were not read.
        if (report.Encryption.Kind == EncryptionKinds.None
            && !report.Findings.Any(f => f.Code == FindingCodes.ProtectionDamaged.Code || f.Code == FindingCodes.CmsUnreadable.Code)
            && !report.Defects.Any(d => d.Code is MimeDefectCodes.TooDeep or MimeDefectCodes.TooManyParts))
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
