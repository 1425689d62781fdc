using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Portal.Analysis.Report;
using Portal.Text;

namespace Portal.Analysis;

/// <summary>
/// Marker class for FindingTexts.resx (keys <c>code.title</c>, <c>code.explanation</c>,
/// <c>code.actions</c>, actions one per line, and <c>note.key</c> for evidence notes) and the helper that fills their placeholders.
/// Translations are satellite files beside it (FindingTexts.de.resx ...).
/// </summary>
public sealed partial class FindingTexts
{
    private static readonly ResourceManager Resources = new(typeof(FindingTexts));

    public static string? Get(string key, CultureInfo? culture = null) => Resources.GetString(key, culture ?? CultureInfo.CurrentUICulture);

    public static string Title(Finding finding, CultureInfo? culture = null) => Fill(Get(finding.TextKey + ".title", culture), finding, culture);

    public static string Explanation(Finding finding, CultureInfo? culture = null) => Fill(Get(finding.TextKey + ".explanation", culture), finding, culture);

    public static IReadOnlyList<string> Actions(Finding finding, CultureInfo? culture = null) =>
        Fill(Get(finding.TextKey + ".actions", culture), finding, culture)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The evidence's note in words (<c>note.{key}</c>), or null where the note is technical data shown as it is
    /// (<see cref="Evidence.Note"/>) or there is none.
    /// </summary>
    public static string? Note(Evidence evidence, CultureInfo? culture = null)
    {
        if (evidence.NoteKey is not { } key)
            return null;
        var note = Fill(Get("note." + key, culture) ?? key, evidence.NoteArgs, culture);
        foreach (var more in evidence.MoreNoteKeys ?? [])
            note += Get("note.separator", culture) + Fill(Get("note." + more, culture) ?? more, evidence.NoteArgs, culture);
        return note;
    }

    /// <summary>
    /// A recipient's kind in plain words ('RSA key transport' for ktri, 'OpenPGP public key' for pkesk), the technical
    /// term being secondary detail; null for a kind without a text.
    /// </summary>
    public static string? RecipientKind(string? kind, CultureInfo? culture = null) =>
        kind is null ? null : Get("recipient-kind." + kind, culture);

    /// <summary>
    /// Replaces {name} with the finding's argument, and {name:plural:one|other} with the wording that fits the
    /// argument as a count in <paramref name="culture"/>'s language (see <see cref="PluralRules"/>). An unknown
    /// name stays visible rather than vanishing.
    /// </summary>
    public static string Fill(string? template, Finding finding, CultureInfo? culture = null) =>
        template is null ? finding.Code : Fill(template, finding.Args, culture);

    internal static string Fill(string template, IReadOnlyDictionary<string, string>? args, CultureInfo? culture) =>
        Placeholder().Replace(template, m =>
            args is null || !args.TryGetValue(m.Groups["name"].Value, out var value) ? m.Value
            : m.Groups["branches"].Success ? PluralRules.Select(culture ?? CultureInfo.CurrentUICulture, value, m.Groups["branches"].Value)
            : WordArguments.Contains(m.Groups["name"].Value) ? Get($"value.{m.Groups["name"].Value}.{value}", culture) ?? value
            : value);

    /// <summary>
    /// Arguments whose value is a word the engine chose from a closed set (a marker's confidence: high, medium, low),
    /// not data from the message: the reader sees it in their language, through its text <c>value.{name}.{value}</c>.
    /// </summary>
    private static readonly HashSet<string> WordArguments = new(StringComparer.Ordinal) { "confidence" };

    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9]*)(?::plural:(?<branches>[^{}]*))?\}")]
    private static partial Regex Placeholder();
}
