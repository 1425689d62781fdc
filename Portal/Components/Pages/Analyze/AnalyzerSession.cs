using Portal.Analysis.Report;

namespace Portal.Components.Pages.Analyze;

/// <summary>
/// The last report of one browser tab's circuit. Switching the language navigates to /{lang}/analyze so that the
/// whole page changes language; the circuit (and so this scoped object) survives that navigation, so the report is
/// shown again in the new language without a new upload. It lives only in memory, like the upload itself.
/// </summary>
public sealed class AnalyzerSession
{
    public AnalysisReport? Report { get; set; }
}
