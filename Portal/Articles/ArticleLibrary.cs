using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Articles;

/// <summary>
/// An article as a reader sees it in one language. When the requested translation is missing or not
/// published, the English text is shown and <see cref="IsFallback"/> says so.
/// </summary>
public sealed class ArticleView
{
    private readonly Lazy<RenderedMarkdown> rendered;

    public ArticleView(int articleId, string slug, string category, int order, string requestedLanguage, ArticleTranslation text,
        int englishRevision, IReadOnlyList<string> availableLanguages)
    {
        ArticleId = articleId;
        Slug = slug;
        Category = category;
        Order = order;
        RequestedLanguage = requestedLanguage;
        Language = text.Language;
        Title = text.Title;
        Summary = text.Summary;
        Tags = text.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Updated = text.Updated;
        Revision = text.Revision;
        SourceRevision = text.SourceRevision;
        EnglishRevision = englishRevision;
        AvailableLanguages = availableLanguages;
        Body = text.Body;
        rendered = new Lazy<RenderedMarkdown>(() => MarkdownRenderer.Render(Body));
    }

    public int ArticleId { get; }
    public string Slug { get; }
    public string Category { get; }
    public int Order { get; }
    public string RequestedLanguage { get; }
    /// <summary>The language of the text actually shown.</summary>
    public string Language { get; }
    public bool IsFallback => Language != RequestedLanguage;
    public bool IsTranslation => Language != Languages.English;
    public string Title { get; }
    public string Summary { get; }
    public IReadOnlyList<string> Tags { get; }
    public DateOnly Updated { get; }
    public int Revision { get; }
    public int? SourceRevision { get; }
    public int EnglishRevision { get; }
    /// <summary>True when the translation was made from an older English revision than the current one.</summary>
    public bool IsStale => IsTranslation && SourceRevision < EnglishRevision;
    public IReadOnlyList<string> AvailableLanguages { get; }
    public string Body { get; }
    public RenderedMarkdown Rendered => rendered.Value;
}

/// <summary>
/// The published articles, read from the database once and kept in memory until something changes
/// (an import or an admin's publish, unpublish or restore, on any instance, announces <see cref="ChangeKind.Articles"/>,
/// which calls <see cref="InvalidateAsync"/> on every instance). Each language's views are built once per snapshot, so
/// that an article's markdown is rendered once and not on every visit or search. Everything derived from published
/// content (the search index) follows this snapshot through <see cref="Changed"/>.
/// </summary>
public sealed class ArticleLibrary
{
    private readonly IDbContextFactory<PortalDbContext> dbFactory;
    private readonly IOutputCacheStore pageCache;

    /// <summary>A publish, unpublish, restore or import on any instance reaches this one through <paramref name="changes"/>.</summary>
    public ArticleLibrary(IDbContextFactory<PortalDbContext> dbFactory, IOutputCacheStore pageCache, ChangeFeed changes)
    {
        this.dbFactory = dbFactory;
        this.pageCache = pageCache;
        changes.Subscribe(ChangeKind.Articles, InvalidateAsync);
    }

    private sealed class Snapshot(IReadOnlyList<Article> articles)
    {
        private readonly ConcurrentDictionary<string, IReadOnlyList<ArticleView>> views = new(StringComparer.Ordinal);

        /// <summary>The views in a language; only the portal's own language codes are kept, so that odd input cannot grow the cache.</summary>
        public IReadOnlyList<ArticleView> In(string language) =>
            Languages.Find(language)?.Code == language ? views.GetOrAdd(language, Build) : Build(language);

        private IReadOnlyList<ArticleView> Build(string language) =>
            articles
                .Select(a => View(a, language))
                .OfType<ArticleView>()
                .OrderBy(v => v.Order).ThenBy(v => v.Slug, StringComparer.Ordinal)
                .ToArray();
    }

    /// <summary>The output-cache tag of every page built from the articles; evicted whenever they change.</summary>
    public const string PageCacheTag = "articles";

    private volatile Task<Snapshot>? current;

    /// <summary>
    /// The one place where this instance learns that published content changed: drops the snapshot and the cached
    /// reading pages built from it (the next visit reads the database again) and tells what follows the snapshot (the
    /// search index). When several instances run, the change notification between them calls this on every instance.
    /// </summary>
    public async Task InvalidateAsync()
    {
        current = null;
        await pageCache.EvictByTagAsync(PageCacheTag, CancellationToken.None);
        Changed?.Invoke();
    }

    /// <summary>Raised after <see cref="InvalidateAsync"/>; the next <see cref="ListAsync"/> reads the new snapshot.</summary>
    public event Action? Changed;

    public async Task<IReadOnlyList<ArticleView>> ListAsync(string language) => (await GetSnapshotAsync()).In(language);

    public async Task<ArticleView?> FindAsync(string slug, string language) =>
        (await ListAsync(language)).FirstOrDefault(v => v.Slug == slug);

    /// <summary>Up to <paramref name="count"/> other articles: same category first, then shared tags, then reading order.</summary>
    public async Task<IReadOnlyList<ArticleView>> RelatedAsync(ArticleView article, int count = 3)
    {
        var all = await ListAsync(article.RequestedLanguage);
        return all.Where(a => a.Slug != article.Slug)
            .OrderByDescending(a => a.Category == article.Category)
            .ThenByDescending(a => a.Tags.Intersect(article.Tags, StringComparer.OrdinalIgnoreCase).Count())
            .ThenBy(a => a.Order)
            .Take(count)
            .ToArray();
    }

    private static ArticleView? View(Article article, string language)
    {
        var published = article.Translations.Where(t => t.Status == TranslationStatus.Published).ToArray();
        var english = published.FirstOrDefault(t => t.Language == Languages.English);
        if (english is null)
            return null; // an article is public only once its English original is
        var text = published.FirstOrDefault(t => t.Language == language) ?? english;
        var available = published.Select(t => t.Language)
            .OrderBy(Languages.IndexOf).ToArray();
        return new ArticleView(article.Id, article.Slug, article.Category, article.Order, language, text, english.Revision, available);
    }

    private Task<Snapshot> GetSnapshotAsync() => current ??= LoadAsync();

    private async Task<Snapshot> LoadAsync()
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var articles = await db.Articles.AsNoTracking().Include(a => a.Translations).ToListAsync();
            return new Snapshot(articles);
        }
        catch
        {
            current = null; // a failed load must not be cached
            throw;
        }
    }
}
