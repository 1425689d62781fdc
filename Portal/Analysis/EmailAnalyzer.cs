using Portal.Analysis.Catalogs;
using Portal.Analysis.Dkim;
using Portal.Analysis.Forwards;
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
/// The analyzer's one entry point: parses a message and runs the detector pipeline over it, within one
/// <see cref="AnalysisBudget"/> per message. Thread-safe (detectors hold no per-message state), registered as a
/// singleton by AddAnalysis.
/// </summary>
public sealed class EmailAnalyzer
{
    private readonly IAnalysisCatalogs _catalogs;
    private readonly IReadOnlyList<IAnalysisDetector> _detectors;

    /// <summary>An analyzer that makes no network calls: DKIM and ARC signatures are listed, not checked.</summary>
    public EmailAnalyzer(IAnalysisCatalogs catalogs, AnalysisLimits? limits = null) : this(catalogs, DefaultDetectors(), limits) { }

    public EmailAnalyzer(IAnalysisCatalogs catalogs, DkimOptions dkim, AnalysisLimits? limits = null) : this(catalogs, DefaultDetectors(dkim), limits) { }

    public EmailAnalyzer(IAnalysisCatalogs catalogs, IEnumerable<IAnalysisDetector> detectors, AnalysisLimits? limits = null)
    {
        _catalogs = catalogs;
        _detectors = detectors.ToList();
        Limits = limits ?? AnalysisLimits.Default;
    }

    public AnalysisLimits Limits { get; }

    /// <summary>The pipeline in report order; the summary comes last because it reads what the others wrote.</summary>
    public static IReadOnlyList<IAnalysisDetector> DefaultDetectors(DkimOptions? dkim = null) =>
    [
        new ForwardDetector(),
        new SmimeDetector(),
        new OpenPgpDetector(),
        new ProtectionLayoutDetector(),
        new PortalDetector(),
        new RelayDetector(),
        new TransportDetector(),
        new ThreadingDetector(),
        new AuthenticationDetector(),
        new DkimDetector(dkim ?? DkimOptions.Disabled),
        new SummaryDetector(),
    ];

    private const int MaxForwardLevels = 5;

    public AnalysisReport Analyze(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        Analyze(MimeParser.Parse(message), cancellationToken);

    /// <summary>
    /// A forward that carries its original as an attached message is analyzed as that original, the way an agent reads
    /// it (<see cref="AttachedForward.Find"/> says when a message is clearly such a forward); the forward's own facts go
    /// to <see cref="AnalysisReport.Forward"/>.
    /// A budget that runs out (time, decoded bytes, containers, or <paramref name="cancellationToken"/>) ends the
    /// detectors early instead of failing: the report says so with an <see cref="AnalysisDefects.Stopped"/> defect
    /// beside what was found until then, and the summary still runs.
    /// </summary>
    public AnalysisReport Analyze(ParsedMessage parsed, CancellationToken cancellationToken = default)
    {
        using var budget = new AnalysisBudget(Limits, parsed.Size, cancellationToken);
        ForwardSection? forward = null;
        if (AttachedForward.Find(parsed) is { } attached)
        {
            forward = DescribeForward(parsed, attached, budget);
            parsed = MimeParser.Parse(attached.Original);
            // A forward of a forward (a colleague passes on what a customer forwarded) is unwrapped down to the
            // original too; a few levels at most, each a parse of a smaller slice of the upload.
            for (; forward.Levels < MaxForwardLevels && AttachedForward.Find(parsed) is { } inner; forward.Levels++)
                parsed = MimeParser.Parse(inner.Original);
        }
        var report = new AnalysisReport
        {
            Forward = forward,
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
        var context = new AnalysisContext(parsed, _catalogs, report, budget);
        var stopped = false;
        for (var i = 0; i < _detectors.Count; i++)
        {
            context.DetectorOrder = i;
            var ran = !stopped && RunWithinBudget(_detectors[i], context, ref stopped);
            // Once stopped, only the summary still runs: it reads the report, not the message, and says what was found.
            if (!ran && _detectors[i] is SummaryDetector)
                _detectors[i].Analyze(context);
            CopyParserDefects();
        }

        // Blockers first, then warnings, then information; detector order within a severity.
        var ordered = report.Findings.OrderBy(f => f.Severity).ThenBy(f => f.DetectorOrder).ToList();
        report.Findings.Clear();
        report.Findings.AddRange(ordered);
        ReportTrimmer.Trim(report, Limits);
        return report;
    }

    private ForwardSection DescribeForward(ParsedMessage upload, AttachedForward attached, AnalysisBudget budget)
    {
        var headers = upload.Root.Headers;
        var section = new ForwardSection
        {
            Kind = ForwardKinds.Attached,
            ForwardedBy = headers.GetValue("From"),
            ForwardedTo = headers.GetValue("To"),
            Subject = headers.GetValue("Subject"),
            Date = MailDate.TryParse(headers.GetValue("Date") ?? "", out var date) ? date : null,
            MessageId = headers.GetValue("Message-ID"),
            PartPath = attached.Attachment.PartPath,
            FileName = attached.Attachment.FileName,
        };
        // The forward's own route is secondary detail: read with the same parser as the original's, into a scratch report.
        var scratch = new AnalysisReport();
        try
        {
            new TransportDetector().Analyze(new AnalysisContext(upload, _catalogs, scratch, budget));
        }
        catch (AnalysisStoppedException)
        {
            // The original's analysis meets the same exhausted budget and reports it.
        }
        section.Hops.AddRange(scratch.Transport.Hops);
        return section;
    }

    private static bool RunWithinBudget(IAnalysisDetector detector, AnalysisContext context, ref bool stopped)
    {
        try
        {
            context.Budget.ThrowIfExhausted();
            detector.Analyze(context);
            return true;
        }
        catch (AnalysisStoppedException e)
        {
            stopped = true;
            context.AddDefect(AnalysisDefects.Stopped, "", 0, $"{e.Message} (reason {e.Reason}, in {detector.GetType().Name})");
            return false;
        }
    }
}

/// <summary>Defects the analyzer itself reports, beside the parser's (<see cref="MimeDefectCodes"/>).</summary>
public static class AnalysisDefects
{
    /// <summary>The analysis ran out of its budget; the report holds what was found until then.</summary>
    public const string Stopped = "analysis-stopped";

    /// <summary>Values or lists were cut so that the report stays small; the detail says what.</summary>
    public const string ReportTrimmed = "report-trimmed";
}
