using System.Globalization;

namespace Portal.Articles.Search;

/// <summary>
/// The help center's search before the full-text index: a culture-aware substring scan of every article, kept only
/// as the benchmark's reference (<c>Portal bench-search</c>), never on a product path. Every term must occur in the
/// article; score = 5 × title + 3 × tags + 2 × summary + body occurrences.
/// </summary>
public static class SubstringScan
{
    private const CompareOptions Matching = CompareOptions.IgnoreCase | CompareOptions.IgnoreWidth | CompareOptions.IgnoreKanaType;

    public static IReadOnlyList<(SearchDocument Document, int Score)> Search(IReadOnlyList<SearchDocument> documents, string? query, CultureInfo culture)
    {
        var terms = Terms(query);
        if (terms.Length == 0)
            return [];
        var compare = culture.CompareInfo;
        var hits = new List<(SearchDocument, int)>();
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
                hits.Add((document, score));
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
}
