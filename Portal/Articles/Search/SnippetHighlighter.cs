using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Portal.Articles.Search;

/// <summary>
/// The best passage of a field for a query, as plain text pieces with the matched words marked. A passage never
/// crosses a line of <see cref="SearchDocument.Body"/>, so a snippet is one heading or one paragraph. The text is never
/// HTML: pages render the pieces escaped and wrap marked pieces in &lt;mark&gt; themselves.
/// </summary>
internal static class SnippetHighlighter
{
    /// <summary>The query's words in one field, as the index holds them; read once per search.</summary>
    public static IReadOnlyList<BytesRef> TermsOf(Query query, string field)
    {
        var terms = new HashSet<Term>();
        query.ExtractTerms(terms);
        return terms.Where(t => t.Field == field).Select(t => t.Bytes).ToArray();
    }

    /// <summary>
    /// The best line of a field, found from the offsets that the index keeps in its postings: each of the query's few
    /// words is looked up once in the hit's segment and advanced to the hit, so the text is neither analysed again
    /// nor is the hit's whole term vector decoded (Lucene's highlighters and term vectors do one of the two for every
    /// hit, which made a page of snippets cost more than the search). Lucene's PostingsHighlighter reads the same
    /// offsets but cuts passages with a sentence BreakIterator; a snippet here is one block (line) of the article.
    /// A line scores by how many different query words it holds, then how many matches; a long line is cut around
    /// its first match.
    /// </summary>
    public static IReadOnlyList<SnippetPart>? FromPostings(IndexReader reader, int docId, string field, string text, IReadOnlyList<BytesRef> terms, int size)
    {
        if (terms.Count == 0 || string.IsNullOrEmpty(text))
            return null;
        var leaf = reader.Leaves[ReaderUtil.SubIndex(docId, reader.Leaves)];
        if (leaf.AtomicReader.GetTerms(field)?.GetEnumerator() is not { } termsEnum)
            return null;
        var target = docId - leaf.DocBase;
        var matches = new List<(int Start, int End, int Term)>();
        DocsAndPositionsEnum? positions = null;
        for (var t = 0; t < terms.Count; t++)
        {
            if (!termsEnum.SeekExact(terms[t]))
                continue;
            positions = termsEnum.DocsAndPositions(null, positions, DocsAndPositionsFlags.OFFSETS);
            if (positions is null || positions.Advance(target) != target)
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

    /// <summary>The start of a text when nothing in it matched (the query matched the title or tags only).</summary>
    public static IReadOnlyList<SnippetPart> Lead(string text, int length)
    {
        var firstBlock = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return [new SnippetPart(firstBlock.Length <= length ? firstBlock : firstBlock[..length] + "…", false)];
    }
}
