using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Analysis;

/// <summary>
/// The text a reader sees in an HTML body, for detectors that look for lines (forward separators, OpenPGP armor):
/// line-breaking tags become line breaks, other tags go, entities are decoded. The HTML is never rendered.
/// </summary>
public static partial class HtmlText
{
    /// <param name="keepSourceLineBreaks">
    /// False for flowing text, where a line break in the source is only a space. True for preformatted content such as
    /// armor pasted into a webmail editor: it may sit in a &lt;pre&gt; whose source lines are the lines.
    /// </param>
    public static string ToText(string html, bool keepSourceLineBreaks = false)
    {
        var source = html.Replace("\r", "");
        if (!keepSourceLineBreaks)
            source = source.Replace("\n", " ");
        return WebUtility.HtmlDecode(Tags().Replace(LineBreakTags().Replace(source, "\n"), ""));
    }

    [GeneratedRegex(@"<\s*(?:br|/p|/div|/tr|/h\d|/li)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreakTags();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();
}
