namespace Portal.Components.Pages.Analyze;

public static class AnalyzerLimits
{
    /// <summary>Paste box limit: at up to three UTF-8 bytes per character this stays under the circuit's 4 MB message limit.</summary>
    public const int MaxPastedCharacters = 1_000_000;

    /// <summary>The plain form's handler name (Blazor's <c>_handler</c> field), shared by the page and the prerendered workbench.</summary>
    public const string FormName = "analyze";
}
