using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using Lucene.Net.Index;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;

namespace Portal.Articles.Search;

/// <summary>
/// The best passage of a field for a query, as plain text pieces with the matched words marked. A passage never
/// crosses a line of <see cref="SearchDocument.Body"/>, so a snippet is one heading or one paragraph. The text is never
/// HTML: pages render the pieces escaped and wrap marked pieces in &lt;mark&gt; themselves.
/// </summary>
internal static class SnippetHighlighter
{
    // Private-use characters cannot come from an article (they are removed first), so they can delimit the marks.
    private const char MarkStart = '\uE000';
    private const char MarkEnd = '\uE001';

    /// <summary>The query's words in one field, as the index holds them; read once per search.</summary>
    public static IReadOnlyList<BytesRef> TermsOf(Query rewritten, string field)
    {
        var terms = new HashSet<Term>();
        rewritten.ExtractTerms(terms);
        return terms.Where(t => t.Field == field).Select(t => t.Bytes).ToArray();
    }

    /// <summary>
    /// The best line of a long field, found from its term vector (offsets stored at indexing): the query's few words
    /// are looked up in the hit's vector, so the text is neither analysed again nor scanned term by term. Lucene's
    /// highlighters do one of the two for every hit, which made a page of snippets cost ten times the search.
    /// A line scores by how many different query words it holds, then how many matches; a long line is cut around its
    /// first match.
    /// </summary>
    public static IReadOnlyList<SnippetPart>? FromVector(IndexReader reader, int docId, string field, string text, IReadOnlyList<BytesRef> terms, int size)
    {
        if (terms.Count == 0 || reader.GetTermVector(docId, field) is not { } vector)
            return null;
        var matches = new List<(int Start, int End, int Term)>();
        var termsEnum = vector.GetEnumerator();
        DocsAndPositionsEnum? positions = null;
        for (var t = 0; t < terms.Count; t++)
        {
            if (!termsEnum.SeekExact(terms[t]))
                continue;
            positions = termsEnum.DocsAndPositions(null, positions, DocsAndPositionsFlags.OFFSETS);
            if (positions is null || positions.NextDoc() == DocIdSetIterator.NO_MORE_DOCS)
                continue;
            for (var i = 0; i < positions.Freq; i++)
            {
                positions.NextPosition();
                if (positions.StartOffset >= 0 && positions.EndOffset <= text.Length && positions.EndOffset > positions.StartOffset)
                    matches.Add((positions.StartOffset, positions.EndOffset, t));
            }
        }
        if (matches.Count == 0)
            return null;

        var best = matches
            .GroupBy(m => LineStart(text, m.Start))
            .OrderByDescending(line => line.Select(m => m.Term).Distinct().Count())
            .ThenByDescending(line => line.Count())
            .ThenBy(line => line.Key)
            .First();
        var lineStart = best.Key;
        var lineEnd = text.IndexOf('\n', lineStart) is var newline and >= 0 ? newline : text.Length;
        var (from, to) = Window(text, lineStart, lineEnd, best.Min(m => m.Start), size);

        var parts = new List<SnippetPart>();
        if (from > lineStart)
            parts.Add(new SnippetPart("… ", false));
        var position = from;
        foreach (var (start, end, _) in MergeOverlaps(best.Where(m => m.Start >= from && m.End <= to)))
        {
            if (start > position)
                parts.Add(new SnippetPart(text[position..start], false));
            parts.Add(new SnippetPart(text[start..end], true));
            position = end;
        }
        if (position < to)
            parts.Add(new SnippetPart(text[position..to], false));
        if (to < lineEnd)
            parts.Add(new SnippetPart(" …", false));
        return parts;
    }

    private static int LineStart(string text, int offset) => offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;

    /// <summary>The whole line when it fits, else <paramref name="size"/> characters from a little before the first match, cut at spaces where there are any.</summary>
    private static (int From, int To) Window(string text, int lineStart, int lineEnd, int firstMatch, int size)
    {
        if (lineEnd - lineStart <= size)
            return (lineStart, lineEnd);
        var from = Math.Max(lineStart, firstMatch - size / 4);
        if (from > lineStart && text.IndexOf(' ', from, firstMatch - from) is var space and >= 0)
            from = space + 1;
        var to = Math.Min(lineEnd, from + size);
        if (to < lineEnd && text.LastIndexOf(' ', to - 1, to - firstMatch) is var lastSpace and > 0 && lastSpace > firstMatch)
            to = lastSpace;
        return (from, to);
    }

    /// <summary>Overlapping matches (CJK bigrams, synonyms) become one mark.</summary>
    private static IEnumerable<(int Start, int End, int Term)> MergeOverlaps(IEnumerable<(int Start, int End, int Term)> matches)
    {
        (int Start, int End, int Term)? current = null;
        foreach (var match in matches.OrderBy(m => m.Start).ThenByDescending(m => m.End))
        {
            if (current is { } open && match.Start < open.End)
            {
                current = open with { End = Math.Max(open.End, match.End) };
                continue;
            }
            if (current is { } done)
                yield return done;
            current = match;
        }
        if (current is { } last)
            yield return last;
    }

    /// <summary>Lucene's highlighter, for short fields without term vectors (the summary).</summary>
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
