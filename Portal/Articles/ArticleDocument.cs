namespace Portal.Articles;

/// <summary>One markdown file of content/: the front matter's fields and the body.</summary>
public sealed record ArticleDocument(
    string Language,
    string Slug,
    string Title,
    string Summary,
    string Category,
    int Order,
    DateOnly Updated,
    IReadOnlyList<string> Tags,
    int? Revision,
    int? SourceRevision,
    string Body);
