using System.Globalization;

namespace Portal.Articles;

/// <summary>A piece of a search snippet; highlighted pieces are the matched words.</summary>
public sealed record SnippetPart(string Text, bool Highlighted);

public sealed record SearchHit(ArticleView Article, IReadOnlyList<SnippetPart> Snippet, int Score);

/// <summary>
/// Finds articles in the reader's language. Matching is by substring, not by word, because Chinese and
/// Japanese do not separate words with spaces; comparison ignores case and full-/half-width forms, so
/// "ＴＬＳ" finds "TLS". Every term of the query must occur somewhere in the article.
/// </summary>
public sealed class ArticleSearch(ArticleLibrary library)
{
    private const CompareOptions Matching = CompareOptions.IgnoreCase | CompareOptions.IgnoreWidth | CompareOptions.IgnoreKanaType;
    private const int SnippetLength = 180;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string? query, string language)
    {
        var terms = Terms(query);
        if (terms.Length == 0)
            return [];

        var compare = Languages.Get(language).Culture.CompareInfo;
        var hits = new List<SearchHit>();
        foreach (var article in await library.ListAsync(language))
        {
            var body = article.Rendered.PlainText;
            var tags = string.Join(' ', article.Tags);
            var score = 0;
            var all = true;
            foreach (var term in terms)
            {
                var termScore = 5 * Count(compare, article.Title, term) + 3 * Count(compare, tags, term)
                    + 2 * Count(compare, article.Summary, term) + Count(compare, body, term);
                if (termScore == 0) { all = false; break; }
                score += termScore;
            }
            if (all)
                hits.Add(new SearchHit(article, Snippet(compare, body.Length > 0 ? body : article.Summary, terms), score));
        }
        return hits.OrderByDescending(h => h.Score).ThenBy(h => h.Article.Order).ToArray();
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
