using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Admin;

public sealed record RevisionSummary(int Number, string Author, DateTimeOffset CreatedAt, TranslationStatus Status, string? SourceFile);

/// <summary>
/// The revisions of one translation: list, compare, restore. Restoring copies an old revision's text into a
/// new revision through the editor, so the history only ever grows; a published translation publishes it at once.
/// </summary>
public sealed class RevisionHistory(IDbContextFactory<PortalDbContext> dbFactory, TranslationEditor editor, AuditLog audit)
{
    public async Task<IReadOnlyList<RevisionSummary>> ListAsync(string slug, string language)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await Revisions(db, slug, language)
            .OrderByDescending(r => r.Number)
            .Select(r => new RevisionSummary(r.Number, r.Author, r.CreatedAt, r.Status, r.SourceFile))
            .ToListAsync();
    }

    public async Task<TranslationText?> TextAsync(string slug, string language, int number)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var revision = await Revisions(db, slug, language).FirstOrDefaultAsync(r => r.Number == number);
        return revision is null ? null : TranslationText.Of(revision);
    }

    /// <summary>The body diff, plus the front matter fields as lines, so a changed title shows too.</summary>
    public async Task<IReadOnlyList<DiffLine>?> DiffAsync(string slug, string language, int from, int to)
    {
        var before = await TextAsync(slug, language, from);
        var after = await TextAsync(slug, language, to);
        return before is null || after is null ? null : RevisionDiff.Compare(Flatten(before), Flatten(after));
    }

    public async Task<SaveResult> RestoreAsync(string slug, string language, int number, string actor)
    {
        var old = await TextAsync(slug, language, number);
        var current = await editor.LoadAsync(slug, language);
        if (old is null || current is not { Exists: true })
            return new SaveResult(SaveOutcome.NotFound, null);
        // Restoring is an undo: on a published translation the old text goes public again, otherwise it is the new draft.
        var publish = current.Status == TranslationStatus.Published ? PublishChange.Publish : PublishChange.Keep;
        // One restore is one audit entry: the save and the publish it causes are part of it.
        var result = await editor.SaveAsync(slug, language, old, current.Version, publish, actor, audited: false);
        if (result.Outcome == SaveOutcome.Saved)
            await audit.RecordAsync(actor, AuditActions.Restored, $"{slug}/{language}",
                AuditDetails.Restored(number, result.Current!.Revision, publish == PublishChange.Publish));
        return result;
    }

    private static IQueryable<ArticleRevision> Revisions(PortalDbContext db, string slug, string language) =>
        db.Revisions.AsNoTracking().Where(r => r.Translation.Article.Slug == slug && r.Translation.Language == language);

    private static string Flatten(TranslationText text) =>
        $"title: {text.Title}\nsummary: {text.Summary}\ntags: {text.Tags}\nupdated: {text.Updated:yyyy-MM-dd}\n"
        + (text.SourceRevision is { } source ? $"source_revision: {source}\n" : "") + "\n" + text.Body;
}
