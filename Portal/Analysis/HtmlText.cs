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
    /// <param name="withoutQuotes">Leave out what sits in &lt;blockquote&gt; (at any depth): someone else's text quoted in a reply.</param>
    public static string ToText(string html, bool keepSourceLineBreaks = false, bool withoutQuotes = false)
    {
        var source = (withoutQuotes ? WithoutBlockquotes(html) : html).Replace("\r", "");
        if (!keepSourceLineBreaks)
            source = source.Replace("\n", " ");
        return WebUtility.HtmlDecode(Tags().Replace(LineBreakTags().Replace(source, "\n"), ""));
    }

    private static string WithoutBlockquotes(string html)
    {
        var kept = new System.Text.StringBuilder(html.Length);
        var depth = 0;
        var copied = 0;
        foreach (Match tag in BlockquoteTags().Matches(html))
        {
            if (depth == 0)
                kept.Append(html, copied, tag.Index - copied);
            depth = tag.Groups["close"].Success ? Math.Max(0, depth - 1) : depth + 1;
            copied = tag.Index + tag.Length;
        }
        if (depth == 0)
            kept.Append(html, copied, html.Length - copied);
        return kept.ToString();
    }

    // Non-backtracking: the HTML is whatever a sender wrote, and "<" after "<" with no ">" makes a backtracking match
    // quadratic (a few hundred kilobytes would hold a core for seconds); these tags need nothing backtracking offers.
    [GeneratedRegex(@"<\s*(?<close>/)?\s*blockquote\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BlockquoteTags();

    [GeneratedRegex(@"<\s*(?:br|/p|/div|/tr|/h\d|/li)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LineBreakTags();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.NonBacktracking)]
    private static partial Regex Tags();
}
