using Microsoft.EntityFrameworkCore;
using Portal.Articles;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Admin;

/// <summary>
/// A translation as loaded for editing: <see cref="Text"/> is its newest text (the pending draft, if any), and
/// <see cref="Revision"/> that text's number; <see cref="PublishedRevision"/> is what the public site shows, if anything.
/// <see cref="Version"/> is what a later save is checked against.
/// </summary>
public sealed record EditableTranslation(
    int ArticleId, string Slug, string Category, int Order, string Language,
    TranslationText Text, TranslationStatus Status, int Revision, Guid? Version, TranslationText? English, int? EnglishRevision,
    int? PublishedRevision = null)
{
    /// <summary>False while the language has no translation yet: the first save creates it.</summary>
    public bool Exists => Version is not null;

    /// <summary>Published, with newer text saved as a draft that the public does not see yet.</summary>
    public bool HasPendingDraft => Status == TranslationStatus.Published && PublishedRevision != Revision;
}

/// <summary><see cref="StorageUnavailable"/>: the database or its folder refused the write (read-only, full disk); nothing changed.</summary>
public enum SaveOutcome { Saved, Conflict, NotFound, Invalid, StorageUnavailable }

/// <summary>
/// The result of a save. On <see cref="SaveOutcome.Conflict"/>, <see cref="Current"/> is what the other
/// editor saved meanwhile, with its new version: merge, then save again against that version.
/// </summary>
public sealed record SaveResult(SaveOutcome Outcome, EditableTranslation? Current);

public enum PublishChange { Keep, Publish, Unpublish }

public enum CreateArticleProblem { None, InvalidSlug, DuplicateSlug, MissingTitle }

/// <summary>
/// Loads and saves translations for the admin editor. Every change of text becomes a new immutable revision;
/// a save made from an outdated version is refused (optimistic concurrency on <see cref="ArticleTranslation.Version"/>),
/// so two editors never overwrite each other. Saving a published translation keeps the public text and leaves the
/// new text as a pending draft; publishing makes the newest text public at once.
/// </summary>
public sealed class TranslationEditor(IDbContextFactory<PortalDbContext> dbFactory, ChangeFeed changes, AuditLog audit, TimeProvider clock,
    PortalPaths paths, ILogger<TranslationEditor> logger)
{
    public async Task<EditableTranslation?> LoadAsync(string slug, string language)
    {
        if (!Languages.IsSupported(language))
            return null;
        await using var db = await dbFactory.CreateDbContextAsync();
        var article = await db.Articles.AsNoTracking().Include(a => a.Translations).FirstOrDefaultAsync(a => a.Slug == slug);
        return article is null ? null : await EditableAsync(db, article, language);
    }

    public async Task<(string? Slug, CreateArticleProblem Problem)> CreateArticleAsync(string slug, string title, string category, int order, string actor)
    {
        slug = slug.Trim().ToLowerInvariant();
        if (!FrontMatterParser.IsValidSlug(slug))
            return (null, CreateArticleProblem.InvalidSlug);
        if (string.IsNullOrWhiteSpace(title))
            return (null, CreateArticleProblem.MissingTitle);
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Articles.AnyAsync(a => a.Slug == slug))
            return (null, CreateArticleProblem.DuplicateSlug);

        var article = new Article { Slug = slug, Category = string.IsNullOrWhiteSpace(category) ? "general" : category.Trim(), Order = order };
        var english = new ArticleTranslation
        {
            Article = article, Language = Languages.English, Title = title.Trim(), Status = TranslationStatus.Draft,
            Revision = 1, Updated = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
        };
        english.Revisions.Add(ArticleRevision.Of(english, TranslationText.Of(english), english.Revision, actor, clock.GetUtcNow()));
        db.Articles.Add(article);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException) { return (null, CreateArticleProblem.DuplicateSlug); }
        await audit.RecordAsync(actor, AuditActions.ArticleCreated, slug);
        return (slug, CreateArticleProblem.None);
    }

    /// <summary>
    /// Saves <paramref name="text"/> as a new revision when it differs from the newest one, and applies the publish
    /// change. With <see cref="PublishChange.Keep"/> a published translation keeps its public text and the new text
    /// waits as a draft; <see cref="PublishChange.Publish"/> makes the newest text public; <see cref="PublishChange.Unpublish"/>
    /// takes the translation off the public site. <paramref name="expectedVersion"/> is the version the editor started
    /// from (null: creating the translation); English saves may also change the article's category and order.
    /// </summary>
    public async Task<SaveResult> SaveAsync(string slug, string language, TranslationText text, Guid? expectedVersion,
        PublishChange publish, string actor, (string Category, int Order)? articleFields = null, bool audited = true)
    {
        try
        {
            return await SaveOrThrowAsync(slug, language, text, expectedVersion, publish, actor, articleFields, audited);
        }
        catch (Exception e) when (StorageFaults.IsStorageFault(e))
        {
            logger.LogError("Cannot save {Slug}/{Language}: {Reason}. Make the data folder writable (or free disk space); reading is unaffected",
                slug, language, StorageFaults.Describe(paths.DatabaseFile, e));
            return new SaveResult(SaveOutcome.StorageUnavailable, null);
        }
    }

    private async Task<SaveResult> SaveOrThrowAsync(string slug, string language, TranslationText text, Guid? expectedVersion,
        PublishChange publish, string actor, (string Category, int Order)? articleFields, bool audited)
    {
        if (!Languages.IsSupported(language) || string.IsNullOrWhiteSpace(text.Title))
            return new SaveResult(SaveOutcome.Invalid, null);
        text = Clean(text, language);

        await using var db = await dbFactory.CreateDbContextAsync();
        var article = await db.Articles.Include(a => a.Translations).FirstOrDefaultAsync(a => a.Slug == slug);
        if (article is null)
            return new SaveResult(SaveOutcome.NotFound, null);

        var translation = article.Translations.FirstOrDefault(t => t.Language == language);
        if (translation is null && expectedVersion is not null)
            return new SaveResult(SaveOutcome.NotFound, null);
        if (translation is not null && expectedVersion is null)
            return new SaveResult(SaveOutcome.Conflict, await EditableAsync(db, article, language)); // someone created it meanwhile

        ArticleRevision? pendingDraft = null;
        if (translation is null)
        {
            translation = new ArticleTranslation { Article = article, Language = language, Title = text.Title, Status = TranslationStatus.Draft };
            article.Translations.Add(translation);
        }
        else
        {
            // The version this editor saw, not the one just read: if they differ, SQLite's UPDATE matches no row.
            db.Entry(translation).Property(t => t.Version).OriginalValue = expectedVersion!.Value;
            if (translation.DraftRevision is { } draftNumber)
                pendingDraft = await db.Revisions.FirstAsync(r => r.TranslationId == translation.Id && r.Number == draftNumber);
        }

        var newest = pendingDraft is null ? TranslationText.Of(translation) : TranslationText.Of(pendingDraft);
        var textChanged = translation.Id == 0 || newest != text;
        var newestNumber = translation.LatestRevision;
        var statusBefore = translation.Status;
        var publishedBefore = translation.Revision;
        ArticleRevision? newRevision = null;
        if (textChanged)
        {
            newestNumber = translation.Id == 0 ? 1 : translation.LatestRevision + 1;
            newRevision = ArticleRevision.Of(translation, text, newestNumber, actor, clock.GetUtcNow());
            db.Revisions.Add(newRevision);
            newest = text;
        }

        translation.Status = publish switch
        {
            PublishChange.Publish => TranslationStatus.Published,
            PublishChange.Unpublish => TranslationStatus.Draft,
            _ => translation.Status,
        };
        var staysPublic = statusBefore == TranslationStatus.Published && translation.Status == TranslationStatus.Published && publish == PublishChange.Keep;
        if (staysPublic && newestNumber != translation.Revision)
            translation.DraftRevision = newestNumber; // the public keeps what it had; the new text waits
        else
        {
            Apply(translation, newest);
            translation.Revision = newestNumber;
            translation.DraftRevision = null;
        }
        // In the history, a revision says whether it went public.
        var isPublic = translation.Status == TranslationStatus.Published && translation.DraftRevision is null;
        if (newRevision is not null)
            newRevision.Status = isPublic ? TranslationStatus.Published : TranslationStatus.Draft;
        else if (pendingDraft is not null && isPublic)
            pendingDraft.Status = TranslationStatus.Published;

        if (language == Languages.English && articleFields is { } fields)
        {
            article.Category = string.IsNullOrWhiteSpace(fields.Category) ? article.Category : fields.Category.Trim();
            article.Order = fields.Order;
        }
        translation.Version = Guid.NewGuid();

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (!StorageFaults.IsStorageFault(e)) // DbUpdateConcurrencyException, or the revision number / new translation taken by the other save
        {
            return new SaveResult(SaveOutcome.Conflict, await LoadAsync(slug, language));
        }

        var publicChanged = translation.Status != statusBefore
            || (translation.Status == TranslationStatus.Published && translation.Revision != publishedBefore);
        if (publicChanged)
            await changes.PublishAsync(ChangeKind.Articles);
        var target = $"{slug}/{language}";
        // A caller that audits the whole change as one action (a restore) writes its own entry.
        if (textChanged && audited)
            await audit.RecordAsync(actor, AuditActions.Saved, target, AuditDetails.Revision(newestNumber, translation.DraftRevision is not null));
        if (publicChanged && audited)
            await audit.RecordAsync(actor, translation.Status == TranslationStatus.Published ? AuditActions.Published : AuditActions.Unpublished,
                target, AuditDetails.Revision(translation.Revision, draft: false));
        return new SaveResult(SaveOutcome.Saved, await LoadAsync(slug, language));
    }

    private static void Apply(ArticleTranslation translation, TranslationText text)
    {
        translation.Title = text.Title;
        translation.Summary = text.Summary;
        translation.Body = text.Body;
        translation.Tags = text.Tags;
        translation.Updated = text.Updated;
        translation.SourceRevision = text.SourceRevision;
    }

    /// <summary>The same normal form the importer produces, so an unchanged form is recognized as unchanged.</summary>
    private static TranslationText Clean(TranslationText text, string language) => text with
    {
        Title = text.Title.Trim(),
        Summary = text.Summary.Trim(),
        Body = text.Body.Replace("\r\n", "\n").Trim('\n'),
        Tags = string.Join(", ", text.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant()).Distinct()),
        SourceRevision = language == Languages.English ? null : text.SourceRevision,
    };

    private static async Task<EditableTranslation> EditableAsync(PortalDbContext db, Article article, string language)
    {
        var english = article.Translations.FirstOrDefault(t => t.Language == Languages.English);
        var translation = article.Translations.FirstOrDefault(t => t.Language == language);
        var draft = translation?.DraftRevision is { } number
            ? await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.TranslationId == translation.Id && r.Number == number)
            : null;
        var text = translation is null
            ? new TranslationText("", "", "", english?.Tags ?? "", english?.Updated ?? DateOnly.MinValue, english?.Revision)
            : draft is not null ? TranslationText.Of(draft) : TranslationText.Of(translation);
        return new EditableTranslation(article.Id, article.Slug, article.Category, article.Order, language, text,
            translation?.Status ?? TranslationStatus.Draft, draft?.Number ?? translation?.Revision ?? 0, translation?.Version,
            language == Languages.English || english is null ? null : TranslationText.Of(english), english?.Revision,
            translation?.Status == TranslationStatus.Published ? translation.Revision : null);
    }
}
