namespace Portal.Analysis;

/// <summary>
/// One step of the analysis pipeline. A detector reads the parsed message, writes its own section
/// of the report and adds findings; it knows nothing of the other detectors, the UI or HTTP.
/// </summary>
public interface IAnalysisDetector
{
    void Analyze(AnalysisContext context);
}
