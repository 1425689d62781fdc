using System.Globalization;

namespace Portal.Articles.Search;

/// <summary>
/// The help center's search before the full-text index: a culture-aware substring scan of every article, kept only
/// as the benchmark's reference (<c>Portal bench-search</c>), never on a product path. Every term must occur in the
/// article; score = 5 × title + 3 × tags + 2 × summary + body occurrences; every hit gets a snippet, as it did.
/// </summary>
public static class SubstringScan
{
    private const CompareOptions Matching = CompareOptions.IgnoreCase | CompareOptions.IgnoreWidth | CompareOptions.IgnoreKanaType;
    private const int SnippetLength = 180;

    public static IReadOnlyList<(SearchDocument Document, int Score, IReadOnlyList<SnippetPart> Snippet)> Search(IReadOnlyList<SearchDocument> documents, string? query, CultureInfo culture)
    {
        var terms = Terms(query);
        if (terms.Length == 0)
            return [];
        var compare = culture.CompareInfo;
        var hits = new List<(SearchDocument, int, IReadOnlyList<SnippetPart>)>();
        foreach (var document in documents)
        {
            var score = 0;
            var all = true;
            foreach (var term in terms)
            {
                var termScore = 5 * Count(compare, document.Title, term) + 3 * Count(compare, document.Tags, term)
                    + 2 * Count(compare, document.Summary, term) + Count(compare, document.Body, term);
                if (termScore == 0) { all = false; break; }
                score += termScore;
            }
            if (all)
                hits.Add((document, score, Snippet(compare, document.Body.Length > 0 ? document.Body : document.Summary, terms)));
        }
        return hits.OrderByDescending(h => h.Item2).ThenBy(h => h.Item1.Order).ToArray();
    }

    public static string[] Terms(string? query) =>
        (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Take(8).ToArray();

    private static int Count(CompareInfo compare, string text, string term)
    {
        var count = 0;
        var span = text.AsSpan();
        while (span.Length > 0)
        {
            var index = compare.IndexOf(span, term, Matching, out var length);
            if (index < 0 || length == 0)
                break;
            count++;
            span = span[(index + length)..];
        }
        return count;
    }

    /// <summary>A window of the text around the first match, cut at whitespace where possible, with every match highlighted.</summary>
    public static IReadOnlyList<SnippetPart> Snippet(CompareInfo compare, string text, IReadOnlyList<string> terms)
    {
        text = text.Replace('\n', ' ');
        var first = terms.Select(t => compare.IndexOf(text, t, Matching)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, first - SnippetLength / 3);
        if (start > 0)
        {
            var space = text.IndexOf(' ', start);
            if (space >= 0 && space < first)
                start = space + 1;
        }
        var end = Math.Min(text.Length, start + SnippetLength);
        var window = text[start..end];

        var marks = new List<(int Start, int Length)>();
        foreach (var term in terms)
        {
            var offset = 0;
            while (offset < window.Length)
            {
                var index = compare.IndexOf(window.AsSpan(offset), term, Matching, out var length);
                if (index < 0 || length == 0)
                    break;
                marks.Add((offset + index, length));
                offset += index + length;
            }
        }

        var parts = new List<SnippetPart>();
        if (start > 0) parts.Add(new SnippetPart("… ", false));
        var position = 0;
        foreach (var (markStart, markLength) in marks.OrderBy(m => m.Start))
        {
            if (markStart < position)
                continue; // overlapping matches of two terms
            if (markStart > position)
                parts.Add(new SnippetPart(window[position..markStart], false));
            parts.Add(new SnippetPart(window.Substring(markStart, markLength), true));
            position = markStart + markLength;
        }
        if (position < window.Length)
            parts.Add(new SnippetPart(window[position..], false));
        if (end < text.Length) parts.Add(new SnippetPart(" …", false));
        return parts;
    }
}
