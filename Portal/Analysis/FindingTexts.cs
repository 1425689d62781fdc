using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Portal.Analysis.Report;

namespace Portal.Analysis;

/// <summary>
/// Marker class for FindingTexts.resx (keys <c>code.title</c>, <c>code.explanation</c>,
/// <c>code.actions</c>, actions one per line) and the helper that fills a finding's placeholders.
/// Translations are satellite files beside it (FindingTexts.de.resx ...).
/// </summary>
public sealed partial class FindingTexts
{
    private static readonly ResourceManager Resources = new(typeof(FindingTexts));

    public static string? Get(string key, CultureInfo? culture = null) => Resources.GetString(key, culture ?? CultureInfo.CurrentUICulture);

    public static string Title(Finding finding, CultureInfo? culture = null) => Fill(Get(finding.TextKey + ".title", culture), finding);

    public static string Explanation(Finding finding, CultureInfo? culture = null) => Fill(Get(finding.TextKey + ".explanation", culture), finding);

    public static IReadOnlyList<string> Actions(Finding finding, CultureInfo? culture = null) =>
        Fill(Get(finding.TextKey + ".actions", culture), finding)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Replaces {name} with the finding's argument; an unknown name stays visible rather than vanishing.</summary>
    public static string Fill(string? template, Finding finding) =>
        template is null ? finding.Code : Placeholder().Replace(template, m => finding.Args.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();
}
