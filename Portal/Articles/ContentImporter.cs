using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Articles;

/// <summary>A content file that changed while the portal's translation changed too.</summary>
public sealed record ContentConflict(string Path, string FileHash, ArticleDocument File, ArticleTranslation Portal);

/// <summary>What one import of content/ did; problems are also logged.</summary>
public sealed record ImportResult(int Added, int Updated, int Unchanged, IReadOnlyList<ContentProblem> Problems, IReadOnlyList<string> Conflicts);

/// <summary>
/// Brings content/ into the database on start. A new or changed file becomes a new revision, tagged
/// with the file's path and hash. A file never overwrites a translation that was edited in the portal
/// after the last import: that is reported as a conflict for an admin to resolve.
/// </summary>
public sealed class ContentImporter(IDbContextFactory<PortalDbContext> dbFactory, PortalPaths paths, ChangeFeed changes, ILogger<ContentImporter> logger, TimeProvider clock)
{
    public const string ImportAuthor = "content/";

    public async Task<ImportResult> ImportAsync(CancellationToken cancellationToken = default)
    {
        var problems = new List<ContentProblem>();
        var files = ReadContentFolder(problems);
        var documents = Validate(files, problems);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var articles = await db.Articles.Include(a => a.Translations).ToDictionaryAsync(a => a.Slug, cancellationToken);
        var agreements = await AgreementsAsync(db, documents, cancellationToken);
        int added = 0, updated = 0, unchanged = 0;
        var conflicts = new List<string>();
        var applied = new List<(ContentFile File, ArticleTranslation Translation)>();

        foreach (var file in documents.OrderBy(f => f.Document.Language == Languages.English ? 0 : 1))
        {
            var doc = file.Document;
            if (!articles.TryGetValue(doc.Slug, out var article))
            {
                article = new Article { Slug = doc.Slug };
                db.Articles.Add(article);
                articles[doc.Slug] = article;
            }

            var translation = article.Translations.FirstOrDefault(t => t.Language == doc.Language);
            if (translation is null)
            {
                SetArticleFields(article, doc);
                translation = new ArticleTranslation { Language = doc.Language, Title = doc.Title, Article = article };
                article.Translations.Add(translation);
                Apply(translation, doc, doc.Revision ?? 1);
                translation.Revisions.Add(Snapshot(translation, file, ImportAuthor));
                applied.Add((file, translation));
                added++;
                continue;
            }

            switch (agreements.Classify(file, translation))
            {
                case FileState.Unchanged:
                    unchanged++;
                    continue;
                case FileState.Conflict:
                    conflicts.Add(file.RelativePath);
                    logger.LogWarning(
                        "Content file {Path} changed, but '{Slug}' ({Language}) was edited in the portal since the last import or export (now revision {Revision}); the file was not applied. Resolve it in /admin/sync.",
                        file.RelativePath, doc.Slug, doc.Language, translation.LatestRevision);
                    continue;
            }

            SetArticleFields(article, doc);
            Apply(translation, doc, Math.Max(translation.LatestRevision + 1, doc.Revision ?? 0));
            db.Revisions.Add(Snapshot(translation, file, ImportAuthor));
            applied.Add((file, translation));
            updated++;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (file, translation) in applied)
            RecordSync(db, agreements.Syncs.GetValueOrDefault(file.RelativePath), file.RelativePath, file.Hash, translation);
        await db.SaveChangesAsync(cancellationToken);
        // What readers see changes with what was applied; the importer says so itself rather than each caller.
        if (applied.Count > 0)
            await changes.PublishAsync(ChangeKind.Articles, cancellationToken);
        // Logged here only: the sync page reads the folder again on every visit and must not repeat them.
        foreach (var problem in problems)
            logger.LogWarning("Content problem in {Path}: {Message}", problem.Path, problem.Message);
        logger.LogInformation("Imported content from {Directory}: {Added} new, {Updated} changed, {Unchanged} unchanged, {Problems} problems, {Conflicts} conflicts.",
            paths.ContentDirectory, added, updated, unchanged, problems.Count, conflicts.Count);
        return new ImportResult(added, updated, unchanged, problems, conflicts);
    }

    /// <summary>
    /// The files of content/ that changed while the portal's translation changed too: neither side is applied
    /// until an admin picks one (<see cref="TakeFileAsync"/>, or exporting the portal's version over the file).
    /// </summary>
    public async Task<IReadOnlyList<ContentConflict>> FindConflictsAsync(CancellationToken cancellationToken = default)
    {
        var documents = Validate(ReadContentFolder([]), []);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agreements = await AgreementsAsync(db, documents, cancellationToken);
        var translations = await db.Translations.AsNoTracking().Include(t => t.Article)
            .ToDictionaryAsync(t => (t.Article.Slug, t.Language), cancellationToken);
        return documents
            .Select(file => (File: file, Translation: translations.GetValueOrDefault((file.Document.Slug, file.Document.Language))))
            .Where(p => p.Translation is not null && agreements.Classify(p.File, p.Translation) == FileState.Conflict)
            .Select(p => new ContentConflict(p.File.RelativePath, p.File.Hash, p.File.Document, p.Translation!))
            .ToArray();
    }

    /// <summary>Applies one conflicting file as a new revision, if it is still the file the admin looked at.</summary>
    public async Task<bool> TakeFileAsync(string relativePath, string expectedHash, string actor)
    {
        var file = Validate(ReadContentFolder([]), []).FirstOrDefault(f => f.RelativePath == relativePath);
        if (file is null || file.Hash != expectedHash)
            return false;
        await using var db = await dbFactory.CreateDbContextAsync();
        var translation = await db.Translations.Include(t => t.Article)
            .FirstOrDefaultAsync(t => t.Article.Slug == file.Document.Slug && t.Language == file.Document.Language);
        if (translation is null)
            return false;
        SetArticleFields(translation.Article, file.Document);
        Apply(translation, file.Document, translation.LatestRevision + 1);
        db.Revisions.Add(Snapshot(translation, file, actor));
        await db.SaveChangesAsync();
        RecordSync(db, await db.ContentSync.FirstOrDefaultAsync(s => s.Path == relativePath), relativePath, file.Hash, translation);
        await db.SaveChangesAsync();
        await changes.PublishAsync(ChangeKind.Articles);
        return true;
    }

    /// <summary>Notes that <paramref name="relativePath"/> now holds exactly <paramref name="translation"/>'s current revision.</summary>
    public static void RecordSync(PortalDbContext db, ContentFileSync? sync, string relativePath, string hash, ArticleTranslation translation)
    {
        if (sync is null)
        {
            sync = new ContentFileSync { Path = relativePath, Hash = hash };
            db.ContentSync.Add(sync);
        }
        sync.Hash = hash;
        sync.TranslationId = translation.Id;
        sync.Revision = translation.Revision;
        sync.SyncedAt = DateTimeOffset.UtcNow;
    }

    public static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>The newest revision of a translation that was imported from a file.</summary>
    public sealed record LastImport(int TranslationId, int Revision, string Path, string? Hash);

    /// <summary>
    /// The newest imported revision of every translation, read in one query: what content/ last held where no
    /// <see cref="ContentFileSync"/> says so (databases from before export existed).
    /// </summary>
    public static Task<Dictionary<int, LastImport>> LastImportsAsync(PortalDbContext db, CancellationToken cancellationToken = default) =>
        db.Revisions.AsNoTracking()
            .Where(r => r.SourceFile != null
                && r.Number == db.Revisions.Where(o => o.TranslationId == r.TranslationId && o.SourceFile != null).Max(o => o.Number))
            .Select(r => new LastImport(r.TranslationId, r.Number, r.SourceFile!, r.SourceFileHash))
            .ToDictionaryAsync(l => l.TranslationId, cancellationToken);

    private enum FileState { Unchanged, Changed, Conflict }

    /// <summary>
    /// The last point where each file and its translation agreed (an import or an export), read once for all files;
    /// the imported revisions are read only when some file has no sync record.
    /// </summary>
    private static async Task<Agreements> AgreementsAsync(PortalDbContext db, IReadOnlyCollection<ContentFile> files, CancellationToken cancellationToken)
    {
        var syncs = await db.ContentSync.ToDictionaryAsync(s => s.Path, cancellationToken);
        var lastImports = files.All(f => syncs.ContainsKey(f.RelativePath)) ? [] : await LastImportsAsync(db, cancellationToken);
        return new Agreements(syncs, lastImports);
    }

    private sealed record Agreements(Dictionary<string, ContentFileSync> Syncs, Dictionary<int, LastImport> LastImports)
    {
        /// <summary>Compares the file and the translation with the last point where they agreed.</summary>
        public FileState Classify(ContentFile file, ArticleTranslation translation)
        {
            var lastImport = LastImports.GetValueOrDefault(translation.Id);
            var (agreedHash, agreedRevision) = Syncs.GetValueOrDefault(file.RelativePath) is { } sync
                ? (sync.Hash, sync.Revision)
                : (lastImport?.Hash, lastImport?.Revision);
            if (agreedHash == file.Hash)
                return FileState.Unchanged;
            // A pending draft is a portal edit too: the file must not silently replace it.
            return agreedRevision is null || translation.LatestRevision > agreedRevision ? FileState.Conflict : FileState.Changed;
        }
    }

    private static void SetArticleFields(Article article, ArticleDocument doc)
    {
        if (doc.Language != Languages.English)
            return;
        article.Category = doc.Category;
        article.Order = doc.Order;
    }

    private sealed record ContentFile(string RelativePath, string Hash, ArticleDocument Document);

    private List<ContentFile> ReadContentFolder(List<ContentProblem> problems)
    {
        var files = new List<ContentFile>();
        var root = paths.ContentDirectory;
        if (!Directory.Exists(root))
        {
            Report(problems, root, "the content folder does not exist; the site starts with the articles already in the database");
            return files;
        }
        IEnumerable<string> directories;
        try
        {
            directories = Directory.GetDirectories(root).Order(StringComparer.Ordinal).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report(problems, root, $"the content folder cannot be read ({e.Message})");
            return files;
        }

        foreach (var directory in directories)
        {
            var language = Path.GetFileName(directory);
            if (!Languages.IsSupported(language))
            {
                Report(problems, directory, $"'{language}' is not one of the portal's languages ({string.Join(", ", Languages.All.Select(l => l.Code))}); its files are ignored");
                continue;
            }
            foreach (var path in SafeList(directory, problems))
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                byte[] bytes;
                try { bytes = File.ReadAllBytes(path); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Report(problems, relative, $"cannot be read ({e.Message})");
                    continue;
                }
                var (document, error) = FrontMatterParser.Parse(System.Text.Encoding.UTF8.GetString(bytes), language.ToLowerInvariant());
                if (document is null)
                {
                    Report(problems, relative, error!);
                    continue;
                }
                files.Add(new ContentFile(relative, Hash(bytes), document));
            }
        }
        return files;
    }

    private IEnumerable<string> SafeList(string directory, List<ContentProblem> problems)
    {
        try { return Directory.GetFiles(directory, "*.md").Order(StringComparer.Ordinal).ToArray(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report(problems, directory, $"cannot be listed ({e.Message})");
            return [];
        }
    }

    /// <summary>Drops duplicate slugs within a language and translations whose English original is missing.</summary>
    private List<ContentFile> Validate(List<ContentFile> files, List<ContentProblem> problems)
    {
        var kept = new List<ContentFile>();
        foreach (var group in files.GroupBy(f => (f.Document.Language, f.Document.Slug)))
        {
            kept.Add(group.First());
            foreach (var duplicate in group.Skip(1))
                Report(problems, duplicate.RelativePath, $"slug '{duplicate.Document.Slug}' is already used by {group.First().RelativePath}; this file is ignored");
        }
        var english = kept.Where(f => f.Document.Language == Languages.English).Select(f => f.Document.Slug).ToHashSet();
        foreach (var orphan in kept.Where(f => !english.Contains(f.Document.Slug)).ToArray())
        {
            Report(problems, orphan.RelativePath, $"there is no English original with slug '{orphan.Document.Slug}' (content/en/); this translation is ignored");
            kept.Remove(orphan);
        }
        return kept;
    }

    private static void Report(List<ContentProblem> problems, string path, string message) =>
        problems.Add(new ContentProblem(path, message));

    private static void Apply(ArticleTranslation translation, ArticleDocument doc, int revision)
    {
        translation.Title = doc.Title;
        translation.Summary = doc.Summary;
        translation.Body = doc.Body;
        translation.Tags = string.Join(", ", doc.Tags);
        translation.Updated = doc.Updated;
        translation.Status = TranslationStatus.Published;
        translation.Revision = revision;
        translation.DraftRevision = null; // a file applied over a draft supersedes it; the draft stays in the history
        translation.SourceRevision = doc.Language == Languages.English ? null : doc.SourceRevision;
        translation.Version = Guid.NewGuid();
    }

    private ArticleRevision Snapshot(ArticleTranslation translation, ContentFile file, string author) =>
        ArticleRevision.Of(translation, TranslationText.Of(translation), translation.Revision, author, clock.GetUtcNow(), file.RelativePath, file.Hash);
}
