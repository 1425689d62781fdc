using Microsoft.Extensions.Options;
using Portal.Articles.Search;

namespace Portal.Articles;

public sealed record SearchHit(ArticleView Article, IReadOnlyList<SnippetPart> Snippet, float Score);

/// <summary>
/// One page of the hits of a reader's search, how many articles matched in all, and a corrected query when nothing
/// did. <see cref="Page"/> counts from 1 and is never past the last page.
/// </summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, string? DidYouMean, int Page = 1, int PageSize = 10)
{
    public static SearchResults Empty { get; } = new([], 0, null);

    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;

    /// <summary>The position of the page's first hit in the whole ranking, from 1.</summary>
    public int FirstPosition => (Page - 1) * PageSize + 1;
}

/// <summary>An article the search box offers while the reader types (the JSON of <c>/api/search/suggest</c>).</summary>
public sealed record ArticleSuggestion(string Title, string Url, string Category);

/// <summary>
/// The help center's search: one Lucene index per language (<see cref="LanguageIndex"/>) over the articles that
/// <see cref="ArticleLibrary"/> publishes. An index follows the library's snapshot: it is built at start
/// (<see cref="WarmAsync"/>), brought up to date in the background whenever the library changes, and checked against
/// the current snapshot before every search, so an unpublished article is never found once the library has dropped it.
/// </summary>
public sealed class ArticleSearch : IDisposable
{
    private const int SuggestionCount = 6;

    private readonly ArticleLibrary library;
    private readonly ILogger<ArticleSearch> logger;
    private readonly Dictionary<string, LanguageState> languages;

    /// <summary>Deep pages cost a ranking that deep; nobody reads this far.</summary>
    public const int MaxPage = 1000;

    private readonly SearchSynonymsFile synonyms;
    private readonly int pageSize;

    public ArticleSearch(ArticleLibrary library, SearchSynonymsFile synonyms, IOptions<SearchOptions> options, ILogger<ArticleSearch> logger)
    {
        this.library = library;
        this.synonyms = synonyms;
        this.logger = logger;
        pageSize = Math.Clamp(options.Value.PageSize, 1, 100);
        languages = Languages.All.ToDictionary(l => l.Code, l => new LanguageState(new LanguageIndex(l.Code, synonyms.Current)), StringComparer.Ordinal);
        library.Changed += OnLibraryChanged;
        synonyms.Changed += OnSynonymsChanged;
    }

    /// <summary>Page <paramref name="page"/> (from 1) of the ranked hits; a page past the last is the last.</summary>
    public async Task<SearchResults> SearchAsync(string? query, string language, string? category = null, int page = 1)
    {
        if (string.IsNullOrWhiteSpace(query) || !languages.TryGetValue(language, out var state))
            return SearchResults.Empty;
        var articles = await CurrentAsync(language, state);
        page = Math.Clamp(page, 1, MaxPage);
        var result = state.Index.Search(query, category, pageSize, skip: (page - 1) * pageSize);
        if (result.Hits.Count == 0 && result.Total > 0)
        {
            page = (result.Total + pageSize - 1) / pageSize;
            result = state.Index.Search(query, category, pageSize, skip: (page - 1) * pageSize);
        }
        var hits = result.Hits
            .Select(hit => articles.TryGetValue(hit.Slug, out var article) ? new SearchHit(article, hit.Snippet, hit.Score) : null)
            .OfType<SearchHit>()
            .ToArray();
        return new SearchResults(hits, result.Total, result.DidYouMean, page, pageSize);
    }

    public async Task<IReadOnlyList<ArticleSuggestion>> SuggestAsync(string? query, string language, Func<string, string> categoryName)
    {
        if (string.IsNullOrWhiteSpace(query) || !languages.TryGetValue(language, out var state))
            return [];
        var articles = await CurrentAsync(language, state);
        return state.Index.Suggest(query, SuggestionCount)
            .Select(hit => articles.TryGetValue(hit.Slug, out var article)
                ? new ArticleSuggestion(article.Title, $"/{language}/articles/{article.Slug}", categoryName(article.Category))
                : null)
            .OfType<ArticleSuggestion>()
            .ToArray();
    }

    /// <summary>Brings every language's index up to the library's current snapshot (start-up, and after each change).</summary>
    public async Task WarmAsync()
    {
        foreach (var (code, state) in languages)
            await CurrentAsync(code, state);
    }

    private void OnLibraryChanged() => _ = Task.Run(async () =>
    {
        try
        {
            await WarmAsync();
        }
        catch (Exception e)
        {
            // The next search brings its language up to date itself.
            logger.LogWarning(e, "Updating the search index after a change of the published articles failed");
        }
    });

    /// <summary>New synonym groups: the languages whose groups changed are indexed again, the others are left alone.</summary>
    private void OnSynonymsChanged(SearchSynonyms previous, SearchSynonyms next)
    {
        foreach (var (code, state) in languages)
        {
            if (previous.SameFor(code, next))
                continue;
            try
            {
                state.Index.UseSynonyms(next);
                logger.LogInformation("Search index {Language}: indexed again with the changed synonyms, {Count} article(s)", code, state.Index.Count);
            }
            catch (Exception e)
            {
                // This runs on the file watcher's timer, where an exception would end the process; the language keeps its index.
                logger.LogError(e, "Indexing the {Language} articles again with the changed synonyms failed", code);
            }
        }
    }

    /// <summary>The published articles of a language by slug, with the index holding exactly them.</summary>
    private async Task<IReadOnlyDictionary<string, ArticleView>> CurrentAsync(string language, LanguageState state)
    {
        var articles = await library.ListAsync(language);
        if (ReferenceEquals(state.SyncedWith?.Source, articles))
            return state.SyncedWith.BySlug;
        await state.Gate.WaitAsync();
        try
        {
            if (!ReferenceEquals(state.SyncedWith?.Source, articles))
            {
                var changes = state.Index.Sync(articles.Select(SearchDocument.Of));
                state.SyncedWith = new Synced(articles, articles.ToDictionary(a => a.Slug, StringComparer.Ordinal));
                if (changes > 0)
                    logger.LogInformation("Search index {Language}: {Changes} article(s) indexed or removed, {Count} in all", language, changes, state.Index.Count);
            }
            return state.SyncedWith!.BySlug;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    public void Dispose()
    {
        library.Changed -= OnLibraryChanged;
        synonyms.Changed -= OnSynonymsChanged;
        foreach (var state in languages.Values)
            state.Index.Dispose();
    }

    private sealed record Synced(IReadOnlyList<ArticleView> Source, IReadOnlyDictionary<string, ArticleView> BySlug);

    private sealed class LanguageState(LanguageIndex index)
    {
        public LanguageIndex Index { get; } = index;
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public volatile Synced? SyncedWith;
    }
}
