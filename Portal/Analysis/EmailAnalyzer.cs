using Portal.Analysis.Catalogs;
using Portal.Analysis.Layout;
using Portal.Analysis.OpenPgp;
using Portal.Analysis.Portals;
using Portal.Analysis.Relays;
using Portal.Analysis.Report;
using Portal.Analysis.Smime;
using Portal.Analysis.Threading;
using Portal.Analysis.Transport;
using Portal.Mime;

namespace Portal.Analysis;

/// <summary>
/// The analyzer's one entry point: parses a message and runs the detector pipeline over it.
/// Thread-safe (detectors hold no per-message state), registered as a singleton by AddAnalysis.
/// </summary>
public sealed class EmailAnalyzer
{
    private readonly IAnalysisCatalogs _catalogs;
    private readonly IReadOnlyList<IAnalysisDetector> _detectors;

    public EmailAnalyzer(IAnalysisCatalogs catalogs) : this(catalogs, DefaultDetectors()) { }

    public EmailAnalyzer(IAnalysisCatalogs catalogs, IEnumerable<IAnalysisDetector> detectors)
    {
        _catalogs = catalogs;
        _detectors = detectors.ToList();
    }

    /// <summary>The pipeline in report order; the summary comes last because it reads what the others wrote.</summary>
    public static IReadOnlyList<IAnalysisDetector> DefaultDetectors() =>
    [
        new SmimeDetector(),
        new OpenPgpDetector(),
        new ProtectionLayoutDetector(),
        new PortalDetector(),
        new RelayDetector(),
        new TransportDetector(),
        new ThreadingDetector(),
        new AuthenticationDetector(),
        new SummaryDetector(),
    ];

    public AnalysisReport Analyze(ReadOnlyMemory<byte> message) => Analyze(MimeParser.Parse(message));

    public AnalysisReport Analyze(ParsedMessage parsed)
    {
        var report = new AnalysisReport
        {
            Subject = parsed.Root.Headers.GetValue("Subject"),
            From = parsed.Root.Headers.GetValue("From"),
            Mime = MimeTree.Describe(parsed.Root),
        };
        // Bodies are decoded lazily, so a detector that reads one may find defects the parse did not (bad base64,
        // an unknown charset): they are copied after every detector, in time for the summary to count them.
        var copied = 0;
        void CopyParserDefects()
        {
            var defects = parsed.Defects;
            for (; copied < defects.Count; copied++)
                report.Defects.Add(new DefectEntry(defects[copied].Code, defects[copied].PartPath, defects[copied].Offset, defects[copied].Detail));
        }

        CopyParserDefects();
        var context = new AnalysisContext(parsed, _catalogs, report);
        for (var i = 0; i < _detectors.Count; i++)
        {
            context.DetectorOrder = i;
            _detectors[i].Analyze(context);
            CopyParserDefects();
        }

        // Blockers first, then warnings, then information; detector order within a severity.
        var ordered = report.Findings.OrderBy(f => f.Severity).ThenBy(f => f.DetectorOrder).ToList();
        report.Findings.Clear();
        report.Findings.AddRange(ordered);
        return report;
    }
}
