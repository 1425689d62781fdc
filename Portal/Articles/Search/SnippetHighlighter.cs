using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using Lucene.Net.Index;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.VectorHighlight;

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

    private static readonly string[] PreTags = [MarkStart.ToString()];
    private static readonly string[] PostTags = [MarkEnd.ToString()];
    private static readonly FastVectorHighlighter VectorHighlighter = new(phraseHighlight: true, fieldMatch: true);
    private static readonly SimpleFragListBuilder FragLists = new();
    // Fragments widen to the nearest line break (within a fragment's length), so that they start and end with a block.
    private static readonly SimpleFragmentsBuilder Fragments = new(PreTags, PostTags, new SimpleBoundaryScanner(180, ['\n']));

    /// <summary>The query as the vector highlighter reads it; prepare it once per search.</summary>
    public static FieldQuery Prepare(Query query, IndexReader reader) => VectorHighlighter.GetFieldQuery(query, reader);

    /// <summary>
    /// The best passage of a long field from its term vectors (positions and offsets stored at indexing): no
    /// re-analysis of the text, so a page of hits costs little more than the search.
    /// </summary>
    public static IReadOnlyList<SnippetPart>? FromVectors(FieldQuery query, IndexReader reader, int docId, string field, string text, int fragmentSize)
    {
        var fragment = VectorHighlighter.GetBestFragment(query, reader, docId, field, fragmentSize, FragLists, Fragments, PreTags, PostTags, new DefaultEncoder());
        return fragment is null ? null : WithEllipses(MarkedLine(fragment), text);
    }

    /// <summary>Says where the passage was cut out of a longer block.</summary>
    private static List<SnippetPart> WithEllipses(List<SnippetPart> parts, string text)
    {
        var plain = string.Concat(parts.Select(p => p.Text));
        var start = text.IndexOf(plain, StringComparison.Ordinal);
        if (start < 0 || plain.Length == 0)
            return parts;
        var end = start + plain.Length;
        if (start > 0 && text[start - 1] != '\n')
            parts.Insert(0, new SnippetPart("… ", false));
        if (end < text.Length && text[end] != '\n' && text[end..].Trim().Length > 0)
            parts.Add(new SnippetPart(" …", false));
        return parts;
    }

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
        return best is null ? null : MarkedLine(best.ToString());
    }

    /// <summary>A fragment may reach into the neighbouring block: keep the line that holds the marks.</summary>
    private static List<SnippetPart> MarkedLine(string fragment)
    {
        var lines = fragment.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
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
