using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Components.Layout;

/// <summary>
/// The part of MudBlazor's stylesheet that the reading pages use, served as one small cacheable file. The full
/// stylesheet is 627 KB before compression; on a phone the browser spends hundreds of milliseconds matching and
/// laying out rules for components (inputs, pickers, data grids…) that a reading page never shows. The interactive
/// pages (analyzer, admin) keep the full stylesheet.
/// </summary>
/// <remarks>
/// A rule is kept when every class its selector names belongs to a component the reading layout renders
/// (<see cref="ReadingComponents"/>); rules without classes (MudBlazor's reset of html, body, a…) are kept, and so are
/// the keyframes those rules animate with. <c>ReadingStylesheetTests</c> renders every kind of reading page and fails
/// when a MudBlazor class on it has no rules here. AngleSharp.Css (which HtmlSanitizer brings) was not used: its
/// object model drops declarations it does not know, and this has to copy MudBlazor's rules exactly.
/// </remarks>
public sealed partial class ReadingStylesheet(IWebHostEnvironment environment)
{
    public const string Path = "/reading.css";

    /// <summary>MudBlazor's own stylesheet, under the static web assets of its package.</summary>
    public const string MudBlazorStylesheet = "_content/MudBlazor/MudBlazor.min.css";

    /// <summary>
    /// Class prefixes of the MudBlazor components that render on reading pages without a circuit (see
    /// PLATFORM.md), and the few utility classes they add.
    /// </summary>
    public static readonly IReadOnlyList<string> ReadingComponents =
    [
        "mud-layout", "mud-appbar", "mud-toolbar", "mud-drawer", "mud-main-content", "mud-nav", "mud-breadcrumb",
        "mud-typography", "mud-paper", "mud-card", "mud-grid", "mud-alert", "mud-chip", "mud-button", "mud-link",
        "mud-icon", "mud-svg-icon", "mud-elevation-", "mud-ripple", "mud-disabled", "mud-divider", "mud-simple-table",
        "mud-primary", "mud-secondary", "mud-tertiary", "mud-info", "mud-success", "mud-warning", "mud-error",
        "mud-dark", "mud-default", "flex-grow-1", "justify-start", "active", "mud-dense",
    ];

    /// <summary>Variants under those prefixes that the reading layout does not use (its drawer is persistent, on the left, never mini).</summary>
    public static readonly IReadOnlyList<string> UnusedVariants =
    [
        "mud-button-group", "mud-icon-button", "mud-appbar-dense", "mud-drawer-mini", "mud-drawer-close-mini", "mud-drawer-open-mini",
        "mud-drawer-responsive", "mud-drawer-open-responsive", "mud-drawer-close-responsive", "mud-drawer-temporary",
        "mud-drawer-open-temporary", "mud-drawer-overlay", "mud-drawer-right", "mud-drawer-pos-right", "mud-drawer-pos-end",
        "mud-drawer-open-persistent-right", "mud-drawer-close-persistent-right", "mud-drawer-left-clipped-never",
        "mud-drawer-right-clipped", "mud-drawer-left-clipped-docked", "mud-drawer-clipped-docked", "mud-drawer-clipped-never",
        "mud-drawer-pos-top", "mud-drawer-pos-bottom",
    ];

    private Task<(string Css, string Version)>? built;

    public async Task<string> CssAsync() => (await (built ??= BuildAsync())).Css;

    /// <summary>The stylesheet's URL, versioned by its content so browsers may keep it for a year.</summary>
    public async Task<string> UrlAsync() => $"{Path}?v={(await (built ??= BuildAsync())).Version}";

    private async Task<(string, string)> BuildAsync()
    {
        var file = environment.WebRootFileProvider.GetFileInfo(MudBlazorStylesheet);
        if (!file.Exists)
            throw new InvalidOperationException($"MudBlazor's stylesheet is missing from the web root ({MudBlazorStylesheet}).");
        string full;
        await using (var stream = file.CreateReadStream())
        using (var reader = new StreamReader(stream))
            full = await reader.ReadToEndAsync();
        var css = Subset(full, IsReadingClass);
        var version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..12].ToLowerInvariant();
        return (css, version);
    }

    public static bool IsReadingClass(string className) =>
        ReadingComponents.Any(prefix => className.StartsWith(prefix, StringComparison.Ordinal))
        && !UnusedVariants.Any(prefix => className.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The class names a selector (or any CSS text) names, unescaped (<c>.hover\:mud-x</c> is <c>hover:mud-x</c>).</summary>
    public static IEnumerable<string> ClassNames(string selector) =>
        ClassName().Matches(selector).Select(m => EscapedCharacter().Replace(m.Groups[1].Value, e => e.Groups[1].Value));

    /// <summary>
    /// The rules of <paramref name="css"/> (minified, as MudBlazor ships it) whose selectors name only classes that
    /// <paramref name="keepClass"/> accepts; selector lists are cut down to the selectors that qualify, empty
    /// @media/@supports blocks disappear, keyframes stay when a kept rule names them. Licence comments stay.
    /// </summary>
    public static string Subset(string css, Func<string, bool> keepClass)
    {
        var keyframes = new List<(string Name, string Text)>();
        var output = new StringBuilder();
        var position = 0;
        css = css.TrimStart('\uFEFF');
        CopyBlock(css, ref position, output, keepClass, keyframes);
        var kept = output.ToString();
        foreach (var (name, text) in keyframes)
            if (Regex.IsMatch(kept, $@"(?<![\w-]){Regex.Escape(name)}(?![\w-])"))
                output.Append(text);
        return output.ToString();
    }

    /// <summary>Reads rules until the end of the text or the brace that closes the enclosing block.</summary>
    private static void CopyBlock(string css, ref int i, StringBuilder output, Func<string, bool> keepClass, List<(string, string)> keyframes)
    {
        while (i < css.Length)
        {
            var c = css[i];
            if (char.IsWhiteSpace(c))
                i++;
            else if (c == '}')
            {
                i++;
                return;
            }
            else if (c == '/' && i + 1 < css.Length && css[i + 1] == '*')
            {
                var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? css.Length : end + 2;
                if (i + 2 < css.Length && css[i + 2] == '!')
                    output.Append(css, i, end - i);
                i = end;
            }
            else if (c == '@')
                CopyAtRule(css, ref i, output, keepClass, keyframes);
            else
            {
                var prelude = ReadUntil(css, ref i, '{');
                var body = ReadBlock(css, ref i);
                // A class under :not(…) only narrows a selector (the drawer is :not(.mud-drawer-right)): it does not count.
                var selectors = SplitSelectors(prelude).Where(s => ClassNames(Negation().Replace(s, "")).All(keepClass)).ToList();
                if (selectors.Count > 0)
                    output.Append(string.Join(',', selectors)).Append('{').Append(body).Append('}');
            }
        }
    }

    private static void CopyAtRule(string css, ref int i, StringBuilder output, Func<string, bool> keepClass, List<(string, string)> keyframes)
    {
        var start = i;
        var prelude = ReadUntil(css, ref i, '{', ';');
        if (i > 0 && css[i - 1] == ';')
        {
            output.Append(css, start, i - start);
            return;
        }
        var name = AtKeyword().Match(prelude).Groups[1].Value;
        if (name.EndsWith("keyframes", StringComparison.Ordinal))
        {
            var body = ReadBlock(css, ref i);
            keyframes.Add((prelude[(prelude.IndexOf(' ') + 1)..].Trim(), $"{prelude}{{{body}}}"));
        }
        else if (name is "media" or "supports" or "-moz-document" or "container" or "layer")
        {
            var inner = new StringBuilder();
            CopyBlock(css, ref i, inner, keepClass, keyframes);
            if (inner.Length > 0)
                output.Append(prelude).Append('{').Append(inner).Append('}');
        }
        else
            output.Append(prelude).Append('{').Append(ReadBlock(css, ref i)).Append('}');
    }

    /// <summary>Text up to (not including) the first of <paramref name="stops"/> outside strings; <paramref name="i"/> ends after it.</summary>
    private static string ReadUntil(string css, ref int i, params char[] stops)
    {
        var start = i;
        while (i < css.Length && Array.IndexOf(stops, css[i]) < 0)
            SkipCharacter(css, ref i);
        var text = css[start..Math.Min(i, css.Length)];
        i++;
        return text;
    }

    /// <summary>The inside of a block whose opening brace was just read; <paramref name="i"/> ends after its closing brace.</summary>
    private static string ReadBlock(string css, ref int i)
    {
        var start = i;
        var depth = 1;
        while (i < css.Length)
        {
            if (css[i] == '{')
                depth++;
            else if (css[i] == '}' && --depth == 0)
                break;
            SkipCharacter(css, ref i);
        }
        var text = css[start..Math.Min(i, css.Length)];
        i++;
        return text;
    }

    /// <summary>Steps over one character, a whole quoted string, or an escape.</summary>
    private static void SkipCharacter(string css, ref int i)
    {
        var c = css[i];
        if (c == '\\')
            i += 2;
        else if (c is '"' or '\'')
        {
            i++;
            while (i < css.Length && css[i] != c)
                i += css[i] == '\\' ? 2 : 1;
            i++;
        }
        else
            i++;
    }

    /// <summary>A selector list split at its top-level commas (not those inside :is(…), :not(…) or strings).</summary>
    private static IEnumerable<string> SplitSelectors(string prelude)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < prelude.Length; i++)
        {
            switch (prelude[i])
            {
                case '\\': i++; break;
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    yield return prelude[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }
        yield return prelude[start..].Trim();
    }

    [GeneratedRegex(@"\.((?:\\.|[\w-])+)")]
    private static partial Regex ClassName();

    [GeneratedRegex(@":not\((?:[^()]|\([^()]*\))*\)")]
    private static partial Regex Negation();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex EscapedCharacter();

    [GeneratedRegex(@"^@([\w-]+)")]
    private static partial Regex AtKeyword();
}
