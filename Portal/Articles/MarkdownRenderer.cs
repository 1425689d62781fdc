using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Portal.Articles;

/// <summary>A heading of an article, for its table of contents.</summary>
public sealed record TocEntry(int Level, string Text, string Anchor);

public sealed record RenderedMarkdown(string Html, IReadOnlyList<TocEntry> Toc, string PlainText);

/// <summary>
/// The one markdown pipeline of the portal, used by the public pages and the admin preview alike.
/// Raw HTML is disabled: authors write markdown, and whatever HTML they type is shown as text.
/// </summary>
public static partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks()
        .Build();

    public static RenderedMarkdown Render(string markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        var toc = AssignHeadingAnchors(document);
        NeutralizeUnsafeLinks(document);

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();

        return new RenderedMarkdown(writer.ToString(), toc, PlainText(document));
    }

    /// <summary>
    /// A heading that ends in <c>{#some-id}</c> gets exactly that id, so that finding links and
    /// translations share one anchor; any other heading gets an anchor derived from its text.
    /// Markdig's own identifiers keep only ASCII, which leaves Chinese and Japanese headings without
    /// usable anchors; ours keep every letter and digit of any script.
    /// </summary>
    private static List<TocEntry> AssignHeadingAnchors(MarkdownDocument document)
    {
        var headings = document.Descendants<HeadingBlock>().Select(h => (Heading: h, ExplicitId: TakeExplicitId(h))).ToList();
        var used = new HashSet<string>(headings.Select(h => h.ExplicitId).OfType<string>(), StringComparer.Ordinal);
        var toc = new List<TocEntry>();
        foreach (var (heading, explicitId) in headings)
        {
            var text = InlineText(heading.Inline);
            var anchor = explicitId ?? Unique(Anchor(text), used);
            heading.GetAttributes().Id = anchor;
            if (heading.Level is 2 or 3)
                toc.Add(new TocEntry(heading.Level, text, anchor));
        }
        return toc;
    }

    /// <summary>
    /// Only the id syntax, and only lowercase ASCII letters, digits and dashes: Markdig's generic
    /// attributes extension stays off, because it would let an author add any attribute (onclick…).
    /// Anything else, such as <c>{#bad id"}</c> or <c>{onclick=x}</c>, stays visible text.
    /// </summary>
    private static string? TakeExplicitId(HeadingBlock heading)
    {
        // The autolink extension splits plain text into several literals (at h, w, f, m), so the
        // tail of the heading is read across all of its trailing literals.
        var tail = new List<LiteralInline>();
        for (var inline = heading.Inline?.LastChild; inline is LiteralInline literal; inline = inline.PreviousSibling)
            tail.Insert(0, literal);
        var content = string.Concat(tail.Select(l => l.Content.ToString()));
        var match = ExplicitId().Match(content);
        if (!match.Success)
            return null;
        var rest = content[..match.Index].TrimEnd();
        foreach (var literal in tail.Skip(1))
            literal.Remove();
        if (rest.Length == 0)
            tail[0].Remove();
        else
            tail[0].Content = new Markdig.Helpers.StringSlice(rest);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExplicitId();

    public static string Anchor(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingDash = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                if (pendingDash && builder.Length > 0)
                    builder.Append('-');
                builder.Append(c);
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }
        }
        return builder.Length == 0 ? "section" : builder.ToString();
    }

    private static string Unique(string anchor, HashSet<string> used)
    {
        var candidate = anchor;
        for (var n = 2; !used.Add(candidate); n++)
            candidate = $"{anchor}-{n}";
        return candidate;
    }

    /// <summary>
    /// Only http(s), mailto and site-relative links survive; "javascript:" and friends become inert, whatever the link
    /// kind: inline and reference links and images point nowhere, and an autolink (<c>&lt;javascript:alert(1)&gt;</c>)
    /// becomes its plain text. This must not depend on the Content-Security-Policy.
    /// </summary>
    private static void NeutralizeUnsafeLinks(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url && !IsSafeUrl(url))
                link.Url = "#";
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!autolink.IsEmail && !IsSafeUrl(autolink.Url))
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }
    }

    public static bool IsSafeUrl(string url)
    {
        var trimmed = url.Trim();
        if (trimmed.StartsWith('/') || trimmed.StartsWith('#') || trimmed.StartsWith("./", StringComparison.Ordinal))
            return !trimmed.StartsWith("//", StringComparison.Ordinal);
        var colon = trimmed.IndexOf(':');
        if (colon < 0)
            return true; // relative
        var scheme = trimmed[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
            return "";
        var builder = new StringBuilder();
        foreach (var child in inline.Descendants())
        {
            switch (child)
            {
                case LiteralInline literal: builder.Append(literal.Content.ToString()); break;
                case CodeInline code: builder.Append(code.Content); break;
            }
        }
        return builder.ToString().Trim();
    }

    private static string PlainText(MarkdownDocument document)
    {
        var builder = new StringBuilder();
        foreach (var leaf in document.Descendants<LeafBlock>())
        {
            if (leaf.Inline is not null)
                builder.Append(InlineText(leaf.Inline));
            else if (leaf is CodeBlock code)
                builder.Append(code.Lines.ToString());
            builder.Append('\n');
        }
        return builder.ToString();
    }
}
