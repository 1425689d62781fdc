namespace Portal.Data;

/// <summary>One guidance article; its text lives in one translation per language.</summary>
public sealed class Article
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public string Category { get; set; } = "general";
    public int Order { get; set; }
    public List<ArticleTranslation> Translations { get; set; } = [];
}

public enum TranslationStatus { Draft = 0, Published = 1 }

/// <summary>
/// An article in one language. While it is published, its text fields are exactly what the public site shows,
/// and later edits wait as a draft revision (<see cref="DraftRevision"/>) until they are published. While it is
/// not published, the fields hold its latest text. Every change is also kept as an <see cref="ArticleRevision"/>.
/// </summary>
public sealed class ArticleTranslation
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public required string Language { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>Comma-separated, lower-case.</summary>
    public string Tags { get; set; } = "";
    public DateOnly Updated { get; set; }
    /// <summary>Published: the fields are on the public site. Draft: never published, or unpublished.</summary>
    public TranslationStatus Status { get; set; } = TranslationStatus.Published;
    /// <summary>The revision number of the text in the fields (1, 2, …); the English one is what translations refer to.</summary>
    public int Revision { get; set; }
    /// <summary>
    /// The number of a newer revision saved over the published text and not yet published; null when there is none.
    /// Only ever set while <see cref="Status"/> is Published.
    /// </summary>
    public int? DraftRevision { get; set; }
    /// <summary>The newest revision number, draft or not: the next save becomes this plus one.</summary>
    public int LatestRevision => DraftRevision ?? Revision;
    public bool HasPendingDraft => DraftRevision is not null;
    /// <summary>For translations: the English revision they were made from. Null for English.</summary>
    public int? SourceRevision { get; set; }
    /// <summary>Optimistic concurrency: changes on every save, so a stale editor's save is refused.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<ArticleRevision> Revisions { get; set; } = [];
}

/// <summary>The editable fields of one translation: what the editor's form holds and what a revision keeps.</summary>
public sealed record TranslationText(string Title, string Summary, string Body, string Tags, DateOnly Updated, int? SourceRevision)
{
    public static TranslationText Of(ArticleTranslation t) => new(t.Title, t.Summary, t.Body, t.Tags, t.Updated, t.SourceRevision);
    public static TranslationText Of(ArticleRevision r) => new(r.Title, r.Summary, r.Body, r.Tags, r.Updated, r.SourceRevision);
}

/// <summary>An immutable snapshot of a translation. Nothing is ever deleted.</summary>
public sealed class ArticleRevision
{
    /// <summary>
    /// Revision <paramref name="number"/> of <paramref name="translation"/>, holding <paramref name="text"/> and the
    /// translation's status; an imported revision also names its file and the file's hash.
    /// </summary>
    public static ArticleRevision Of(ArticleTranslation translation, TranslationText text, int number, string author, DateTimeOffset createdAt,
        string? sourceFile = null, string? sourceFileHash = null) => new()
    {
        Translation = translation,
        Number = number,
        Title = text.Title,
        Summary = text.Summary,
        Body = text.Body,
        Tags = text.Tags,
        Updated = text.Updated,
        SourceRevision = text.SourceRevision,
        Status = translation.Status,
        CreatedAt = createdAt,
        Author = author,
        SourceFile = sourceFile,
        SourceFileHash = sourceFileHash,
    };

    public int Id { get; set; }
    public int TranslationId { get; set; }
    public ArticleTranslation Translation { get; set; } = null!;
    public int Number { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public string Body { get; set; } = "";
    public string Tags { get; set; } = "";
    public DateOnly Updated { get; set; }
    public int? SourceRevision { get; set; }
    public TranslationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>"content/…" for imports, otherwise the editor's account.</summary>
    public required string Author { get; set; }
    /// <summary>Set when the revision was imported from a file: its path (relative to content/) and SHA-256.</summary>
    public string? SourceFile { get; set; }
    public string? SourceFileHash { get; set; }
}

/// <summary>One "Was this article helpful?" answer.</summary>
public sealed class ArticleFeedback
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public required string Language { get; set; }
    public bool Helpful { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
