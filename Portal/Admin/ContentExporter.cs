using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Articles;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Admin;

public sealed record ExportResult(IReadOnlyList<string> Written, int Unchanged, IReadOnlyList<string> SkippedConflicts);

/// <summary>
/// Writes the published articles back to content/ so that the repository holds what the site shows.
/// A file that changed outside the portal since the last sync is left alone (it is a conflict to resolve),
/// unless the admin chose to keep the portal's version for exactly that file.
/// </summary>
public sealed class ContentExporter(IDbContextFactory<PortalDbContext> dbFactory, PortalPaths paths, ContentImporter importer, AuditLog audit)
{
    public async Task<ExportResult> ExportAllAsync(string actor)
    {
        var conflicts = (await importer.FindConflictsAsync()).Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        var result = await ExportAsync(onlyPath: null, conflicts);
        await audit.RecordAsync(actor, AuditActions.Exported, paths.ContentDirectory,
            AuditDetails.Exported(result.Written.Count, result.Unchanged, result.SkippedConflicts.Count));
        return result;
    }

    /// <summary>Resolves a conflict in the portal's favour: its published version overwrites the file.</summary>
    public async Task<bool> KeepPortalVersionAsync(string relativePath, string actor)
    {
        var result = await ExportAsync(relativePath, skip: new HashSet<string>());
        if (result.Written.Count == 0)
            return false;
        await audit.RecordAsync(actor, AuditActions.ConflictResolved, relativePath, AuditDetails.KeptPortal);
        return true;
    }

    private async Task<ExportResult> ExportAsync(string? onlyPath, IReadOnlySet<string> skip)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var published = await db.Translations.Include(t => t.Article)
            .Where(t => t.Status == TranslationStatus.Published).ToListAsync();
        var allSyncs = await db.ContentSync.ToListAsync();
        var syncs = allSyncs.GroupBy(s => s.TranslationId).ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.SyncedAt).First());
        var syncsByPath = allSyncs.ToDictionary(s => s.Path, StringComparer.Ordinal);
        var lastImports = published.All(t => syncs.ContainsKey(t.Id)) ? [] : await ContentImporter.LastImportsAsync(db);
        var written = new List<string>();
        var skipped = new List<string>();
        var unchanged = 0;

        foreach (var translation in published.OrderBy(t => t.Language, StringComparer.Ordinal).ThenBy(t => t.Article.Slug, StringComparer.Ordinal))
        {
            var sync = syncs.GetValueOrDefault(translation.Id);
            var relative = sync?.Path ?? lastImports.GetValueOrDefault(translation.Id)?.Path ?? $"{translation.Language}/{translation.Article.Slug}.md";
            if (onlyPath is not null && relative != onlyPath)
                continue;
            if (skip.Contains(relative))
            {
                skipped.Add(relative);
                continue;
            }

            var bytes = Encoding.UTF8.GetBytes(FrontMatterWriter.Write(Document(translation)));
            var hash = ContentImporter.Hash(bytes);
            var full = Path.Combine(paths.ContentDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(full) && ContentImporter.Hash(await File.ReadAllBytesAsync(full)) == hash)
                unchanged++;
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                await File.WriteAllBytesAsync(full, bytes);
                written.Add(relative);
            }
            ContentImporter.RecordSync(db, sync ?? syncsByPath.GetValueOrDefault(relative), relative, hash, translation);
        }
        await db.SaveChangesAsync();
        return new ExportResult(written, unchanged, skipped);
    }

    private static ArticleDocument Document(ArticleTranslation t) => new(
        t.Language, t.Article.Slug, t.Title, t.Summary, t.Article.Category, t.Article.Order, t.Updated,
        t.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        t.Language == Languages.English ? t.Revision : null, t.SourceRevision, t.Body);
}
