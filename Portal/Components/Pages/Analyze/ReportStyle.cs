using MudBlazor;
using Portal.Analysis.Report;
using Severity = Portal.Analysis.Report.Severity;

namespace Portal.Components.Pages.Analyze;

/// <summary>How severities and TLS states look: one colour and icon each, so that the banner, cards and route agree.</summary>
public static class ReportStyle
{
    public static Color Colour(Severity severity) => severity switch
    {
        Severity.Blocker => Color.Error,
        Severity.Warning => Color.Warning,
        _ => Color.Info,
    };

    public static string Icon(Severity severity) => severity switch
    {
        Severity.Blocker => Icons.Material.Filled.Block,
        Severity.Warning => Icons.Material.Filled.WarningAmber,
        _ => Icons.Material.Outlined.Info,
    };

    /// <summary>The verdict banner takes the colour of the worst finding; a report without findings reads as good news.</summary>
    public static MudBlazor.Severity Banner(AnalysisReport report) =>
        report.Findings.Count == 0 ? MudBlazor.Severity.Success
        : report.Findings.Min(f => f.Severity) switch
        {
            Severity.Blocker => MudBlazor.Severity.Error,
            Severity.Warning => MudBlazor.Severity.Warning,
            _ => MudBlazor.Severity.Info,
        };

    public static Color Tls(string state) => state switch
    {
        TlsStates.Yes => Color.Success,
        TlsStates.No => Color.Error,
        _ => Color.Default,
    };

    public static string TlsIcon(string state) => state switch
    {
        TlsStates.Yes => Icons.Material.Filled.Lock,
        TlsStates.No => Icons.Material.Filled.LockOpen,
        _ => Icons.Material.Filled.QuestionMark,
    };
}
