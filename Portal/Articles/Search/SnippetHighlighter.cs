using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace Portal.Articles.Search;

/// <summary>
/// The best passage of a field for a query, as plain text pieces with the matched words marked. Lucene's highlighter
/// picks and scores the passage; a fragment never crosses a line of <see cref="SearchDocument.Body"/>, so a snippet
/// is one heading or one paragraph. The text is never HTML: pages render the pieces escaped and wrap marked pieces in
/// &lt;mark&gt; themselves.
/// </summary>
internal static class SnippetHighlighter
{
    // Private-use characters cannot come from an article (they are removed first), so they can delimit the marks.
    private const char MarkStart = '\uE000';
    private const char MarkEnd = '\uE001';

    /// <param name="rewritten">The query rewritten against the index, so that typo-tolerant words are the words they matched.</param>
    public static IReadOnlyList<SnippetPart>? Best(Query rewritten, Analyzer analyzer, string field, string text, int fragmentSize)
    {
        text = text.Replace(MarkStart, ' ').Replace(MarkEnd, ' ');
        // Term scoring, not span scoring: span scoring builds an index of each hit's text per query, ten times the cost.
        var highlighter = new Highlighter(new MarkFormatter(), new QueryTermScorer(rewritten, field))
        {
            TextFragmenter = new BlockFragmenter(fragmentSize),
        };
        using var tokens = analyzer.GetTokenStream(field, text);
        var best = highlighter.GetBestTextFragments(tokens, text, false, 1)
            .FirstOrDefault(f => f is not null && f.Score > 0);
        if (best is null)
            return null;
        // A fragment opens with whatever followed the previous one's last word (its final stop and the line break):
        // keep the line that holds the marks.
        var lines = best.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return Parts(lines.FirstOrDefault(l => l.Contains(MarkStart)) ?? lines.FirstOrDefault() ?? "");
    }

    /// <summary>The start of a text when nothing in it matched (the query matched the title or tags only).</summary>
    public static IReadOnlyList<SnippetPart> Lead(string text, int length)
    {
        var firstBlock = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return [new SnippetPart(firstBlock.Length <= length ? firstBlock : firstBlock[..length] + "…", false)];
    }

    private static List<SnippetPart> Parts(string marked)
    {
        var parts = new List<SnippetPart>();
        var position = 0;
        while (position < marked.Length)
        {
            var start = marked.IndexOf(MarkStart, position);
            if (start < 0)
            {
                parts.Add(new SnippetPart(marked[position..], false));
                break;
            }
            if (start > position)
                parts.Add(new SnippetPart(marked[position..start], false));
            var end = marked.IndexOf(MarkEnd, start);
            if (end < 0)
                end = marked.Length;
            parts.Add(new SnippetPart(marked[(start + 1)..end], true));
            position = end + 1;
        }
        return parts;
    }

    private sealed class MarkFormatter : IFormatter
    {
        public string HighlightTerm(string originalText, TokenGroup tokenGroup) =>
            tokenGroup.TotalScore > 0 ? $"{MarkStart}{originalText}{MarkEnd}" : originalText;
    }

    /// <summary>Starts a new fragment at every line break and whenever a fragment grows past its size.</summary>
    private sealed class BlockFragmenter(int size) : IFragmenter
    {
        private string text = "";
        private IOffsetAttribute? offsets;
        private int fragmentStart;
        private int lastEnd;

        public void Start(string originalText, TokenStream tokenStream)
        {
            text = originalText;
            offsets = tokenStream.AddAttribute<IOffsetAttribute>();
            fragmentStart = 0;
            lastEnd = 0;
        }

        public bool IsNewFragment()
        {
            var start = Math.Min(offsets!.StartOffset, text.Length);
            var gapStart = Math.Min(lastEnd, start);
            var crossesLine = text.IndexOf('\n', gapStart, start - gapStart) >= 0;
            lastEnd = Math.Max(lastEnd, offsets.EndOffset);
            if (!crossesLine && offsets.EndOffset - fragmentStart <= size)
                return false;
            fragmentStart = start;
            return true;
        }
    }
}
