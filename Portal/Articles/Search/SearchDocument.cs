namespace Portal.Articles.Search;

/// <summary>
/// What the index knows of one article in one language. <see cref="Body"/> is plain text with one block
/// (heading, paragraph, list item) per line, so that snippets never run a heading into the paragraph below it.
/// A record, so that an unchanged article is recognised and not indexed again.
/// </summary>
public sealed record SearchDocument(string Slug, string Category, int Order, string Title, string Summary, string Tags, string Body)
{
    public static SearchDocument Of(ArticleView article) =>
        new(article.Slug, article.Category, article.Order, article.Title, article.Summary, string.Join(", ", article.Tags), article.Rendered.PlainText);
}

/// <summary>A piece of a search snippet; highlighted pieces are the matched words.</summary>
public sealed record SnippetPart(string Text, bool Highlighted);

public sealed record IndexHit(string Slug, string Category, string Title, int Order, float Score, IReadOnlyList<SnippetPart> Snippet);

/// <summary>The hits of one query (best first), how many there were in all, and a corrected query when nothing matched but a close spelling would.</summary>
public sealed record IndexResult(IReadOnlyList<IndexHit> Hits, int Total, string? DidYouMean)
{
    public static IndexResult Empty { get; } = new([], 0, null);
}
