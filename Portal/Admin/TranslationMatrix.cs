using Microsoft.EntityFrameworkCore;
using Portal.Articles;
using Portal.Data;

namespace Portal.Admin;

public enum TranslationState { Missing, UpToDate, Stale, Draft }

public sealed record MatrixRow(string Slug, string Title, string Category, int EnglishRevision, IReadOnlyDictionary<string, TranslationState> States);

/// <summary>
/// For every article and language: missing, draft (never published, unpublished, or published with unpublished
/// changes), stale (made from an older English revision than the published one) or up to date. What translators look at first.
/// </summary>
public sealed class TranslationMatrix(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<MatrixRow>> BuildAsync(TranslationState? filter = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var articles = await db.Articles.AsNoTracking().Include(a => a.Translations).ToListAsync();
        return articles
            .OrderBy(a => a.Order).ThenBy(a => a.Slug, StringComparer.Ordinal)
            .Select(Row)
            .Where(row => filter is null || row.States.Values.Contains(filter.Value))
            .ToArray();
    }

    public static TranslationState State(ArticleTranslation? translation, int englishRevision) => translation switch
    {
        null => TranslationState.Missing,
        { Status: TranslationStatus.Draft } => TranslationState.Draft,
        { HasPendingDraft: true } => TranslationState.Draft, // published, with changes the public does not see yet
        { Language: Languages.English } => TranslationState.UpToDate,
        { SourceRevision: var source } when source is null || source < englishRevision => TranslationState.Stale,
        _ => TranslationState.UpToDate,
    };

    private static MatrixRow Row(Article article)
    {
        var english = article.Translations.FirstOrDefault(t => t.Language == Languages.English);
        var englishRevision = english?.Revision ?? 0;
        var states = Languages.All.ToDictionary(l => l.Code,
            l => State(article.Translations.FirstOrDefault(t => t.Language == l.Code), englishRevision));
        return new MatrixRow(article.Slug, english?.Title ?? article.Slug, article.Category, englishRevision, states);
    }
}
