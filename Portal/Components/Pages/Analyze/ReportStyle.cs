using MudBlazor;
using Portal.Analysis.Report;
using Severity = Portal.Analysis.Report.Severity;

namespace Portal.Components.Pages.Analyze;

/// <summary>How severities and TLS states look: one colour and icon each, so that the banner, cards and route agree.</summary>
public static class ReportStyle
{
    public static Color Colour(Severity severity) => Of(severity).Colour;

    public static string Icon(Severity severity) => Of(severity).Icon;

    /// <summary>The verdict banner takes the colour of the worst finding; a report without findings reads as good news.</summary>
    public static MudBlazor.Severity Banner(AnalysisReport report) =>
        report.Findings.Count == 0 ? MudBlazor.Severity.Success : Of(report.Findings.Min(f => f.Severity)).Alert;

    private static (Color Colour, string Icon, MudBlazor.Severity Alert) Of(Severity severity) => severity switch
    {
        Severity.Blocker => (Color.Error, Icons.Material.Filled.Block, MudBlazor.Severity.Error),
        Severity.Warning => (Color.Warning, Icons.Material.Filled.WarningAmber, MudBlazor.Severity.Warning),
        _ => (Color.Info, Icons.Material.Outlined.Info, MudBlazor.Severity.Info),
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
